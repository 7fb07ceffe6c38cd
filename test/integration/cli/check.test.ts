// The built `sbc-studio check` against real peers on loopback: sipp over UDP, kamailio over TLS
// (with mutual TLS), dnsmasq for names. Asserts the Nagios exit codes 0/1/2/3, the first line a
// monitoring system shows, and the --json shape. Needs `npm run build` (or `node scripts/build.ts
// cli`) first, as `npm test` does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKamailioTls, type KamailioTls } from '../../helpers/kamailio-tls.ts';
import { createOpensslPki, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { freeTcpUdpPort } from '../../helpers/ports.ts';
import { startSippUas } from '../../helpers/sipp-uas.ts';
import { STUDIO_CLI } from '../../helpers/studio-process.ts';
import { startDnsmasq, type Dnsmasq } from '../sbc-engine/dns/dnsmasq.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'interop', 'scenarios');
const HOST = 'sbc.example.com';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, which may be the peer (a silent UDP socket). */
function check(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [STUDIO_CLI, 'check', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('sbc-studio check: exit codes', () => {
  it('0: a 200 over UDP, with Allow', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas.xml'), 'udp');
    try {
      const run = await check(`127.0.0.1:${sipp.port}`, '--timeout', '10');
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /^SIP OK - OK: udp:127\.0\.0\.1:\d+ answered 200 OK in \d+ ms\. \| rtt=\d+ms;1000\n/,
      );
      assert.match(run.stdout, /allow {7}OPTIONS, INVITE, ACK, BYE, CANCEL/);
    } finally {
      await sipp.stop();
    }
  });

  it('1: a 403 means alive but refusing', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas-403.xml'), 'udp');
    try {
      const run = await check(`sip:127.0.0.1:${sipp.port}`, '--timeout', '10');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /^SIP WARNING - SIP_ERROR_RESPONSE: .*403 Forbidden: it is alive but refuses/);
    } finally {
      await sipp.stop();
    }
  });

  it('1: a 200 slower than --slow', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas-slow.xml'), 'udp');
    try {
      const run = await check(`127.0.0.1:${sipp.port}`, '--slow', '100', '--timeout', '10');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /^SIP WARNING - SLOW: .*more than the 100 ms allowed/);
    } finally {
      await sipp.stop();
    }
  });

  it('2: UDP to a closed port is reported from the ICMP error', async () => {
    const run = await check(`127.0.0.1:${await freeTcpUdpPort()}`);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^SIP CRITICAL - UDP_UNREACHABLE: Nothing listens on udp:127\.0\.0\.1:\d+/);
  });

  it('2: TCP refused', async () => {
    const run = await check(`127.0.0.1:${await freeTcpUdpPort()}`, '--transport', 'tcp');
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^SIP CRITICAL - TCP_REFUSED/);
  });

  it('2: a silent UDP peer with --timeout 2 is UDP_NO_ANSWER', async () => {
    const socket = createSocket('udp4');
    let datagrams = 0;
    socket.on('message', () => datagrams++);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const run = await check(`127.0.0.1:${socket.address().port}`, '--timeout', '2', '--json');
      assert.equal(run.status, 2, run.stderr);
      const report = JSON.parse(run.stdout) as { diagnosis: { code: string }; attempts: { sends: number }[] };
      assert.equal(report.diagnosis.code, 'UDP_NO_ANSWER');
      assert.ok(report.attempts[0]!.sends >= 2, 'retransmitted');
      assert.equal(datagrams, report.attempts[0]!.sends);
    } finally {
      socket.close();
    }
  });

  const usage: [string, string[], RegExp][] = [
    ['no target', [], /TARGET is missing/],
    ['an unknown transport', ['127.0.0.1', '--transport', 'sctp'], /--transport: "sctp" is not udp, tcp or tls/],
    ['a count of 0', ['127.0.0.1', '--count', '0'], /--count: "0" is not a whole number of at least 1/],
    ['a timeout that is not a number', ['127.0.0.1', '--timeout', 'soon'], /--timeout: "soon" is not a number of seconds/],
    ['--cert without --key', ['127.0.0.1', '--cert', '/etc/hostname'], /--key is missing/],
    ['a --ca file that does not exist', ['127.0.0.1', '--ca', '/nonexistent/ca.pem'], /--ca \/nonexistent\/ca\.pem: ENOENT/],
    ['a --ca file without a certificate', ['127.0.0.1', '--ca', '/etc/hostname'], /--ca \/etc\/hostname: holds no PEM certificate/],
    ['a bad target', ['sip:bad host'], /TARGET: .*not a usable target/],
    ['an unknown option', ['127.0.0.1', '--colour'], /Unknown option '--colour'/],
    ['a sips target over UDP', ['sips:127.0.0.1', '--transport', 'udp'], /--transport: a sips: target needs TLS/],
  ]; // prettier-ignore
  for (const [name, args, message] of usage) {
    it(`3: ${name}`, async () => {
      const run = await check(...args);
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: sbc-studio check TARGET/);
    });
  }

  it('3 with --json: a machine-readable UNKNOWN', async () => {
    const run = await check('127.0.0.1', '--count', 'x', '--json');
    assert.equal(run.status, 3);
    assert.deepEqual(JSON.parse(run.stdout), {
      status: 'UNKNOWN',
      exitCode: 3,
      error: '--count: "x" is not a whole number of at least 1',
    });
  });
});

