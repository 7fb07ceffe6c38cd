import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSocketTransport, type SocketLike } from '../../../../renderer/api/socketTransport.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; method: string; input: unknown }[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let nextTimer = 1;
  const transport = createSocketTransport({
    url: 'ws://127.0.0.1:1/api?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimer: (callback, ms) => {
      timers.set(nextTimer, { callback, ms });
      return nextTimer++;
    },
    clearTimer: (timer) => timers.delete(timer as number),
    callTimeoutMs: 30_000,
  });
  /** Fires the pending timers of exactly `ms` (reconnects), as a clock would. */
  function fire(ms: number) {
    for (const [id, timer] of [...timers]) {
      if (timer.ms === ms) {
        timers.delete(id);
        timer.callback();
      }
    }
  }
  return { transport, sockets, timers, fire };
}

describe('socket transport', () => {
  it('queues calls until the socket opens, then sends them in order', async () => {
    const { transport, sockets } = harness();
    const first = transport.call('engines.list', {});
    const second = transport.call('settings.get', {});
    assert.equal(sockets.length, 1, 'one socket for both calls');
    assert.equal(sockets[0]!.url, 'ws://127.0.0.1:1/api?token=t');
    assert.equal(sockets[0]!.sent.length, 0);
    sockets[0]!.open();
    assert.deepEqual(
      sockets[0]!.sent.map((f) => f.method),
      ['engines.list', 'settings.get'],
    );
    // Replies may come in any order: each goes to its own call.
    sockets[0]!.reply(sockets[0]!.sent[1]!.id, { ok: true, value: { language: 'de' } });
    sockets[0]!.reply(sockets[0]!.sent[0]!.id, { ok: true, value: [] });
    assert.deepEqual(await first, { ok: true, value: [] });
    assert.deepEqual(await second, { ok: true, value: { language: 'de' } });
  });

  it('fails calls in flight with "unreachable" when the connection drops, and reconnects with back-off', async () => {
    const { transport, sockets, fire } = harness();
    const call = transport.call('engines.list', {});
    sockets[0]!.open();
    sockets[0]!.drop();
    const result = await call;
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'unreachable');
    assert.equal(sockets.length, 1, 'no reconnect before the back-off delay');
    fire(250);
    assert.equal(sockets.length, 2);
    // The host is still down: the next delay is longer.
    sockets[1]!.drop();
    fire(250);
    assert.equal(sockets.length, 2);
    fire(500);
    assert.equal(sockets.length, 3);
    const later = transport.call('engines.list', {});
    sockets[2]!.open();
    sockets[2]!.reply(sockets[2]!.sent[0]!.id, { ok: true, value: [] });
    assert.deepEqual(await later, { ok: true, value: [] });
  });

  it('a call made while waiting to reconnect is sent by the next connection', async () => {
    const { transport, sockets, fire } = harness();
    void transport.call('a.b', {});
    sockets[0]!.drop();
    const waiting = transport.call('engines.list', {});
    assert.equal(sockets.length, 1);
    fire(250);
    sockets[1]!.open();
    assert.deepEqual(
      sockets[1]!.sent.map((f) => f.method),
      ['engines.list'],
    );
    sockets[1]!.reply(sockets[1]!.sent[0]!.id, { ok: true, value: 1 });
    assert.deepEqual(await waiting, { ok: true, value: 1 });
  });

  it('gives up on a call without a reply after the time-out', async () => {
    const { transport, sockets, fire } = harness();
    const call = transport.call('engines.status', { engineId: 'x' });
    sockets[0]!.open();
    fire(30_000);
    const result = await call;
    assert.equal(!result.ok && result.error.code, 'unreachable');
  });

  it('ignores garbage and replies for unknown ids', async () => {
    const { transport, sockets } = harness();
    const call = transport.call('engines.list', {});
    sockets[0]!.open();
    sockets[0]!.onmessage?.({ data: 'not json' });
    sockets[0]!.reply(12345, { ok: true, value: 'wrong' });
    sockets[0]!.reply(sockets[0]!.sent[0]!.id, { ok: true, value: 'right' });
    assert.deepEqual(await call, { ok: true, value: 'right' });
  });

  it('after close() no call is sent and none waits', async () => {
    const { transport, sockets, timers } = harness();
    const call = transport.call('engines.list', {});
    transport.close();
    assert.equal(!(await call).ok, true);
    assert.equal((await transport.call('engines.list', {})).ok, false);
    assert.equal(sockets.length, 1);
    assert.equal(timers.size, 0, 'no reconnect scheduled');
  });
});
