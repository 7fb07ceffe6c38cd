import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import { IllegalTransitionError } from '../../../../../sbc-engine/sip/transaction/machine.ts';
import { ServerInviteTransaction } from '../../../../../sbc-engine/sip/transaction/server-invite.ts';
import { makeRequest, makeResponse, options, RecordingUser } from './fixtures.ts';

function setup(transport: string, sendTrying = true) {
  const host = new FakeTimerHost();
  const user = new RecordingUser<SipRequest>(host);
  const request = makeRequest('INVITE', { transport });
  const tx = new ServerInviteTransaction(request, user, { ...options(host, transport), sendTrying });
  tx.start();
  return { host, user, request, tx };
}

const ack = (transport = 'UDP') => makeRequest('ACK', { transport, cseq: 314159, toTag: 'a6c85cf' });
const statuses = (user: RecordingUser<SipRequest>) => user.sent.map((s) => (s.message as SipResponse).status);

describe('RFC 3261 §17.2.1: "proceeding"', () => {
  it('answers 100 Trying itself and passes the INVITE to the TU once', () => {
    const { user, request, tx } = setup('UDP');
    assert.deepEqual(statuses(user), [100]);
    assert.deepEqual(user.passed, [request]);
    tx.receiveRequest(request);
    assert.deepEqual(statuses(user), [100, 100]);
    assert.equal(user.passed.length, 1);
  });

  it('resends the most recent provisional on a retransmitted INVITE', () => {
    const { user, request, tx } = setup('UDP');
    tx.sendResponse(makeResponse(request, 180, 'Ringing'));
    tx.receiveRequest(request);
    assert.deepEqual(statuses(user), [100, 180, 180]);
    assert.deepEqual(
      user.sent.map((s) => s.reason),
      ['initial', 'initial', 'retransmit'],
    );
  });

  it('can leave the 100 Trying to the TU', () => {
    const { user } = setup('UDP', false);
    assert.deepEqual(user.sent, []);
  });
});

describe('RFC 3261 §17.2.1: non-2xx final responses (Timers G, H, I)', () => {
  it('over UDP a 486 is retransmitted per Timer G until Timer H (64*T1) gives up', () => {
    const { host, user, request, tx } = setup('UDP', false);
    tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
    assert.equal(tx.state, 'completed');
    host.advance(32_000);
    assert.deepEqual(user.sendTimes(), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    assert.equal(user.eventAt('timeout'), 32_000);
    assert.equal(tx.state, 'terminated');
  });

  it('over UDP the ACK stops retransmissions and Timer I (T4) ends "confirmed"', () => {
    const { host, user, request, tx } = setup('UDP', false);
    tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
    host.advance(2000);
    tx.receiveRequest(ack());
    assert.equal(tx.state, 'confirmed');
    tx.receiveRequest(ack());
    tx.receiveRequest(request);
    host.advance(4999);
    assert.equal(tx.state, 'confirmed');
    host.advance(1);
    assert.equal(tx.state, 'terminated');
    assert.deepEqual(user.sendTimes(), [0, 500, 1500], 'no sends after the ACK');
    assert.equal(user.eventAt('timeout'), undefined);
  });

  it('over UDP a retransmitted INVITE in "completed" gets the final response again', () => {
    const { host, user, request, tx } = setup('UDP', false);
    tx.sendResponse(makeResponse(request, 603, 'Decline'));
    host.advance(100);
    tx.receiveRequest(request);
    assert.deepEqual(
      user.sent.map((s) => [s.at, (s.message as SipResponse).status, s.reason]),
      [
        [0, 603, 'initial'],
        [100, 603, 'retransmit'],
      ],
    );
  });

  const reliable: [string, boolean, number | undefined][] = [
    // transport, ACK arrives, timeout at
    ['TCP', true, undefined],
    ['TCP', false, 32_000],
  ];
  for (const [transport, acked, timeout] of reliable) {
    it(`over ${transport} the 486 is sent once; ${acked ? 'the ACK ends it at once (Timer I = 0)' : 'Timer H ends it'}`, () => {
      const { host, user, request, tx } = setup(transport, false);
      tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
      if (acked) tx.receiveRequest(ack(transport));
      host.advance(40_000);
      assert.deepEqual(user.sendTimes(), [0]);
      assert.equal(tx.state, 'terminated');
      assert.equal(user.eventAt('timeout'), timeout);
    });
  }
});

describe('RFC 3261 §17.2.1: 2xx responses', () => {
  it('a 200 is sent once and terminates the transaction (the TU retransmits it)', () => {
    const { host, user, request, tx } = setup('UDP');
    tx.sendResponse(makeResponse(request, 200, 'OK'));
    assert.equal(tx.state, 'terminated');
    host.advance(64_000);
    assert.deepEqual(statuses(user), [100, 200]);
  });
});

describe('RFC 3261 §17.2.4: transport errors', () => {
  it('a failure to send the final response informs the TU and terminates', () => {
    const { host, user, request, tx } = setup('UDP', false);
    user.onSend = () => tx.transportError();
    tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
    assert.equal(tx.state, 'terminated');
    assert.deepEqual(
      user.events.map((e) => e.event),
      ['transport-error', 'terminated'],
    );
    assert.deepEqual(host.scheduled(), []);
  });
});

describe('INVITE server transaction: state machine', () => {
  it('rejects illegal transitions and responses after the final one', () => {
    const { request, tx } = setup('UDP');
    assert.throws(() => tx.transition('confirmed'), IllegalTransitionError);
    tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
    assert.throws(
      () => tx.sendResponse(makeResponse(request, 200, 'OK')),
      /in "completed" cannot send a 200/,
    );
    assert.throws(() => tx.transition('proceeding'), /from "completed" to "proceeding"/);
  });
});
