import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import {
  DEFAULT_TIMER_CONFIG,
  isReliableTransport,
  timerConfig,
  timerTable,
  type TimerName,
} from '../../../../../sbc-engine/sip/transaction/timers.ts';

describe('RFC 3261 Table 4: timer values', () => {
  it('has T1 = 500 ms, T2 = 4 s, T4 = 5 s by default', () => {
    assert.equal(DEFAULT_TIMER_CONFIG.t1, 500);
    assert.equal(DEFAULT_TIMER_CONFIG.t2, 4000);
    assert.equal(DEFAULT_TIMER_CONFIG.t4, 5000);
  });

  const rows: [TimerName, number | null, number | null][] = [
    // name, UDP, TCP
    ['timerA', 500, null],
    ['timerB', 32_000, 32_000],
    ['timerC', 180_000, 180_000],
    ['timerD', 32_000, 0],
    ['timerE', 500, null],
    ['timerF', 32_000, 32_000],
    ['timerG', 500, null],
    ['timerH', 32_000, 32_000],
    ['timerI', 5000, 0],
    ['timerJ', 32_000, 0],
    ['timerK', 5000, 0],
  ];
  for (const [name, udp, tcp] of rows) {
    it(`${name} is ${udp} ms over UDP and ${tcp} ms over TCP`, () => {
      assert.equal(timerTable(timerConfig(), false)[name], udp);
      assert.equal(timerTable(timerConfig(), true)[name], tcp);
    });
  }

  it('derives the 64*T1 timers from a configured T1', () => {
    const table = timerTable(timerConfig({ t1: 100 }), false);
    assert.deepEqual(
      [table.timerA, table.timerB, table.timerF, table.timerH, table.timerJ],
      [100, 6400, 6400, 6400, 6400],
    );
  });

  it('rejects a T2 shorter than T1 and non-positive values', () => {
    assert.throws(() => timerConfig({ t1: 5000, t2: 4000 }), /T2/);
    assert.throws(() => timerConfig({ t4: 0 }), /t4/);
  });

  it('treats only UDP as unreliable (§18)', () => {
    assert.deepEqual(['UDP', 'udp', 'TCP', 'TLS', 'SCTP', 'WSS'].map(isReliableTransport), [
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('FakeTimerHost', () => {
  it('fires due timers in due order, including ones started by a callback', () => {
    const host = new FakeTimerHost();
    const fired: [string, number][] = [];
    host.start('b', 200, () => fired.push(['b', host.now()]));
    host.start('a', 100, () => {
      fired.push(['a', host.now()]);
      host.start('c', 50, () => fired.push(['c', host.now()]));
    });
    const cancelled = host.start('x', 120, () => fired.push(['x', host.now()]));
    host.cancel(cancelled);
    host.advance(1000);
    assert.deepEqual(fired, [
      ['a', 100],
      ['c', 150],
      ['b', 200],
    ]);
    assert.equal(host.now(), 1000);
  });

  it('does not fire a timer before it is due', () => {
    const host = new FakeTimerHost();
    let fired = false;
    host.start('t', 500, () => (fired = true));
    host.advance(499);
    assert.equal(fired, false);
    assert.deepEqual(host.scheduled(), [{ name: 't', due: 500 }]);
    host.advance(1);
    assert.equal(fired, true);
  });
});
