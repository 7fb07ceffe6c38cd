import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader } from '../../../../../sbc-engine/sip/headers.ts';
import type { SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { ClientNonInviteTransaction } from '../../../../../sbc-engine/sip/transaction/client-non-invite.ts';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import { IllegalTransitionError } from '../../../../../sbc-engine/sip/transaction/machine.ts';
import { makeRequest, makeResponse, options, RecordingUser } from './fixtures.ts';

function setup(transport: string) {
  const host = new FakeTimerHost();
  const user = new RecordingUser<SipResponse>(host);
  const request = makeRequest('OPTIONS', { transport });
  const tx = new ClientNonInviteTransaction(request, user, options(host, transport));
  tx.start();
  return { host, user, request, tx };
}

describe('RFC 3261 §17.1.2.2: unanswered non-INVITE (Timers E and F)', () => {
  const rows: [string, number[], number][] = [
    // transport, send times (1 + retransmissions at 0.5, 1, 2, 4, 4, 4 … s), Timer F
    ['UDP', [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], 32_000],
    ['TCP', [0], 32_000],
  ];
  for (const [transport, sends, timeout] of rows) {
    it(`an OPTIONS over ${transport} is sent ${sends.length} time(s) and times out after ${timeout / 1000} s`, () => {
      const { host, user, tx } = setup(transport);
      host.advance(timeout - 1);
      assert.equal(user.eventAt('timeout'), undefined);
      host.advance(1);
      assert.deepEqual(user.sendTimes(), sends);
      assert.deepEqual(user.sendTimes('retransmit').length, sends.length - 1);
      assert.equal(user.eventAt('timeout'), timeout);
      assert.equal(user.eventAt('terminated'), timeout);
      assert.equal(tx.state, 'terminated');
      host.advance(60_000);
      assert.equal(user.sent.length, sends.length, 'nothing is sent after the timeout');
    });
  }
});

describe('RFC 3261 §17.1.2.2: responses', () => {
  it('a provisional moves to "proceeding", after which Timer E retransmits every T2', () => {
    const { host, user, request, tx } = setup('UDP');
    host.advance(100);
    tx.receiveResponse(makeResponse(request, 100, 'Trying'));
    assert.equal(tx.state, 'proceeding');
    host.advance(12_400);
    // Timer E was already armed for 500 ms; from then on it runs at T2 = 4 s.
    assert.deepEqual(user.sendTimes(), [0, 500, 4500, 8500, 12500]);
    assert.equal(user.passed.length, 1);
  });

  const finals: [string, number, number][] = [
    // transport, status, Timer K
    ['UDP', 200, 5000],
    ['UDP', 404, 5000],
    ['TCP', 200, 0],
  ];
  for (const [transport, status, timerK] of finals) {
    it(`a ${status} over ${transport} completes; retransmissions are absorbed; Timer K = ${timerK} ms`, () => {
      const { host, user, request, tx } = setup(transport);
      host.advance(1000);
      const response = makeResponse(request, status);
      tx.receiveResponse(response);
      assert.deepEqual(user.passed, [response]);
      if (timerK > 0) {
        assert.equal(tx.state, 'completed');
        tx.receiveResponse(response);
        assert.equal(user.passed.length, 1, 'a retransmitted final is not passed up again');
        const sentBefore = user.sent.length;
        host.advance(timerK - 1);
        assert.equal(tx.state, 'completed');
        assert.equal(user.sent.length, sentBefore, 'no retransmissions in "completed"');
        host.advance(1);
      }
      assert.equal(tx.state, 'terminated');
      assert.equal(user.eventAt('terminated'), 1000 + timerK);
      assert.equal(user.eventAt('timeout'), undefined);
    });
  }
});

describe('RFC 3261 §17.1.4: transport errors', () => {
  it('a transport error in "trying" informs the TU and terminates', () => {
    const { host, user, tx } = setup('UDP');
    host.advance(700);
    tx.transportError();
    assert.equal(tx.state, 'terminated');
    assert.equal(user.eventAt('transport-error'), 700);
    host.advance(40_000);
    assert.equal(user.sent.length, 2);
    assert.equal(user.eventAt('timeout'), undefined);
  });

  it('a failure of the first send terminates before any timer starts', () => {
    const host = new FakeTimerHost();
    const user = new RecordingUser<SipResponse>(host);
    const tx = new ClientNonInviteTransaction(makeRequest('OPTIONS'), user, options(host, 'UDP'));
    user.onSend = () => tx.transportError();
    tx.start();
    assert.equal(tx.state, 'terminated');
    assert.deepEqual(host.scheduled(), []);
  });
});

describe('non-INVITE client transaction: state machine', () => {
  it('rejects illegal transitions', () => {
    const { request, tx } = setup('UDP');
    tx.receiveResponse(makeResponse(request, 200));
    assert.throws(() => tx.transition('proceeding'), IllegalTransitionError);
    assert.throws(() => tx.transition('trying'), /no transition from "completed" to "trying"/);
  });

  it('refuses INVITE and ACK', () => {
    const host = new FakeTimerHost();
    for (const method of ['INVITE', 'ACK'])
      assert.throws(
        () =>
          new ClientNonInviteTransaction(makeRequest(method), new RecordingUser(host), options(host, 'UDP')),
      );
  });

  it('sends the request unchanged', () => {
    const { user, request } = setup('UDP');
    assert.equal(user.sent[0]?.message, request);
    assert.equal(getHeader(user.sent[0]!.message, 'CSeq'), '314159 OPTIONS');
  });
});
