// A real sbc-engine process routing calls from a sipp caller (127.0.0.2) to sipp callees
// (127.0.0.1): failover through a group of four connections (the first one's port closed, the
// second answers 503, the third stays silent after 100 until the failover timer CANCELs it, the
// fourth takes the call); a connection at maxConcurrentCalls refuses the next call with 503 and
// answers OPTIONS with 503; the calls API lists the call with both legs, tears it down and
// counts attempts and failures; an RTP offer toward an SRTP-only connection gets 488.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { OPTIONS } from '../helpers/sip-messages.ts';
import { runSippUac, startSippUac } from '../helpers/sipp-uac.ts';
import { startSippUas, type SippUas } from '../helpers/sipp-uas.ts';

const PASSWORD = 'correct horse battery';
const scenario = (name: string) => join(import.meta.dirname, 'scenarios', name);
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API's JSON, read freely

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  return login.body.token as string;
} // prettier-ignore

/** Polls until `check` returns a value, at most `ms`. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s`);
}

/** The status code of the engine's answer to an OPTIONS sent from `source`. */
function optionsFrom(source: string, port: number): Promise<number | undefined> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(undefined), 2000);
    const finish = (value: number | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    socket.on('message', (bytes) => finish(Number(/^SIP\/2\.0 (\d{3})/.exec(bytes.toString('utf8'))?.[1])));
    socket.bind(0, source, () => socket.send(OPTIONS, port, '127.0.0.1'));
  });
}

