// POST /api/v1/diagnostics/options on a real sbc-engine process: the probe leaves from the engine,
// with the engine's trusted CAs and the certificate chosen for SIP TLS, to a kamailio that demands
// a client certificate from the test CA. Plus bad bodies, no session, and the limit on probes.
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DiagnosticsOptionsResult } from '../../../sbc-engine/mgmt/diagnostics-routes.ts';
import {
  json,
  mgmtRequest,
  startEngineProcess,
  type EngineProcess,
  type JsonResponse,
} from '../../helpers/engine-process.ts';
import { startKamailioTls, type KamailioTls } from '../../helpers/kamailio-tls.ts';
import { createOpensslPki, signRequestForUsage, type OpensslPki } from '../../helpers/openssl-pki.ts';

const PASSWORD = 'correct horse battery';
const FQDN = 'sbc.example.com';
const NO_SUCH_ID = '0123456789abcdef';

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', {
    body: json({ setupKey, password: PASSWORD }),
  });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return login.body.token as string;
}

/** A UDP peer that hears OPTIONS and never answers, so probes to it stay in flight. */
async function silentUdpPeer(): Promise<{ port: number; senders: Set<number>; socket: Socket }> {
  const socket = createSocket('udp4');
  const senders = new Set<number>();
  socket.on('message', (_bytes, from) => senders.add(from.port));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, senders, socket };
}

