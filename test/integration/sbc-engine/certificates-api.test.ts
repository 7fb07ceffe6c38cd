// The certificate API of a real sbc-engine process: a request made over the API, signed by an
// openssl CA, imported with its intermediate and put on the SIP TLS listener without a restart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { parseMessage } from '../../../sbc-engine/sip/parser.ts';
import { SipStreamFramer } from '../../../sbc-engine/sip/stream-framer.ts';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { createOpensslPki, signRequest, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { freeTcpUdpPort } from '../../helpers/ports.ts';
import { OPTIONS } from '../../helpers/sip-messages.ts';

const PASSWORD = 'correct horse battery';
const FQDN = 'sbc.example.com';

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', {
    body: json({ setupKey, password: PASSWORD }),
  });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  return login(engine);
}

async function login(engine: EngineProcess): Promise<string> {
  const answer = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.token as string;
}

function openTls(port: number): Promise<TLSSocket> {
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  return new Promise((resolve, reject) =>
    socket.once('secureConnect', () => resolve(socket)).once('error', reject),
  );
}

/** Sends OPTIONS on an open connection and returns the status code of the answer. */
async function optionsOver(socket: TLSSocket): Promise<number> {
  const framer = new SipStreamFramer();
  const items: ReturnType<SipStreamFramer['push']> = [];
  const onData = (chunk: Buffer) => items.push(...framer.push(chunk));
  socket.on('data', onData);
  socket.write(Buffer.from(OPTIONS.toString('utf8').replace('SIP/2.0/UDP', 'SIP/2.0/TLS'), 'utf8'));
  const deadline = Date.now() + 5000;
  while (!items.some((item) => item.kind === 'message') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  socket.off('data', onData);
  const item = items.find((i) => i.kind === 'message');
  assert.ok(item && item.kind === 'message', 'no SIP answer on the open connection');
  const parsed = parseMessage(item.bytes);
  assert.ok(parsed.ok && parsed.message.type === 'response', 'not a SIP response');
  return parsed.message.status;
}

function sClient(port: number, rootPath: string): string {
  const run = spawnSync(
    'openssl',
    ['s_client', '-connect', `127.0.0.1:${port}`, '-showcerts', '-CAfile', rootPath, '-verify_return_error'],
    { input: '', timeout: 15_000, encoding: 'utf8' },
  );
  return `${run.stdout}\n${run.stderr}`;
}

describe('sbc-engine certificate API', () => {
  let pki: OpensslPki;
  let engine: EngineProcess;
  let tlsPort: number;
  let token: string;
  let id: string;
  let openBefore: TLSSocket;

  before(async () => {
    pki = createOpensslPki('rsa');
    tlsPort = await freeTcpUdpPort();
    engine = await startEngineProcess({ args: ['--sip', `tls:127.0.0.1:${tlsPort}`] });
    token = await provision(engine);
  });
  after(async () => {
    openBefore?.destroy();
    await engine.stop();
    pki.cleanup();
  });

  it('refuses certificate calls without a session', async () => {
    for (const [method, path, body] of [
      ['GET', '/certificates', undefined],
      ['POST', '/certificates/requests', json({})],
      ['POST', '/certificates/use-for-sip-tls', json({ id: '0123456789abcdef' })],
    ] as const) {
      const answer = await mgmtRequest(engine.port, method, path, body ? { body } : {});
      assert.equal(answer.status, 401, `${method} ${path}`);
      assert.equal(answer.body.error.code, 'unauthorized');
    }
  });

  it('creates a request and answers its PEM and the name checks', async () => {
    openBefore = await openTls(tlsPort);
    const identity = await mgmtRequest(engine.port, 'GET', '/identity');
    assert.equal(
      openBefore.getPeerX509Certificate()!.fingerprint256,
      identity.body.managementFingerprint,
      'SIP TLS serves the management certificate before a choice',
    );
    const answer = await mgmtRequest(engine.port, 'POST', '/certificates/requests', {
      token,
      body: json({ label: 'Teams SBC', algorithm: 'ecdsa-p256', commonName: FQDN, dnsNames: [FQDN] }),
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.match(answer.body.id, /^[0-9a-f]{16}$/);
    assert.match(answer.body.csrPem, /-----BEGIN CERTIFICATE REQUEST-----/);
    assert.deepEqual(answer.body.nameProblems, []);
    id = answer.body.id;
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.equal(list.body.own.length, 1);
    assert.equal(list.body.own[0].state, 'pending');
    assert.equal(list.body.sipTlsCertificateId, null);
    assert.doesNotMatch(JSON.stringify(list.body), /PRIVATE KEY/);
  });

  it('refuses a certificate for another key with 400 naming the problem, and changes nothing', async () => {
    const before = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    const other = pki.leaf({ commonName: FQDN });
    const answer = await mgmtRequest(engine.port, 'POST', '/certificates/signed', {
      token,
      body: json({ id, pem: other.certPem }),
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid-body');
    assert.equal(answer.body.error.field, 'pem');
    assert.match(answer.body.error.message, /does not belong to this request/);
    const garbage = await mgmtRequest(engine.port, 'POST', '/certificates/signed', {
      token,
      body: json({ id, pem: 'this is not a certificate!' }),
    });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error.field, 'pem');
    const after = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.deepEqual(after.body, before.body);
  });

  it('imports the signed certificate and the intermediate (as base64 DER)', async () => {
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    const signed = signRequest(pki, list.body.own[0].csrPem).toString('utf8');
    const leaf = await mgmtRequest(engine.port, 'POST', '/certificates/signed', {
      token,
      body: json({ id, pem: signed }),
    });
    assert.equal(leaf.status, 200, JSON.stringify(leaf.body));
    assert.ok(
      leaf.body.problems.some((p: { code: string }) => p.code === 'missing-issuer'),
      'the intermediate is still missing',
    );
    const der = new X509Certificate(pki.intermediate.certPem).raw.toString('base64');
    const chain = await mgmtRequest(engine.port, 'POST', '/certificates/intermediates', {
      token,
      body: json({ id, pem: der }),
    });
    assert.equal(chain.status, 200, JSON.stringify(chain.body));
    const after = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.equal(after.body.own[0].state, 'issued');
    assert.equal(after.body.own[0].chain.length, 1);
  });

  it('puts the certificate on the SIP TLS listener without dropping open connections', async () => {
    const answer = await mgmtRequest(engine.port, 'POST', '/certificates/use-for-sip-tls', {
      token,
      body: json({ id }),
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { listeners: 1 });
    const shown = sClient(tlsPort, pki.root.certPath);
    assert.match(shown, /CN\s*=\s*sbc\.example\.com/, shown);
    assert.match(shown, /Issuing CA/, shown);
    assert.match(shown, /Verify return code: 0 \(ok\)/, shown);
    assert.equal(await optionsOver(openBefore), 200, 'the connection opened before the switch');
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.equal(list.body.sipTlsCertificateId, id);
  });

  it('refuses to remove the certificate SIP TLS serves', async () => {
    const answer = await mgmtRequest(engine.port, 'POST', '/certificates/remove', {
      token,
      body: json({ id }),
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.field, 'id');
  });

  it('lists the certificate with its days left in /status', async () => {
    const status = await mgmtRequest(engine.port, 'GET', '/status', { token });
    assert.equal(status.status, 200);
    assert.equal(status.body.certificates.length, 1);
    const [entry] = status.body.certificates;
    assert.equal(entry.id, id);
    assert.equal(entry.label, 'Teams SBC');
    assert.ok(entry.daysLeft >= 29 && entry.daysLeft <= 30, `daysLeft ${entry.daysLeft}`);
  });

  it('imports a PKCS#12 file and a trusted root, refuses a wrong password without repeating it', async () => {
    const leaf = pki.leaf({ commonName: 'sbc2.example.com' });
    const secret = 'pfx-secret-Xy7';
    const dataBase64 = readFileSync(pki.pkcs12('sbc2.pfx', leaf, [pki.intermediate], secret)).toString(
      'base64',
    );
    const wrong = await mgmtRequest(engine.port, 'POST', '/certificates/pkcs12', {
      token,
      body: json({ label: 'PFX', dataBase64, password: 'wrong-password-Qz9' }),
    });
    assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
    assert.equal(wrong.body.error.field, 'dataBase64');
    assert.doesNotMatch(JSON.stringify(wrong.body), /wrong-password-Qz9/);
    const right = await mgmtRequest(engine.port, 'POST', '/certificates/pkcs12', {
      token,
      body: json({ label: 'PFX', dataBase64, password: secret }),
    });
    assert.equal(right.status, 200, JSON.stringify(right.body));
    const trusted = await mgmtRequest(engine.port, 'POST', '/certificates/trusted', {
      token,
      body: json({ label: 'Test root', pem: pki.root.certPem }),
    });
    assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
    assert.equal(trusted.body.ids.length, 1);
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.equal(list.body.own.length, 2);
    assert.equal(list.body.trustedCas.length, 1);
    const removed = await mgmtRequest(engine.port, 'POST', '/certificates/remove', {
      token,
      body: json({ id: right.body.id }),
    });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.ok(!engine.output().includes(secret) && !engine.output().includes('wrong-password-Qz9'));
  });

  it('lists the bundled roots and trusts one by name, once', async () => {
    const before = await mgmtRequest(engine.port, 'GET', '/certificates/bundled-roots', { token });
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const g2 = before.body.roots.find((root: { name: string }) => root.name === 'DigiCert Global Root G2');
    assert.ok(g2?.available && !g2.trusted && !g2.expired, JSON.stringify(g2));
    const baltimore = before.body.roots.find(
      (root: { name: string }) => root.name === 'Baltimore CyberTrust Root',
    );
    assert.ok(baltimore?.expired, 'Baltimore CyberTrust Root expired in May 2025');

    const added = await mgmtRequest(engine.port, 'POST', '/certificates/trusted/bundled', {
      token,
      body: json({ name: 'DigiCert Global Root G2' }),
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.ids.length, 1);
    const again = await mgmtRequest(engine.port, 'POST', '/certificates/trusted/bundled', {
      token,
      body: json({ name: 'DigiCert Global Root G2' }),
    });
    assert.deepEqual(again.body.ids, [], 'a root already trusted is not added twice');
    const after = await mgmtRequest(engine.port, 'GET', '/certificates/bundled-roots', { token });
    const trustedNow = after.body.roots.filter((root: { trusted: boolean }) => root.trusted);
    assert.deepEqual(
      trustedNow.map((root: { name: string }) => root.name),
      ['DigiCert Global Root G2'],
    );
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.ok(
      list.body.trustedCas.some((entry: { label: string }) => entry.label === 'DigiCert Global Root G2'),
    );

    const unknown = await mgmtRequest(engine.port, 'POST', '/certificates/trusted/bundled', {
      token,
      body: json({ name: 'Snake Oil Root' }),
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'name');
    assert.match(unknown.body.error.message, /no bundled root is called "Snake Oil Root"/);
  });

  it('keeps serving the chosen certificate after a restart', async () => {
    openBefore.destroy();
    await engine.stop();
    engine = await startEngineProcess({
      dataDir: engine.dataDir,
      args: ['--sip', `tls:127.0.0.1:${tlsPort}`],
    });
    const shown = sClient(tlsPort, pki.root.certPath);
    assert.match(shown, /CN\s*=\s*sbc\.example\.com/, shown);
    assert.match(shown, /Verify return code: 0 \(ok\)/, shown);
    token = await login(engine);
    const list = await mgmtRequest(engine.port, 'GET', '/certificates', { token });
    assert.equal(list.body.sipTlsCertificateId, id);
  });

  it('warns when a request does not name the SBC FQDN of the config in effect', async () => {
    const read = await mgmtRequest(engine.port, 'GET', '/config', { token });
    const config = { ...read.body.config, system: { ...read.body.config.system, fqdn: 'sbc.example.com' } };
    const put = await mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      body: json({ config, comment: 'FQDN set' }),
      headers: { 'if-match': read.headers.etag as string },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const request = (commonName: string) =>
      mgmtRequest(engine.port, 'POST', '/certificates/requests', {
        token,
        body: json({ label: commonName, algorithm: 'ecdsa-p256', commonName, dnsNames: [commonName] }),
      });
    const other = await request('sbc-new.example.com');
    assert.equal(other.status, 200, JSON.stringify(other.body));
    const warning = other.body.nameProblems.find((p: { code: string }) => p.code === 'config-fqdn-missing');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning.message, /sbc\.example\.com/);
    const same = await request('sbc.example.com');
    assert.deepEqual(
      same.body.nameProblems.filter((p: { code: string }) => p.code === 'config-fqdn-missing'),
      [],
    );
  });
});
