// A real sbc-engine process with connections toward real peers: its OPTIONS keepalives reach sipp
// over UDP and TCP and kamailio over TLS, GET /connections/status shows them up with a round-trip
// time and down once a peer stops; it answers OPTIONS from a connection's peer with 200 and from a
// stranger with 403; and it registers at a sipp registrar that checks digest credentials.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { startKamailioTls, type KamailioTls } from '../helpers/kamailio-tls.ts';
import { createOpensslPki, type OpensslPki } from '../helpers/openssl-pki.ts';
import { freePort, freeTcpUdpPort } from '../helpers/ports.ts';
import { OPTIONS } from '../helpers/sip-messages.ts';
import { startSippUas, type SippUas } from '../helpers/sipp-uas.ts';

const PASSWORD = 'correct horse battery';
const SCENARIOS = join(import.meta.dirname, 'scenarios');
const TRUNK_PASSWORD = 'right-password-1';
type Status = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's JSON, read freely

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  return login.body.token as string;
} // prettier-ignore

/** Polls until `check` returns a value, at most `ms`; the last status is in the failure message. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const last = await check();
  throw new Error(`${what} did not happen within ${ms / 1000} s (${JSON.stringify(last)})`);
}

/** Sends the OPTIONS from `source` to the engine's UDP port and returns the status code of the answer. */
function optionsFrom(source: string, port: number): Promise<{ status: number; text: string } | undefined> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(undefined), 2000);
    const finish = (value: { status: number; text: string } | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    socket.on('message', (bytes) => {
      const text = bytes.toString('utf8');
      finish({ status: Number(/^SIP\/2\.0 (\d{3})/.exec(text)?.[1]), text });
    });
    socket.bind(0, source, () => socket.send(OPTIONS, port, '127.0.0.1'));
  });
}

