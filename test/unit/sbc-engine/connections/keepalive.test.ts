// The OPTIONS keepalive of one target on a fake clock: the interval, one OPTIONS at a time, the
// state rules (any final response is up, silence or a transport failure is down) and the changes reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TargetKeepalive, type TargetStatus } from '../../../../sbc-engine/connections/keepalive.ts';
import type { SendOutcome } from '../../../../sbc-engine/connections/probe-outcome.ts';
import type { SipResponse } from '../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';

function response(status: number): SipResponse {
  return { type: 'response', version: 'SIP/2.0', status, reason: 'x', headers: [], body: new Uint8Array() };
}

/** A keepalive whose probes wait until the test answers them. */
function harness(intervalMs = 60_000) {
  const timers = new FakeTimerHost(1_000_000);
  const pending: ((outcome: SendOutcome) => void)[] = [];
  const changes: { state: string; previous: string; status: TargetStatus }[] = [];
  const keepalive = new TargetKeepalive({
    target: 'tls:sip.pstnhub.microsoft.com:5061',
    timers,
    intervalMs,
    random: () => 0.5,
    probe: () => new Promise((resolve) => pending.push(resolve)),
    onStateChange: (status, previous) => changes.push({ state: status.state, previous, status }),
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const answer = async (outcome: SendOutcome) => {
    const next = pending.shift();
    assert.ok(next, 'an OPTIONS is in flight');
    next(outcome);
    await settle();
  };
  return { timers, pending, changes, keepalive, answer, settle };
}

describe('OPTIONS keepalive toward one target', () => {
  it('sends the first OPTIONS within the first seconds, then one per interval', async () => {
    const h = harness(60_000);
    h.keepalive.start();
    assert.equal(h.pending.length, 0);
    h.timers.advance(1000); // random 0.5 × 2 s spread
    assert.equal(h.pending.length, 1);
    await h.answer({ kind: 'response', response: response(200), rttMs: 12 });
    h.timers.advance(59_999);
    assert.equal(h.pending.length, 0, 'not before the interval is over');
    h.timers.advance(1);
    assert.equal(h.pending.length, 1);
    assert.equal(h.keepalive.status().sent, 2);
    assert.equal(h.keepalive.status().answered, 1);
  });

  it('never has two OPTIONS in flight: a late one delays the next until it ends', async () => {
    const h = harness(10_000);
    h.keepalive.start();
    h.timers.advance(1000);
    h.timers.advance(20_000); // two intervals pass while the first waits for Timer F
    assert.equal(h.pending.length, 1);
    await h.answer({ kind: 'timeout' });
    assert.equal(h.pending.length, 1, 'the overdue OPTIONS goes as soon as the previous one ended');
  });

  it('is up on any final response, with code and RTT; a 503 is up but refusing', async () => {
    const h = harness();
    h.keepalive.start();
    h.timers.advance(1000);
    await h.answer({ kind: 'response', response: response(404), rttMs: 35 });
    let status = h.keepalive.status();
    assert.equal(status.state, 'up');
    assert.equal(status.lastCode, 404);
    assert.equal(status.rttMs, 35);
    assert.equal(status.lastChange, 1_001_000);
    h.timers.advance(60_000);
    await h.answer({ kind: 'response', response: response(503), rttMs: 20 });
    status = h.keepalive.status();
    assert.equal(status.state, 'up');
    assert.equal(status.refusing, true);
    assert.equal(status.lastChange, 1_001_000, 'up to up is no change');
    assert.deepEqual(
      h.changes.map((c) => `${c.previous}->${c.state}`),
      ['unknown->up'],
    );
  });

  it('goes down after a timeout or a transport failure, counts failures, and comes back up', async () => {
    const h = harness(30_000);
    h.keepalive.start();
    h.timers.advance(1000);
    await h.answer({ kind: 'response', response: response(200), rttMs: 5 });
    h.timers.advance(30_000);
    await h.answer({ kind: 'timeout' });
    assert.equal(h.keepalive.status().state, 'down');
    assert.match(h.keepalive.status().lastError!, /no answer/);
    h.timers.advance(30_000);
    await h.answer({ kind: 'transport', reason: 'nothing listens on tcp:127.0.0.1:5999' });
    let status = h.keepalive.status();
    assert.equal(status.consecutiveFailures, 2);
    assert.equal(status.lastError, 'nothing listens on tcp:127.0.0.1:5999');
    assert.equal(status.lastCode, null);
    assert.equal(status.lastChange, 1_031_000, 'down since the first failure');
    h.timers.advance(30_000);
    await h.answer({ kind: 'response', response: response(200), rttMs: 7 });
    status = h.keepalive.status();
    assert.equal(status.state, 'up');
    assert.equal(status.consecutiveFailures, 0);
    assert.deepEqual(
      h.changes.map((c) => `${c.previous}->${c.state}`),
      ['unknown->up', 'up->down', 'down->up'],
    );
  });

  it('sends nothing more after stop, and ignores an answer that comes after it', async () => {
    const h = harness(10_000);
    h.keepalive.start();
    h.timers.advance(1000);
    h.keepalive.stop();
    await h.answer({ kind: 'response', response: response(200), rttMs: 1 });
    h.timers.advance(100_000);
    assert.equal(h.pending.length, 0);
    assert.equal(h.keepalive.status().state, 'unknown');
    assert.deepEqual(h.changes, []);
  });
});
