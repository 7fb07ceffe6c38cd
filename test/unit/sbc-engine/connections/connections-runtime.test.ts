// The connections runtime following applied configs, on a fake clock and a fake SIP way: what
// starts, what keeps running untouched, what is unregistered; and the counters of OPTIONS answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideResponse } from '../../../../sbc-engine/b2bua/stateless-responder.ts';
import { ConnectionsRuntime } from '../../../../sbc-engine/connections/connections-runtime.ts';
import { parseConfig, type Config } from '../../../../sbc-engine/config/schema/index.ts';
import { CONFIG_SCHEMA_VERSION } from '../../../../sbc-engine/config/versions.ts';
import { getHeader } from '../../../../sbc-engine/sip/headers.ts';
import type { SipRequest } from '../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { createResponse } from '../../../../sbc-engine/sip/response.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';
import type { SyslogEvent } from '../../../../sbc-engine/syslog/events.ts';
import type { Flow } from '../../../../sbc-engine/transport/flow.ts';
import { OPTIONS } from '../../../helpers/sip-messages.ts';

function config(connections: unknown[]): Config {
  const parsed = parseConfig({
    schemaVersion: CONFIG_SCHEMA_VERSION,
    system: { fqdn: 'sbc.example.com' },
    voip: { listeners: [{ transport: 'udp', address: '0.0.0.0', port: 5060 }], optionsIntervalSeconds: 30 },
    connections,
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}

const pbx = (interval: number | null = null) => ({
  id: 'pbx',
  name: 'PBX',
  targets: [{ host: '127.0.0.2', port: 5060, transport: 'udp' }],
  options: { intervalSeconds: interval },
});
const trunk = {
  id: 'trunk',
  name: 'Trunk',
  targets: [{ host: '127.0.0.3', port: 5060, transport: 'udp' }],
  options: { enabled: false },
  registration: { user: '+4930123', password: 'pw-123456', expirySeconds: 600 },
};

function harness() {
  const timers = new FakeTimerHost(0);
  const sent: { request: SipRequest; to: string }[] = [];
  const events: SyslogEvent[] = [];
  let n = 0;
  const runtime = new ConnectionsRuntime({
    sip: {
      openFlow: (destination) =>
        Promise.resolve({
          transport: destination.transport,
          remote: { address: destination.address, port: destination.port },
          local: { address: '127.0.0.1', port: 40000 },
          send: () => {},
        } as Flow),
      sendOnFlow: (request, flow, callbacks) => {
        sent.push({ request, to: flow.remote.address });
        const expires = getHeader(request, 'Expires');
        const answer = createResponse(request, 200, 'OK', {
          toTag: 'x',
          headers: expires ? [{ name: 'Expires', value: expires }] : [],
        });
        setImmediate(() => callbacks.passToUser(answer));
        return undefined as never;
      },
    },
    timers,
    random: () => 0.5,
    newToken: () => `t${++n}`,
    resolver: () => {
      const never = () => Promise.reject(new Error('no DNS in this test: targets are addresses'));
      return { naptr: never, srv: never, a: never, aaaa: never };
    },
    tlsPolicy: () => ({ nameCheck: 'rfc5922' }),
    log: () => {},
    syslog: (event) => events.push(event),
    activeCalls: () => 0,
  });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const count = (method: string, to: string) =>
    sent.filter((s) => s.request.method === method && s.to === to).length;
  return { timers, sent, events, runtime, settle, count };
}

describe('connections runtime', () => {
  it('keeps an unchanged connection running and restarts only the one that changed', async () => {
    const h = harness();
    h.runtime.apply(config([pbx(), trunk]));
    h.timers.advance(2000);
    await h.settle();
    assert.equal(h.count('OPTIONS', '127.0.0.2'), 1);
    assert.equal(h.count('REGISTER', '127.0.0.3'), 1);
    let status = h.runtime.status();
    assert.equal(status.connections[0]!.options.intervalSeconds, 30, 'voip.optionsIntervalSeconds');
    assert.equal(status.connections[0]!.options.targets[0]!.state, 'up');
    assert.equal(status.connections[1]!.registration!.state, 'registered');
    assert.equal(status.connections[1]!.options.targets.length, 0, 'options disabled');

    // Only the PBX's interval changes: the trunk's registration is left alone.
    h.runtime.apply(config([pbx(10), trunk]));
    await h.settle();
    h.timers.advance(2000);
    await h.settle();
    assert.equal(h.count('REGISTER', '127.0.0.3'), 1, 'no new REGISTER for an unchanged trunk');
    status = h.runtime.status();
    assert.equal(status.connections[0]!.options.intervalSeconds, 10);
    assert.equal(status.connections[0]!.options.targets[0]!.sent, 1, 'a new keepalive for the changed one');

    // The same config again changes nothing at all.
    const before = h.sent.length;
    h.runtime.apply(config([pbx(10), trunk]));
    await h.settle();
    assert.equal(h.sent.length, before);
    assert.equal(h.runtime.status().connections[0]!.options.targets[0]!.sent, 1);

    // The trunk removed: Expires: 0 goes out, and its status is gone.
    h.runtime.apply(config([pbx(10)]));
    await h.settle();
    const last = h.sent.filter((s) => s.request.method === 'REGISTER').at(-1)!;
    assert.equal(getHeader(last.request, 'Expires'), '0');
    assert.deepEqual(
      h.runtime.status().connections.map((c) => c.id),
      ['pbx'],
    );
    const reg = h.events.filter((e) => e.msgId === 'REG_STATE').map((e) => e.params!.state);
    assert.deepEqual(reg, ['registered', 'unregistered']);
    assert.ok(!JSON.stringify(h.events).includes('pw-123456'), 'no password in syslog');
    const up = h.events.find((e) => e.msgId === 'OPTIONS_STATE')!;
    assert.equal(up.params!.connection, 'pbx');
    assert.equal(up.params!.target, 'udp:127.0.0.2:5060');
    assert.equal(up.params!.state, 'up');
    await h.runtime.stop();
  });

  it('counts OPTIONS by connection and refuses strangers once a connection exists', () => {
    const h = harness();
    const parsed = parseMessage(OPTIONS);
    assert.ok(parsed.ok);
    const base = () => decideResponse(parsed.message as SipRequest, { newTag: () => 't', server: 's' });
    const status = (source: string) => {
      const decision = h.runtime.answerOptions({ address: source, port: 5060 }, base());
      return decision.action === 'reply' ? decision.response.status : decision.action;
    };
    assert.equal(status('198.51.100.1'), 200, 'no connection yet: everyone is answered');
    h.runtime.apply(
      config([pbx(), { ...trunk, allowedSources: ['198.51.100.0/24'], maxConcurrentCalls: 5 }]),
    );
    assert.equal(status('127.0.0.2'), 200);
    assert.equal(status('198.51.100.1'), 200);
    assert.equal(status('203.0.113.9'), 403);
    const counters = h.runtime.status();
    assert.deepEqual(counters.connections[0]!.counters, {
      optionsReceived: 1,
      optionsAnswered: 1,
      optionsRefused: 0,
    });
    assert.deepEqual(counters.unknownSources, { policy: 'refuse', optionsRefused: 1, optionsDropped: 0 });
    void h.runtime.stop();
  });
});
