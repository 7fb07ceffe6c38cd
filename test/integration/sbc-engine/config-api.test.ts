// The configuration API of a real sbc-engine process: read with an ETag, apply with If-Match,
// sockets that follow the config without dropping what stays, apply with confirmation, automatic
// revert, kill -9 during the window, rollback, history and diff.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { freePort, freeTcpUdpPort } from '../../helpers/ports.ts';
import { openTcp, openTls, optionsOverStream, optionsOverUdp } from '../../helpers/sip-probe.ts';

const PASSWORD = 'correct horse battery';
type JsonConfig = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a config as JSON, edited freely
const TRUNK_SECRET = 'trunk-password-42';
const MARKER = '(secret set, value hidden)';

async function login(engine: EngineProcess): Promise<string> {
  const answer = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.token as string;
}

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', {
    body: json({ setupKey, password: PASSWORD }),
  });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  return login(engine);
}

const listener = (transport: string, port: number) => ({
  transport,
  address: '127.0.0.1',
  port,
  ...(transport === 'tls' ? { tlsProfile: 'default' } : {}),
});

const trunk = (password: string) => ({
  id: 'telekom',
  name: 'Telekom',
  targets: [{ host: 'reg.sip-trunk.telekom.de', transport: 'tcp' }],
  registration: { user: '+4930123456', password },
  // The sockets are checked with OPTIONS from loopback: a connection's peers get 200, strangers 403.
  allowedSources: ['127.0.0.0/8'],
});

/** Stops the engine the hard way: no shutdown code runs, as when the power goes. */
async function killHard(engine: EngineProcess): Promise<void> {
  if (engine.child.exitCode !== null || engine.child.signalCode !== null) return;
  const exited = new Promise((resolve) => engine.child.once('exit', resolve));
  engine.child.kill('SIGKILL');
  await exited;
}