describe('connections: OPTIONS keepalive, OPTIONS answers, registration (interop)', () => {
  let engine: EngineProcess;
  let token: string;
  let pki: OpensslPki;
  let kamailio: KamailioTls;
  let udpPeer: SippUas;
  let tcpPeer: SippUas;
  let registrar: SippUas;
  let strictRegistrar: SippUas;
  let sipPort: number;
  const syslogLines: string[] = [];
  const syslog = createSocket('udp4');

  const status = async (): Promise<Status> => {
    const answer = await mgmtRequest(engine.port, 'GET', '/connections/status', { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  const connection = async (id: string) =>
    ((await status()).connections as Status[]).find((c) => c.id === id);

  before(async () => {
    pki = createOpensslPki('rsa');
    const server = pki.leaf({ commonName: 'kamailio.test', ips: ['127.0.0.1'] });
    const chain = pki.bundle('kamailio-chain.pem', [server.certPem, pki.intermediate.certPem]);
    kamailio = await startKamailioTls([{ name: 'tls', certificatePath: chain, keyPath: server.keyPath }]);
    udpPeer = await startSippUas(join(SCENARIOS, 'options-uas.xml'), 'udp', 100);
    tcpPeer = await startSippUas(join(SCENARIOS, 'options-uas.xml'), 'tcp', 100);
    const auth = join(SCENARIOS, 'register-uas-auth.xml');
    registrar = await startSippUas(auth, 'udp', 1, ['-set', 'user', 'alice', '-set', 'pass', TRUNK_PASSWORD]);
    strictRegistrar = await startSippUas(auth, 'udp', 1, ['-set', 'user', 'bob', '-set', 'pass', 'not-what-bob-typed']); // prettier-ignore
    syslog.on('message', (bytes) => syslogLines.push(bytes.toString('utf8')));
    await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));
    engine = await startEngineProcess({ args: ['--syslog', `udp:127.0.0.1:${syslog.address().port}`] });
    token = await provision(engine);
    const trusted = await mgmtRequest(engine.port, 'POST', '/certificates/trusted', {
      token,
      body: json({ label: 'Test root', pem: pki.root.certPem }),
    });
    assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
    const rootId = trusted.body.ids[0] as string;

    sipPort = await freeTcpUdpPort();
    const tlsPort = await freePort();
    const read = await mgmtRequest(engine.port, 'GET', '/config', { token });
    const config = read.body.config;
    config.system.fqdn = 'sbc.example.com';
    config.voip.listeners = [
      { transport: 'udp', address: '127.0.0.1', port: sipPort },
      { transport: 'tcp', address: '127.0.0.1', port: sipPort },
      { transport: 'tls', address: '127.0.0.1', port: tlsPort, tlsProfile: 'default' },
    ];
    config.tlsProfiles.push({
      id: 'lab-ca',
      name: 'Lab CA',
      trustedCas: [{ source: 'store', id: rootId }],
      peerNameCheck: 'exact',
    });
    const peer = (id: string, port: number, transport: string, extra: object = {}) => ({
      id,
      name: id,
      targets: [{ host: '127.0.0.1', port, transport }],
      options: { intervalSeconds: 10 },
      ...extra,
    });
    const trunk = (id: string, port: number, user: string, password: string) =>
      peer(id, port, 'udp', {
        options: { enabled: false },
        registration: { user, password, domain: 'registrar.test', expirySeconds: 60 },
      });
    config.connections = [
      peer('pbx-udp', udpPeer.port, 'udp'),
      peer('pbx-tcp', tcpPeer.port, 'tcp'),
      peer('kamailio-tls', kamailio.ports.tls!, 'tls', { tlsProfile: 'lab-ca' }),
      trunk('trunk', registrar.port, 'alice', TRUNK_PASSWORD),
      trunk('trunk-wrong', strictRegistrar.port, 'bob', 'what-bob-typed'),
    ];
    const put = await mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      headers: { 'if-match': read.headers.etag as string },
      body: json({ config, comment: 'connections test', overrideReason: 'lab peers on loopback' }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });

  after(async () => {
    await engine?.stop();
    await udpPeer?.stop();
    await tcpPeer?.stop();
    await registrar?.stop();
    await strictRegistrar?.stop();
    await kamailio?.stop();
    pki?.cleanup();
    syslog.close();
  });

  it('refuses the status without a session', async () => {
    const answer = await mgmtRequest(engine.port, 'GET', '/connections/status');
    assert.equal(answer.status, 401);
  });

  for (const id of ['pbx-udp', 'pbx-tcp', 'kamailio-tls']) {
    it(`shows ${id} up with the peer's 200 and a round-trip time`, async () => {
      const target = await waitFor(`${id} up`, 10_000, async () => {
        const t = (await connection(id))?.options.targets[0];
        return t?.state === 'up' ? t : undefined;
      });
      assert.equal(target.lastCode, 200);
      assert.equal(typeof target.rttMs, 'number');
      assert.ok(target.lastChange, 'the time it came up');
      assert.equal(target.lastError, null);
    });
  }

  it('sends the next OPTIONS one interval later', async () => {
    const target = await waitFor('a second OPTIONS answered', 15_000, async () => {
      const t = (await connection('pbx-udp'))?.options.targets[0];
      return t?.answered >= 2 ? t : undefined;
    });
    assert.equal((await connection('pbx-udp')).options.intervalSeconds, 10);
    assert.equal(target.state, 'up');
  });

  it('answers OPTIONS from a connection peer with 200 and Allow, and from a stranger with 403', async () => {
    const friend = await optionsFrom('127.0.0.1', sipPort);
    assert.equal(friend?.status, 200, friend?.text);
    assert.match(friend!.text, /\r\nAllow: INVITE, [^\r]*OPTIONS/);
    assert.match(friend!.text, /\r\nSupported:/);
    const stranger = await optionsFrom('127.0.0.2', sipPort);
    assert.equal(stranger?.status, 403, stranger?.text);
    assert.doesNotMatch(stranger!.text, /\r\nAllow:/);
    const now = await status();
    assert.ok(now.connections[0].counters.optionsAnswered >= 1);
    assert.ok(now.unknownSources.optionsRefused >= 1);
    assert.equal(now.unknownSources.policy, 'refuse');
  });

  it('registers with the right password and refreshes; the wrong one fails visibly', async () => {
    // The registrar's scenario ends well only after the first REGISTER and two refreshes passed its digest check.
    await waitFor('the registrar scenario to complete', 20_000, async () =>
      registrar.child.exitCode !== null ? true : undefined,
    );
    assert.equal(registrar.child.exitCode, 0, registrar.output());
    const trunk = await connection('trunk');
    assert.equal(trunk.registration.state, 'registered', JSON.stringify(trunk.registration));
    assert.equal(trunk.registration.expires, 60);
    assert.equal(trunk.registration.registrar, 'sip:registrar.test');
    const wrong = await waitFor('the wrong password to fail', 10_000, async () => {
      const r = (await connection('trunk-wrong'))?.registration;
      return r?.state === 'failed' ? r : undefined;
    });
    assert.equal(wrong.reason, 'credentials');
    assert.equal(wrong.lastCode, 403);
    assert.match(wrong.detail, /check the user, auth user and password/);
    assert.ok(wrong.nextAttemptAt, 'it tries again later');
    const everything = JSON.stringify(await status()) + engine.output();
    assert.ok(!everything.includes(TRUNK_PASSWORD) && !everything.includes('what-bob-typed'), 'no password shown or logged'); // prettier-ignore
    assert.match(engine.output(), /\[connections\] registration of connection "trunk-wrong" .*failed/);
    const reg = (state: string, id: string) =>
      syslogLines.find(
        (l) => / REG_STATE /.test(l) && l.includes(`connection="${id}"`) && l.includes(`state="${state}"`),
      );
    assert.match(reg('registered', 'trunk') ?? '', /^<133>1 .* REG_STATE \[meta sequenceId="\d+"\]\[sbc@32473 connection="trunk" registrar="sip:registrar.test" state="registered" code="200" expires="\d+"\]/); // prettier-ignore
    assert.match(
      reg('failed', 'trunk-wrong') ?? '',
      /^<132>1 .* state="failed" code="403" reason="credentials"\]/,
    );
    assert.ok(!syslogLines.join('').includes('what-bob-typed'));
  });

  it('shows a target down once its peer stops', async () => {
    await udpPeer.stop();
    await tcpPeer.stop();
    for (const id of ['pbx-udp', 'pbx-tcp']) {
      const target = await waitFor(`${id} down`, 15_000, async () => {
        const t = (await connection(id))?.options.targets[0];
        return t?.state === 'down' ? t : undefined;
      });
      assert.equal(target.lastCode, null);
      assert.match(target.lastError, /nothing listens|closed|failed|reset/);
      assert.ok(target.consecutiveFailures >= 1);
    }
    assert.match(
      engine.output(),
      /\[connections\] OPTIONS to udp:127\.0\.0\.1:\d+ of connection "pbx-udp": down/,
    );
  });
});