describe('sbc-studio check over TLS, by name', () => {
  let pki: OpensslPki;
  let kamailio: KamailioTls;
  let dns: Dnsmasq;
  let client: { cert: string; key: string };

  before(async () => {
    pki = createOpensslPki('ec');
    const server = pki.leaf({ commonName: HOST });
    const chain = pki.bundle('server-chain.pem', [server.certPem, pki.intermediate.certPem]);
    const issued = pki.leaf({ commonName: 'probe.example.com', eku: 'clientAuth' });
    client = {
      cert: pki.bundle('client-chain.pem', [issued.certPem, pki.intermediate.certPem]),
      key: issued.keyPath,
    };
    kamailio = await startKamailioTls([
      { name: 'open', certificatePath: chain, keyPath: server.keyPath },
      { name: 'mtls', certificatePath: chain, keyPath: server.keyPath, clientCaPath: pki.root.certPath },
    ]);
    // The name resolves to loopback through a DNS server on loopback that forwards nothing.
    dns = await startDnsmasq('example.com', [`--host-record=${HOST},127.0.0.1`], HOST);
  });
  after(async () => {
    await kamailio?.stop();
    await dns?.stop();
    pki?.cleanup();
  });

  it('0 with --json: version, chain with fingerprints, trust, answer', async () => {
    const target = `sip:${HOST}:${kamailio.ports.open};transport=tls`;
    const run = await check(target, '--dns', dns.server, '--ca', pki.root.certPath, '--contact-host', 'sbc.example.org', '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.status, 'OK');
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.diagnosis.code, 'OK');
    assert.equal(report.severity, 'ok');
    assert.equal(report.requestUri, target);
    assert.deepEqual(report.destination, { transport: 'tls', address: '127.0.0.1', port: kamailio.ports.open, hostname: HOST });
    assert.equal(report.answer.status, 200);
    assert.equal(typeof report.answer.rttMs, 'number');
    assert.match(report.tls.version, /^TLSv1\.[23]$/);
    assert.equal(typeof report.tls.cipher, 'string');
    assert.equal(report.tls.verified, true);
    assert.deepEqual(report.tls.trust, { source: 'given', certificates: 1 });
    assert.deepEqual(report.tls.nameCheck, { mode: 'wildcard', host: HOST, ok: true });
    assert.equal(report.tls.chain.length, 3);
    assert.match(report.tls.chain[0].subject, /CN=sbc\.example\.com$/);
    assert.deepEqual(report.tls.chain[0].key, { type: 'EC', bits: 256, curve: 'P-256' });
    assert.match(report.tls.chain[0].sha256Fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(report.tls.chain[2].inTrustStore, true);
    assert.deepEqual(report.attempts.map((a: { sequence: number }) => a.sequence), [1]);
  }); // prettier-ignore

  it('2: without the client certificate the mutual-TLS peer rejects the handshake', async () => {
    const run = await check(`sip:${HOST}:${kamailio.ports.mtls};transport=tls`, '--dns', dns.server, '--ca', pki.root.certPath);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /^SIP CRITICAL - TLS_HANDSHAKE_REJECTED: /);
  }); // prettier-ignore

  it('0: with --cert and --key the mutual-TLS peer answers; the text report shows the chain', async () => {
    const run = await check(`sip:${HOST}:${kamailio.ports.mtls};transport=tls`, '--dns', dns.server, '--ca', pki.root.certPath, '--cert', client.cert, '--key', client.key);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /client certificate offered/);
    assert.match(run.stdout, /\[1\] O=SBC Studio Tests, CN=sbc\.example\.com\n/);
    assert.match(run.stdout, /\[3\] O=SBC Studio Tests, CN=SBC Studio Test ECC Root \(trusted CA\)/);
    assert.doesNotMatch(run.stdout + run.stderr, /PRIVATE KEY/);
  }); // prettier-ignore

  it('2: without --ca the private root is not among the public roots, and is named', async () => {
    const run = await check(`sip:${HOST}:${kamailio.ports.open};transport=tls`, '--dns', dns.server);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^SIP CRITICAL - TLS_UNKNOWN_CA: O=SBC Studio Tests, CN=SBC Studio Test ECC Root is not in this connection's trusted CAs/);
  }); // prettier-ignore

  it('2: a name that does not exist is DNS_NXDOMAIN', async () => {
    const run = await check('sips:nosuch.example.com', '--dns', dns.server);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /^SIP CRITICAL - DNS_NXDOMAIN: The name nosuch\.example\.com does not exist/);
  });
});