describe('sbc-engine configuration API', () => {
  let engine: EngineProcess;
  let token: string;
  let port: number; // UDP, TCP and TLS (port + 1) of the first config
  let tlsPort: number;
  const open: Socket[] = [];
  let blocker: Server | undefined;

  const get = () => mgmtRequest(engine.port, 'GET', '/config', { token });
  const put = (body: unknown, ifMatch?: string) =>
    mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      body: json(body),
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    });
  const post = (path: string, body: unknown) =>
    mgmtRequest(engine.port, 'POST', path, { token, body: json(body) });
  /** GET, change, PUT with the ETag just read. */
  const change = async (edit: (config: JsonConfig) => void, extra: Record<string, unknown> = {}) => {
    const read = await get();
    assert.equal(read.status, 200);
    edit(read.body.config);
    return put({ config: read.body.config, comment: 'test', ...extra }, read.headers.etag as string);
  };
  const sipListen = async () =>
    (
      (await mgmtRequest(engine.port, 'GET', '/identity')).body.sipListen as {
        transport: string;
        port: number;
      }[]
    )
      .map((s) => `${s.transport}:${s.port}`)
      .sort();

  before(async () => {
    port = await freeTcpUdpPort();
    tlsPort = await freePort();
    engine = await startEngineProcess();
    token = await provision(engine);
  });
  after(async () => {
    for (const socket of open) socket.destroy();
    blocker?.close();
    await engine.stop();
  });

  it('refuses the config routes without a session', async () => {
    for (const [method, path] of [
      ['GET', '/config'],
      ['PUT', '/config'],
      ['GET', '/config/history'],
      ['POST', '/config/rollback'],
    ] as const) {
      const answer = await mgmtRequest(engine.port, method, path, method === 'GET' ? {} : { body: '{}' });
      assert.equal(answer.status, 401, `${method} ${path}`);
    }
  });

  it('boots a fresh engine on the initial config, version 1, with no SIP socket open', async () => {
    const read = await get();
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.version, 1);
    assert.equal(read.body.pending, null);
    assert.match(read.headers.etag as string, /^"1-[0-9a-f]{16}"$/);
    assert.equal(read.body.etag, read.headers.etag, 'the body carries the ETag for body-only clients');
    assert.deepEqual(read.body.config.voip.listeners, []);
    assert.deepEqual(await sipListen(), []);
  });

  it('refuses a PUT without If-Match (428) and changes nothing', async () => {
    const read = await get();
    const answer = await put({ config: read.body.config, comment: 'no tag' });
    assert.equal(answer.status, 428);
    assert.equal(answer.body.error.code, 'precondition-required');
    assert.equal((await get()).body.version, 1);
  });

  it('names the field of an invalid config (400) and changes nothing', async () => {
    const answer = await change((config) => (config.voip.listeners = [listener('udp', 70000)]));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid-config');
    assert.equal(answer.body.error.field, 'config.voip.listeners[0].port');
    assert.equal((await get()).body.version, 1);
  });

  it("runs the engine's linter before an apply: an error blocks it (422) and nothing changes", async () => {
    const answer = await change(
      (config) => (config.voip.listeners = [listener('udp', port), listener('udp', port)]),
    );
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'lint-errors');
    assert.equal(answer.body.error.field, 'config.voip.listeners[1]');
    assert.match(answer.body.error.message, /override/);
    assert.equal((await get()).body.version, 1);
  });

  it('applies listeners from the config: UDP, TCP and TLS sockets open', async () => {
    const answer = await change(
      (config) => {
        config.voip.listeners = [listener('udp', port), listener('tcp', port), listener('tls', tlsPort)];
        config.connections = [trunk(TRUNK_SECRET)];
      },
      { comment: 'first listeners' },
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.version, 2);
    assert.equal(answer.headers.etag, answer.body.etag);
    assert.equal(answer.body.listeners.opened.length, 3);
    assert.deepEqual(await sipListen(), [`tcp:${port}`, `tls:${tlsPort}`, `udp:${port}`].sort());
    assert.equal(await optionsOverUdp(port), 200);
  });

  it('refuses a stale If-Match (412) and changes nothing', async () => {
    const answer = await put({ config: (await get()).body.config, comment: 'stale' }, '"1-0000000000000000"');
    assert.equal(answer.status, 412);
    assert.equal(answer.body.error.code, 'precondition-failed');
    assert.equal((await get()).body.version, 2);
  });

  it('never answers a secret: the marker stands in, and sending it back keeps the value', async () => {
    const read = await get();
    assert.equal(read.body.config.connections[0].registration.password, MARKER);
    const version = await post('/config/version', { version: 2 });
    assert.equal(version.body.config.connections[0].registration.password, MARKER);
    const history = await mgmtRequest(engine.port, 'GET', '/config/history', { token });
    for (const answer of [read, version, history])
      assert.ok(!JSON.stringify(answer.body).includes(TRUNK_SECRET));
  });

  it('keeps open connections across an apply that changes something else; adds and removes sockets', async () => {
    const tcp = await openTcp(port);
    const tls = await openTls(tlsPort);
    open.push(tcp, tls);
    assert.equal(await optionsOverStream(tcp, 'TCP'), 200);
    assert.equal(await optionsOverStream(tls, 'TLS'), 200);
    const extra = await freeTcpUdpPort();
    const answer = await change((config) => {
      config.system.name = 'sbc-lab';
      // UDP on `port` goes, UDP on `extra` comes; TCP and TLS stay.
      config.voip.listeners = [listener('tcp', port), listener('tls', tlsPort), listener('udp', extra)];
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.listeners.opened, [`udp:127.0.0.1:${extra}`]);
    assert.deepEqual(answer.body.listeners.closed, [`udp:127.0.0.1:${port}`]);
    assert.equal(
      await optionsOverStream(tcp, 'TCP'),
      200,
      'the TCP connection opened before the apply answers',
    );
    assert.equal(
      await optionsOverStream(tls, 'TLS'),
      200,
      'the TLS connection opened before the apply answers',
    );
    assert.equal(await optionsOverUdp(extra), 200, 'the added UDP socket answers');
    assert.equal(await optionsOverUdp(port, 1000), undefined, 'the removed UDP socket is closed');
    assert.deepEqual(await sipListen(), [`tcp:${port}`, `tls:${tlsPort}`, `udp:${extra}`].sort());
  });

  it('refuses an apply whose new socket cannot bind (409 naming it) and leaves the old config in effect', async () => {
    const busy = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(busy, '127.0.0.1', resolve));
    const before = await get();
    const listenBefore = await sipListen();
    const answer = await change((config) => {
      config.system.name = 'never applied';
      config.voip.listeners = [listener('udp', busy), ...config.voip.listeners, listener('tcp', busy)];
    });
    assert.equal(answer.status, 409, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'listener-unavailable');
    assert.equal(
      answer.body.error.field,
      `config.voip.listeners[${before.body.config.voip.listeners.length + 1}]`,
    );
    assert.match(answer.body.error.message, new RegExp(`tcp:127\\.0\\.0\\.1:${busy}`));
    const afterRead = await get();
    assert.equal(afterRead.body.version, before.body.version);
    assert.equal(afterRead.body.config.system.name, 'sbc-lab');
    assert.deepEqual(await sipListen(), listenBefore, 'the UDP socket bound for it was closed again');
    assert.equal(await optionsOverStream(open[0]!, 'TCP'), 200);
  });

  it('confirms an apply within its window', async () => {
    const answer = await change((config) => (config.system.name = 'trial 1'), { confirmWithinSeconds: 120 });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const trial = answer.body.version;
    assert.equal(answer.body.pending.version, trial);
    assert.equal(answer.body.confirmedVersion, trial - 1);
    const confirmed = await post('/config/confirm', { version: trial });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.pending, null);
    assert.equal(confirmed.body.confirmedVersion, trial);
  });

  it('goes back by itself when the window passes; a confirm after it gets 409', async () => {
    const before = await get();
    const answer = await change(
      (config) => {
        config.system.name = 'unconfirmed';
        config.voip.listeners = config.voip.listeners.filter(
          (l: { transport: string }) => l.transport !== 'tls',
        );
      },
      { confirmWithinSeconds: 60 },
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(!(await sipListen()).includes(`tls:${tlsPort}`));
    engine.advanceClock(61_000);
    let read = await get();
    for (let i = 0; i < 60 && read.body.pending; i++) {
      await new Promise((r) => setTimeout(r, 100));
      read = await get();
    }
    assert.equal(read.body.pending, null, 'reverted');
    assert.equal(read.body.version, before.body.version);
    assert.equal(read.body.config.system.name, 'trial 1');
    assert.ok(
      (await sipListen()).includes(`tls:${tlsPort}`),
      'the TLS socket of the confirmed config is back',
    );
    const late = await post('/config/confirm', {});
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'confirm-window-over');
    assert.match(late.body.error.message, /not confirmed in time/);
  });

  it('lists the history with who, when and why, rolls back, and diffs without secrets', async () => {
    const history = await mgmtRequest(engine.port, 'GET', '/config/history', { token });
    assert.equal(history.status, 200);
    const versions = history.body.versions as {
      version: number;
      author: string;
      comment: string;
      hash: string;
    }[];
    assert.deepEqual(
      versions.map((v) => v.version),
      [...versions.map((v) => v.version)].sort((a, b) => b - a),
    );
    const first = versions.find((v) => v.comment === 'first listeners')!;
    assert.equal(first.author, 'admin');
    assert.equal(versions.at(-1)!.author, 'engine');

    const secretChange = await change(
      (config) => (config.connections[0].registration.password = 'another-one'),
    );
    assert.equal(secretChange.status, 200);
    const diff = await post('/config/diff', { from: first.version });
    assert.equal(diff.status, 200);
    const password = diff.body.changes.find((c: { path: string }) =>
      c.path.endsWith('registration.password'),
    );
    assert.deepEqual(password, {
      path: 'connections[0].registration.password',
      kind: 'changed',
      secret: true,
    });
    assert.ok(
      !JSON.stringify(diff.body).includes('another-one') && !JSON.stringify(diff.body).includes(TRUNK_SECRET),
    );

    const rolled = await post('/config/rollback', {
      version: first.version,
      comment: 'back to the first listeners',
    });
    assert.equal(rolled.status, 200, JSON.stringify(rolled.body));
    const read = await get();
    assert.equal(read.body.version, rolled.body.version);
    assert.deepEqual(
      read.body.config.voip.listeners.map(
        (l: { transport: string; port: number }) => `${l.transport}:${l.port}`,
      ),
      [`udp:${port}`, `tcp:${port}`, `tls:${tlsPort}`],
    );
    const same = await post('/config/diff', { from: first.version, to: rolled.body.version });
    assert.deepEqual(same.body.changes, [], 'the rollback restored the secret as it was');
    assert.equal((await post('/config/rollback', { version: 9999 })).status, 404);
  });

  it('boots the last confirmed config after a kill -9 during the window', async () => {
    const before = await get();
    const answer = await change((config) => (config.system.name = 'killed in its window'), {
      confirmWithinSeconds: 600,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    for (const socket of open) socket.destroy();
    await killHard(engine);
    engine = await startEngineProcess({ dataDir: engine.dataDir, port: engine.port });
    token = await login(engine);
    const read = await get();
    assert.equal(read.body.version, before.body.version);
    assert.equal(read.body.config.system.name, before.body.config.system.name);
    assert.equal(read.body.pending, null);
    assert.match(engine.output(), /waited for confirmation; back to confirmed version/);
    const late = await post('/config/confirm', { version: answer.body.version });
    assert.equal(late.body.error.code, 'confirm-window-over');
    assert.equal(await optionsOverUdp(port), 200, 'the confirmed listeners are open again');
  });
});
