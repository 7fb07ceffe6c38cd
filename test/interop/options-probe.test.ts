// The OPTIONS probe (sbc-engine/diag) against real peers on loopback: sipp answering over UDP and
// TCP, kamailio's TLS module serving chains made here with openssl (RSA and ECDSA: valid, expired,
// not yet valid, wrong name, missing intermediate, unknown root, mutual TLS). Each case asserts the
// diagnosis an admin would read.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { probeOptions, type DiagnosisCode, type ProbeOptions } from '../../sbc-engine/diag/index.ts';
import { createFakeResolver } from '../../sbc-engine/sip/locate/fake-resolver.ts';
import { parseMessage } from '../../sbc-engine/sip/parser.ts';
import { getHeader } from '../../sbc-engine/sip/headers.ts';
import { startKamailioTls, type KamailioTls, type KamailioTlsDomain } from '../helpers/kamailio-tls.ts';
import { createOpensslPki, daysFromNow, type OpensslPki } from '../helpers/openssl-pki.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { startSippUas } from '../helpers/sipp-uas.ts';

const SCENARIOS = join(import.meta.dirname, 'scenarios');
const HOST = 'sbc.example.com';
// The certificates name sbc.example.com; this zone sends it to loopback, nothing leaves the machine.
const dns = createFakeResolver({ a: { [HOST]: ['127.0.0.1'] } });

describe('OPTIONS probe over UDP and TCP against sipp', () => {
  it('UDP: 200 with Allow is OK, sent once, without a user part in the Request-URI', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas.xml'), 'udp');
    try {
      const result = await probeOptions({ target: `127.0.0.1:${sipp.port}`, timeoutMs: 10_000 });
      assert.equal(result.diagnosis.code, 'OK', result.diagnosis.message);
      assert.equal(result.severity, 'ok');
      assert.equal(result.requestUri, `sip:127.0.0.1:${sipp.port}`);
      assert.equal(result.answer?.status, 200);
      assert.deepEqual(result.answer?.allow, ['OPTIONS', 'INVITE', 'ACK', 'BYE', 'CANCEL']);
      assert.equal(result.attempts[0]?.sends, 1);
    } finally {
      await sipp.stop();
    }
  });

  it('TCP: three OPTIONS on one connection, each answered', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas.xml'), 'tcp', 3);
    try {
      const result = await probeOptions({
        target: `sip:127.0.0.1:${sipp.port};transport=tcp`,
        count: 3,
        intervalMs: 50,
        timeoutMs: 10_000,
      });
      assert.equal(result.diagnosis.code, 'OK', result.diagnosis.message);
      assert.deepEqual(
        result.attempts.map((a) => [a.sequence, a.answer?.status]),
        [
          [1, 200],
          [2, 200],
          [3, 200],
        ],
      );
      assert.ok(result.rtt && result.rtt.min <= result.rtt.avg && result.rtt.avg <= result.rtt.max);
    } finally {
      await sipp.stop();
    }
  });

  it('403 is a warning naming the refusal; the Server header is reported', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas-403.xml'), 'udp');
    try {
      const result = await probeOptions({ target: `127.0.0.1:${sipp.port}`, timeoutMs: 10_000 });
      assert.equal(result.diagnosis.code, 'SIP_ERROR_RESPONSE');
      assert.equal(result.severity, 'warning');
      assert.match(result.diagnosis.message, /403 Forbidden: it is alive but refuses this sender/);
      assert.equal(result.answer?.server, 'sipp-refuser');
    } finally {
      await sipp.stop();
    }
  });

  it('a 200 slower than the limit is SLOW', async () => {
    const sipp = await startSippUas(join(SCENARIOS, 'options-uas-slow.xml'), 'tcp');
    try {
      const result = await probeOptions({
        target: `127.0.0.1:${sipp.port}`,
        transport: 'tcp',
        slowMs: 100,
        timeoutMs: 10_000,
      });
      assert.equal(result.diagnosis.code, 'SLOW', result.diagnosis.message);
      assert.equal(result.severity, 'warning');
      assert.equal(result.answer?.status, 200);
    } finally {
      await sipp.stop();
    }
  });

  it('UDP to a closed port: the ICMP error is a transport failure, not 32 s of silence', async () => {
    const port = await freeTcpUdpPort();
    const result = await probeOptions({ target: `127.0.0.1:${port}` });
    assert.equal(result.diagnosis.code, 'UDP_UNREACHABLE');
    assert.equal(result.severity, 'critical');
  });

  it('TCP to a closed port is TCP_REFUSED', async () => {
    const port = await freeTcpUdpPort();
    const result = await probeOptions({ target: `127.0.0.1:${port}`, transport: 'tcp' });
    assert.equal(result.diagnosis.code, 'TCP_REFUSED');
  });

  it('UDP to a silent peer: retransmitted, then UDP_NO_ANSWER at the timeout; the OPTIONS looks like an SBC keepalive', async () => {
    const socket = createSocket('udp4');
    const received: Buffer[] = [];
    socket.on('message', (bytes) => received.push(bytes));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    try {
      const result = await probeOptions({
        target: `sip:127.0.0.1:${port}`,
        timeoutMs: 2000,
        contactHost: HOST,
      });
      assert.equal(result.diagnosis.code, 'UDP_NO_ANSWER');
      assert.match(result.diagnosis.message, /within 2 s/);
      // Timer E: 0, 0.5 and 1.5 s fall inside 2 s.
      assert.ok(received.length >= 2, `${received.length} datagram(s)`);
      const requests = received
        .map((bytes) => parseMessage(bytes))
        .map((p) => (p.ok ? p.message : undefined));
      const first = requests[0];
      assert.ok(first?.type === 'request');
      assert.equal(first.uri, `sip:127.0.0.1:${port}`);
      assert.equal(
        getHeader(first, 'Via'),
        getHeader(requests[1]!, 'Via'),
        'a retransmission keeps the branch',
      );
      assert.match(
        getHeader(first, 'Via') ?? '',
        /^SIP\/2\.0\/UDP 127\.0\.0\.1:\d+;branch=z9hG4bK\w+;rport$/,
      );
      assert.match(getHeader(first, 'Contact') ?? '', /^<sip:ping@sbc\.example\.com:\d+>$/);
      assert.match(getHeader(first, 'From') ?? '', /^<sip:ping@sbc\.example\.com>;tag=\w+$/);
      assert.match(getHeader(first, 'To') ?? '', new RegExp(`^<sip:127\\.0\\.0\\.1:${port}>$`));
    } finally {
      socket.close();
    }
  });
});