describe('sbc-engine diagnostics API (OPTIONS probe from the engine)', () => {
  let pki: OpensslPki;
  let kamailio: KamailioTls;
  let engine: EngineProcess;
  let token: string;
  let target: string;
  let ownId: string;
  let rootId: string;
  let probesRun = 0;

  function probe(fields: Record<string, unknown>, options: { token?: string } = { token }): Promise<JsonResponse> {
    return mgmtRequest(engine.port, 'POST', '/diagnostics/options', {
      ...options,
      body: json({ target, timeoutSeconds: 5, count: 1, trust: 'store', clientCertificate: 'none', ...fields }),
    });
  } // prettier-ignore

  /** A probe that must run: 200, a body the shared schema reads, and no key material in it. */
  async function probed(fields: Record<string, unknown>): Promise<DiagnosticsOptionsResult> {
    const answer = await probe(fields);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    probesRun++;
    assert.doesNotMatch(JSON.stringify(answer.body), /PRIVATE KEY/);
    return DiagnosticsOptionsResult.parse(answer.body);
  }

  before(async () => {
    pki = createOpensslPki('rsa');
    // Reached as sip:127.0.0.1, so the peer's certificate names that address.
    const server = pki.leaf({ commonName: 'kamailio.test', ips: ['127.0.0.1'] });
    const chain = pki.bundle('kamailio-chain.pem', [server.certPem, pki.intermediate.certPem]);
    kamailio = await startKamailioTls([
      { name: 'mtls', certificatePath: chain, keyPath: server.keyPath, clientCaPath: pki.root.certPath },
    ]);
    target = `sip:127.0.0.1:${kamailio.ports.mtls};transport=tls`;
    engine = await startEngineProcess();
    token = await provision(engine);
  });
  after(async () => {
    await engine?.stop();
    await kamailio?.stop();
    pki?.cleanup();
  });

  it('refuses a probe without a session', async () => {
    const answer = await probe({}, {});
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'unauthorized');
  });

  it('refuses bad bodies with 400 naming the field, and probes nothing', async () => {
    const rows: [Record<string, unknown>, string, RegExp][] = [
      [{ target: '' }, 'target', /give a SIP URI/],
      [{ target: 'sip:127.0.0.1 ;transport=tls' }, 'target', /no spaces/],
      [{ target: 'http://127.0.0.1/' }, 'target', /neither a sip:\/sips: URI nor host:port/],
      [{ transport: 'sctp' }, 'transport', /transport/],
      [{ target: 'sips:127.0.0.1', transport: 'udp' }, 'transport', /cannot be probed over UDP/],
      [{ target: undefined }, 'target', /./],
      [{ count: 6 }, 'count', /whole number from 1 to 5/],
      [{ count: 1.5 }, 'count', /whole number from 1 to 5/],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds', /between 1 and 32 seconds/],
      [{ timeoutSeconds: 33 }, 'timeoutSeconds', /between 1 and 32 seconds/],
      [{ trust: undefined }, 'trust', /"store", "public" or a list of trusted CA ids/],
      [{ trust: 'everything' }, 'trust', /"store", "public" or a list of trusted CA ids/],
      [{ trust: [] }, 'trust', /at least one trusted CA/],
      [{ trust: ['root'] }, 'trust.0', /16 hex digits/],
      [{ trust: [NO_SUCH_ID] }, 'trust.0', /no trusted CA with id 0123456789abcdef/],
      [{ clientCertificate: undefined }, 'clientCertificate', /"sip-tls", "none"/],
      [{ clientCertificate: 'mine' }, 'clientCertificate', /"sip-tls", "none" or the 16 hex digits/],
      [{ clientCertificate: 'sip-tls' }, 'clientCertificate', /no certificate is chosen for SIP TLS/],
      [{ clientCertificate: NO_SUCH_ID }, 'clientCertificate', /no own certificate entry with id/],
      [{ contactHost: 'sbc example.com' }, 'contactHost', /FQDN or an IP address/],
      [{ nameCheck: 'loose' }, 'nameCheck', /exact|wildcard|rfc5922/],
    ];
    for (const [fields, field, message] of rows) {
      const answer = await probe(fields);
      const row = JSON.stringify(fields);
      assert.equal(answer.status, 400, `${row}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'invalid-body', row);
      assert.equal(answer.body.error.field, field, `${row}: ${answer.body.error.message}`);
      assert.match(answer.body.error.message, message, row);
    }
    const extra = await probe({ port: 5061 });
    assert.equal(extra.status, 400);
    assert.match(extra.body.error.message, /"port"/);
    const notJson = await mgmtRequest(engine.port, 'POST', '/diagnostics/options', { token, body: '{' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, 'bad-json');
    assert.doesNotMatch(engine.output(), /\[diag\]/, 'no probe ran');
  });

  it('says so when the engine trusts no CA yet, and names the unknown root', async () => {
    const result = await probed({ trust: 'store' });
    assert.equal(result.diagnosis.code, 'TLS_UNKNOWN_CA');
    assert.match(
      result.diagnosis.message,
      /CN=SBC Studio Test RSA Root is not in this connection's trusted CAs/,
    );
    assert.deepEqual(result.tls?.trust, { source: 'given', certificates: 0 });
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0]!, /store of trusted CAs is empty/);
    assert.deepEqual(result.attempts, [], 'no OPTIONS to a peer that is not trusted');
  });

  it('takes a request made over the API, signed for server and client use, as the SIP TLS certificate', async () => {
    const request = await mgmtRequest(engine.port, 'POST', '/certificates/requests', {
      token,
      body: json({ label: 'Teams SBC', algorithm: 'ecdsa-p256', commonName: FQDN, dnsNames: [FQDN] }),
    });
    assert.equal(request.status, 200, JSON.stringify(request.body));
    ownId = request.body.id;
    const signed = signRequestForUsage(pki, request.body.csrPem, 'serverAuth,clientAuth').toString('utf8');
    for (const [path, pem] of [
      ['/certificates/signed', signed],
      ['/certificates/intermediates', pki.intermediate.certPem],
    ] as const) {
      const answer = await mgmtRequest(engine.port, 'POST', path, { token, body: json({ id: ownId, pem }) });
      assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    }
    const chosen = await mgmtRequest(engine.port, 'POST', '/certificates/use-for-sip-tls', {
      token,
      body: json({ id: ownId }),
    });
    assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
    const trusted = await mgmtRequest(engine.port, 'POST', '/certificates/trusted', {
      token,
      body: json({ label: 'Test root', pem: pki.root.certPem }),
    });
    assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
    rootId = trusted.body.ids[0];
  });

  it('gets 200 OK through mutual TLS with the certificate chosen for SIP TLS', async () => {
    const result = await probed({ trust: 'store', clientCertificate: 'sip-tls' });
    assert.equal(result.diagnosis.code, 'OK', result.diagnosis.message);
    assert.equal(result.severity, 'ok');
    assert.equal(result.answer?.status, 200);
    assert.equal(result.attempts.length, 1);
    assert.deepEqual(result.destination, {
      transport: 'tls',
      address: '127.0.0.1',
      port: kamailio.ports.mtls,
      hostname: '127.0.0.1',
    });
    const tls = result.tls!;
    assert.equal(tls.clientCertificate, true);
    assert.equal(tls.verified, true);
    assert.deepEqual(tls.trust, { source: 'given', certificates: 1 });
    assert.deepEqual(tls.nameCheck, { mode: 'wildcard', host: '127.0.0.1', ok: true });
    assert.match(tls.version!, /^TLSv1\.[23]$/);
    assert.deepEqual(
      tls.chain.map((c) => [c.subject, c.inTrustStore]),
      [
        ['O=SBC Studio Tests, CN=kamailio.test', false],
        ['O=SBC Studio Tests, CN=SBC Studio Test RSA Issuing CA', false],
        ['O=SBC Studio Tests, CN=SBC Studio Test RSA Root', true],
      ],
    );
    assert.deepEqual(tls.chain[0]!.subjectAltNames.ip, ['127.0.0.1']);
    assert.deepEqual(result.notes, []);
  });

  it('is rejected by the peer without a client certificate', async () => {
    const result = await probed({ trust: 'store', clientCertificate: 'none' });
    assert.equal(result.diagnosis.code, 'TLS_HANDSHAKE_REJECTED', result.diagnosis.message);
    assert.equal(result.tls?.clientCertificate, false);
    assert.equal(result.answer, undefined);
  });

  it("names the test root as unknown when the peer is checked against Node's public roots", async () => {
    const result = await probed({ trust: 'public', clientCertificate: 'sip-tls' });
    assert.equal(result.diagnosis.code, 'TLS_UNKNOWN_CA');
    assert.match(
      result.diagnosis.message,
      /^O=SBC Studio Tests, CN=SBC Studio Test RSA Root is not in this connection's trusted CAs/,
    );
    assert.equal(result.tls?.trust.source, 'public-roots');
    assert.deepEqual(result.notes, []);
  });

  it('trusts the CA entries listed by id and takes an own certificate by id', async () => {
    const result = await probed({ trust: [rootId], clientCertificate: ownId, count: 2 });
    assert.equal(result.diagnosis.code, 'OK', result.diagnosis.message);
    assert.deepEqual(
      result.attempts.map((a) => [a.sequence, a.answer?.status]),
      [
        [1, 200],
        [2, 200],
      ],
    );
    const refused = await probe({ trust: [ownId] });
    assert.equal(refused.status, 400, 'an own certificate is not a trusted CA');
    assert.equal(refused.body.error.field, 'trust.0');
  });

  it('runs four probes at once and refuses a fifth with 429 until one has finished', async () => {
    const silent = await silentUdpPeer();
    try {
      const toSilent = { target: `127.0.0.1:${silent.port}`, transport: 'udp', timeoutSeconds: 8, trust: 'public' };
      const running = [1, 2, 3, 4].map(() => probe(toSilent));
      // Each probe sends from its own socket: four senders mean four probes in flight.
      for (let i = 0; i < 300 && silent.senders.size < 4; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(silent.senders.size, 4, 'four probes reached the silent peer');
      const fifth = await probe(toSilent);
      assert.equal(fifth.status, 429, JSON.stringify(fifth.body));
      assert.equal(fifth.body.error.code, 'busy');
      assert.ok(Number(fifth.headers['retry-after']) > 0, 'Retry-After says when to come back');
      for (const answer of await Promise.all(running)) {
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        probesRun++;
        assert.equal(answer.body.diagnosis.code, 'UDP_NO_ANSWER');
        assert.ok(answer.body.attempts[0].sends > 1, 'the OPTIONS was retransmitted');
      }
      assert.equal(silent.senders.size, 4, 'the refused probe sent nothing');
      const again = await probed({ trust: 'store', clientCertificate: 'sip-tls' });
      assert.equal(again.diagnosis.code, 'OK', 'a slot is free again once the probes ended');
    } finally {
      silent.socket.close();
    }
  }); // prettier-ignore

  it('logs one line per probe, with target and result code and no secrets', () => {
    // Each line: "<time> [diag] OPTIONS probe to <target>: <code>[ (<status>)], asked by <address>".
    const lines = engine
      .output()
      .split('\n')
      .filter((line) => line.includes('[diag]'))
      .map((line) => line.slice(line.indexOf('[diag]')));
    assert.equal(lines.length, probesRun, lines.join('\n'));
    for (const expected of [
      `[diag] OPTIONS probe to ${target}: OK (200), asked by 127.0.0.1`,
      `[diag] OPTIONS probe to ${target}: TLS_HANDSHAKE_REJECTED, asked by 127.0.0.1`,
      `[diag] OPTIONS probe to ${target}: TLS_UNKNOWN_CA, asked by 127.0.0.1`,
    ])
      assert.ok(lines.includes(expected), `${expected}\n${lines.join('\n')}`);
    assert.doesNotMatch(engine.output(), /PRIVATE KEY|BEGIN CERTIFICATE/);
  });
});