function exitOf(peer: SippUas, ms = 10_000): Promise<number | null> {
  if (peer.child.exitCode !== null) return Promise.resolve(peer.child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    peer.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('b2bua: failover, call limits and the calls API (interop)', () => {
  let engine: EngineProcess;
  let token: string;
  let sipPort: number;
  let closedPort: number;
  let refusing: SippUas;
  let silent: SippUas;
  let answering: SippUas;
  let limited: SippUas;

  const api = async (method: string, path: string, body?: object): Promise<Json> => {
    const answer = await mgmtRequest(engine.port, method, path, {
      token,
      ...(body ? { body: json(body) } : {}),
    });
    return answer;
  };
  const counters = async (id: string): Promise<Json> =>
    ((await api('GET', '/calls/counters')).body.connections as Json[]).find((c) => c.id === id);

  before(async () => {
    closedPort = await freeTcpUdpPort();
    refusing = await startSippUas(scenario('call-uas-503.xml'), 'udp');
    silent = await startSippUas(scenario('call-uas-silent.xml'), 'udp');
    answering = await startSippUas(scenario('call-uas.xml'), 'udp');
    limited = await startSippUas(scenario('call-uas.xml'), 'udp');
    engine = await startEngineProcess();
    token = await provision(engine);
    sipPort = await freeTcpUdpPort();
    const read = await mgmtRequest(engine.port, 'GET', '/config', { token });
    const config = read.body.config;
    config.voip.listeners = [{ transport: 'udp', address: '127.0.0.1', port: sipPort }];
    const callee = (id: string, port: number, extra: object = {}) => ({
      id,
      name: id,
      targets: [{ host: '127.0.0.1', port, transport: 'udp' }],
      options: { enabled: false },
      allowedSources: ['127.0.0.1/32'],
      // The schema's minimum, so the silent target is given up on after one second.
      failoverTimeSeconds: 1,
      ...extra,
    });
    config.connections = [
      {
        id: 'pbx',
        name: 'PBX',
        targets: [{ host: '127.0.0.2', port: 5060, transport: 'udp' }],
        options: { enabled: false },
        allowedSources: ['127.0.0.2/32'],
      },
      callee('teams1', closedPort),
      callee('teams2', refusing.port),
      callee('teams3', silent.port),
      callee('teams4', answering.port),
      callee('limited', limited.port, { maxConcurrentCalls: 1, allowedSources: ['127.0.0.3/32'] }),
      callee('srtp-only', limited.port, { mediaPolicy: 'srtp-required', allowedSources: ['127.0.0.4/32'] }),
    ];
    config.failoverGroups = [
      { id: 'teams', name: 'Teams', members: ['teams1', 'teams2', 'teams3', 'teams4'] },
    ];
    config.routes = [
      { id: 'teams', sourceConnections: ['pbx'], called: { match: '3\\d{3}', replace: '+49403$0' }, target: { failoverGroup: 'teams' } }, // prettier-ignore
      {
        id: 'limited',
        sourceConnections: ['pbx'],
        called: { match: '4001' },
        target: { connection: 'limited' },
      },
      {
        id: 'srtp',
        sourceConnections: ['pbx'],
        called: { match: '5001' },
        target: { connection: 'srtp-only' },
      },
    ];
    const put = await mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      headers: { 'if-match': read.headers.etag as string },
      body: json({ config, comment: 'b2bua failover test', overrideReason: 'lab peers on loopback' }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });

  after(async () => {
    await engine?.stop();
    for (const peer of [refusing, silent, answering, limited]) await peer?.stop();
  });

  it('fails over past a closed port, a 503 and a silent target to the fourth, which takes the call', async () => {
    const caller = await runSippUac(scenario('call-uac.xml'), 'udp', sipPort, '3001');
    assert.equal(caller.code, 0, caller.output);
    assert.equal(
      await exitOf(refusing),
      0,
      `the second target got the INVITE and its ACK:\n${refusing.output()}`,
    );
    assert.equal(await exitOf(silent), 0, `the third target got a CANCEL:\n${silent.output()}`);
    assert.equal(await exitOf(answering), 0, `the fourth target took the call:\n${answering.output()}`);
    const [t1, t2, t3, t4] = await Promise.all(['teams1', 'teams2', 'teams3', 'teams4'].map(counters));
    assert.deepEqual(t1.outbound.failures, { transport: 1 });
    assert.deepEqual(t2.outbound.failures, { '503': 1 });
    assert.deepEqual(t3.outbound.failures, { 'no-answer': 1 });
    assert.equal(t4.outbound.answered, 1);
    assert.equal(t4.outbound.asr, 1);
    const pbx = await counters('pbx');
    assert.equal(pbx.inbound.attempts, 1);
    assert.equal(pbx.inbound.answered, 1);
  });

  it('refuses a call beyond maxConcurrentCalls with 503, lists the call and tears it down', async () => {
    const first = await startSippUac(scenario('call-uac-callee-bye.xml'), 'udp', sipPort, '4001');
    try {
      const call = await waitFor('the first call to be up', 10_000, async () => {
        const calls = (await api('GET', '/calls')).body.calls as Json[];
        return calls.find((c) => c.state === 'confirmed');
      });
      assert.equal(call.a.connection, 'pbx');
      assert.match(call.a.peer, /^udp:127\.0\.0\.2:\d+$/);
      assert.equal(call.b.connection, 'limited');
      assert.match(call.b.target, /^udp:127\.0\.0\.1:\d+$/);
      assert.notEqual(call.a.callId, call.b.callId);
      assert.equal(call.called, '4001');
      assert.equal(typeof call.durationSeconds, 'number');
      const limit = await counters('limited');
      assert.equal(limit.concurrent, 1);
      assert.equal(limit.limit, 1);

      assert.equal(await optionsFrom('127.0.0.3', sipPort), 503, 'OPTIONS says what an INVITE would get');
      const second = await runSippUac(scenario('call-uac-503.xml'), 'udp', sipPort, '4001');
      assert.equal(second.code, 0, second.output);

      const gone = await api('POST', '/calls/teardown', { id: 'no-such-call' });
      assert.equal(gone.status, 404);
      const teardown = await api('POST', '/calls/teardown', { id: call.id });
      assert.equal(teardown.status, 200, JSON.stringify(teardown.body));
      const ended = await first.done;
      assert.equal(ended.code, 0, `the caller got a BYE:\n${ended.output}`);
      assert.equal(await exitOf(limited), 0, `the callee got a BYE:\n${limited.output()}`);
    } finally {
      await first.stop();
    }
    assert.deepEqual((await api('GET', '/calls')).body.calls, []);
    assert.equal((await counters('limited')).concurrent, 0);
    assert.equal(await optionsFrom('127.0.0.3', sipPort), 200);
  });

  it('refuses an RTP offer toward an SRTP-only connection with 488', async () => {
    const caller = await runSippUac(scenario('call-uac-488.xml'), 'udp', sipPort, '5001');
    assert.equal(caller.code, 0, caller.output);
    const srtp = await counters('srtp-only');
    assert.equal(srtp.outbound.attempts, 0, 'nothing was sent to it');
    assert.deepEqual(srtp.outbound.failures, { '488': 1 });
  });
});