interface TlsCase {
  name: string;
  domain: string;
  trust: () => string[];
  expect: DiagnosisCode;
  message?: RegExp;
}

describe('OPTIONS probe over TLS against kamailio', () => {
  let rsa: OpensslPki;
  let ec: OpensslPki;
  let kamailio: KamailioTls;
  let clientCert: { certChain: string; key: string };
  const cases: TlsCase[] = [];

  before(async () => {
    rsa = createOpensslPki('rsa');
    ec = createOpensslPki('ec');
    const domains: KamailioTlsDomain[] = [];
    for (const [pki, other] of [
      [rsa, () => ec],
      [ec, () => rsa],
    ] as const) {
      const label = pki.keyType === 'rsa' ? 'RSA' : 'ECC';
      const serve = (name: string, leaf: ReturnType<OpensslPki['leaf']>, withIntermediate = true) => {
        const chain = [leaf.certPem, ...(withIntermediate ? [pki.intermediate.certPem] : [])];
        domains.push({
          name: `${pki.keyType}-${name}`,
          certificatePath: pki.bundle(`${name}-chain.pem`, chain),
          keyPath: leaf.keyPath,
        });
        return `${pki.keyType}-${name}`;
      };
      const good = pki.leaf({ commonName: HOST });
      const trustOwn = () => [pki.root.certPem];
      cases.push(
        { name: `${label}: a valid chain`, domain: serve('good', good), trust: trustOwn, expect: 'OK' },
        {
          name: `${label}: an expired leaf`,
          domain: serve('expired', pki.leaf({ commonName: HOST, notBefore: daysFromNow(-30), notAfter: daysFromNow(-2) })),
          trust: trustOwn,
          expect: 'TLS_EXPIRED',
          message: /O=SBC Studio Tests, CN=sbc\.example\.com .* expired on \d{4}-\d\d-\d\d/,
        },
        {
          name: `${label}: a leaf valid only from next week`,
          domain: serve('future', pki.leaf({ commonName: HOST, notBefore: daysFromNow(7), notAfter: daysFromNow(90) })),
          trust: trustOwn,
          expect: 'TLS_NOT_YET_VALID',
        },
        {
          name: `${label}: a certificate for another name`,
          domain: serve('wrong-name', pki.leaf({ commonName: 'other.example.com' })),
          trust: trustOwn,
          expect: 'TLS_NAME_MISMATCH',
          message: /does not name sbc\.example\.com: the certificate is for other\.example\.com/,
        },
        {
          name: `${label}: the peer sends its leaf without the intermediate`,
          domain: serve('leaf-only', good, false),
          trust: trustOwn,
          expect: 'TLS_CHAIN_INCOMPLETE',
          message: new RegExp(`its issuer O=SBC Studio Tests, CN=SBC Studio Test ${label} Issuing CA`),
        },
        {
          name: `${label}: a root this connection does not trust`,
          domain: `${pki.keyType}-good`,
          trust: () => [other().root.certPem],
          expect: 'TLS_UNKNOWN_CA',
          message: new RegExp(`^O=SBC Studio Tests, CN=SBC Studio Test ${label} Root is not in this connection's trusted CAs`),
        },
        {
          name: `${label}: a private root against the public roots (no --ca)`,
          domain: `${pki.keyType}-good`,
          trust: () => [],
          expect: 'TLS_UNKNOWN_CA',
          message: new RegExp(`CN=SBC Studio Test ${label} Root is not in`),
        },
      ); // prettier-ignore
    }
    // Mutual TLS: the peer requires a client certificate issued by the RSA root.
    const server = rsa.leaf({ commonName: HOST });
    domains.push({
      name: 'mtls',
      certificatePath: rsa.bundle('mtls-chain.pem', [server.certPem, rsa.intermediate.certPem]),
      keyPath: server.keyPath,
      clientCaPath: rsa.root.certPath,
    });
    const client = rsa.leaf({ commonName: 'probe.example.com', eku: 'clientAuth' });
    clientCert = { certChain: client.certPem + rsa.intermediate.certPem, key: client.keyPem };
    kamailio = await startKamailioTls(domains);
  });
  after(async () => {
    await kamailio?.stop();
    rsa?.cleanup();
    ec?.cleanup();
  });

  function probe(domain: string, extra: Partial<ProbeOptions> = {}) {
    return probeOptions({
      target: `sip:${HOST}:${kamailio.ports[domain]};transport=tls`,
      dns,
      timeoutMs: 10_000,
      ...extra,
    });
  }

  it('cases', async (t) => {
    for (const c of cases) {
      await t.test(c.name, async () => {
        const trust = c.trust();
        const result = await probe(c.domain, trust.length ? { caPems: trust } : {});
        assert.equal(result.diagnosis.code, c.expect, result.diagnosis.message);
        if (c.message) assert.match(result.diagnosis.message, c.message);
        assert.ok(result.tls, 'the TLS report is there, whatever the verdict');
        assert.match(result.tls.version ?? '', /^TLSv1\.[23]$/);
        assert.equal(result.tls.trust.source, trust.length ? 'given' : 'public-roots');
        // No SIP to a peer that fails verification, as an SBC would refuse it.
        assert.equal(result.attempts.length, c.expect === 'OK' ? 1 : 0);
      });
    }
  });

  it('reports the chain with names, key, validity and fingerprints; the trusted root is marked', async () => {
    for (const [pki, key] of [
      [rsa, { type: 'RSA', bits: 2048 }],
      [ec, { type: 'EC', bits: 256, curve: 'P-256' }],
    ] as const) {
      const result = await probe(`${pki.keyType}-good`, { caPems: [pki.root.certPem] });
      assert.equal(result.answer?.status, 200);
      const chain = result.tls!.chain;
      assert.deepEqual(
        chain.map((c) => [c.subject.replace('O=SBC Studio Tests, ', ''), c.inTrustStore]),
        [
          [`CN=${HOST}`, false],
          [`CN=SBC Studio Test ${pki.keyType === 'rsa' ? 'RSA' : 'ECC'} Issuing CA`, false],
          [`CN=SBC Studio Test ${pki.keyType === 'rsa' ? 'RSA' : 'ECC'} Root`, true],
        ],
      );
      assert.deepEqual(chain[0]!.subjectAltNames.dns, [HOST]);
      assert.deepEqual(chain[0]!.key, key);
      assert.match(chain[0]!.sha256Fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.match(chain[0]!.sha1Fingerprint, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
      assert.ok(chain[0]!.daysLeft > 300);
      assert.deepEqual(result.tls!.nameCheck, { mode: 'wildcard', host: HOST, ok: true });
      assert.ok(result.tls!.cipher);
    }
  });

  it('mutual TLS: without a client certificate the peer rejects the handshake', async () => {
    const result = await probe('mtls', { caPems: [rsa.root.certPem] });
    assert.equal(result.diagnosis.code, 'TLS_HANDSHAKE_REJECTED', result.diagnosis.message);
    assert.equal(result.severity, 'critical');
    assert.equal(result.tls?.clientCertificate ?? false, false);
  });

  it('mutual TLS: with the client certificate the peer answers 200', async () => {
    const result = await probe('mtls', { caPems: [rsa.root.certPem], clientCertificate: clientCert });
    assert.equal(result.diagnosis.code, 'OK', result.diagnosis.message);
    assert.equal(result.tls?.clientCertificate, true);
  });
});
