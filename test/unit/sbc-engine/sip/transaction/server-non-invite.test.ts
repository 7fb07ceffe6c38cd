import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import { IllegalTransitionError } from '../../../../../sbc-engine/sip/transaction/machine.ts';
import { ServerNonInviteTransaction } from '../../../../../sbc-engine/sip/transaction/server-non-invite.ts';
import { makeRequest, makeResponse, options, RecordingUser } from './fixtures.ts';

function setup(transport: string) {
  const host = new FakeTimerHost();
  const user = new RecordingUser<SipRequest>(host);
  const request = makeRequest('OPTIONS', { transport });
  const tx = new ServerNonInviteTransaction(request, user, options(host, transport));
  tx.start();
  return { host, user, request, tx };
}

const sent = (user: RecordingUser<SipRequest>) =>
  user.sent.map((s) => [s.at, (s.message as SipResponse).status, s.reason]);

describe('RFC 3261 §17.2.2: non-INVITE server transaction', () => {
  it('passes the request up once and discards retransmissions in "trying"', () => {
    const { user, request, tx } = setup('UDP');
    tx.receiveRequest(request);
    assert.deepEqual(user.passed, [request]);
    assert.deepEqual(user.sent, []);
    assert.equal(tx.state, 'trying');
  });

  it('resends the last provisional in "proceeding"', () => {
    const { host, user, request, tx } = setup('UDP');
    tx.sendResponse(makeResponse(request, 100, 'Trying'));
    assert.equal(tx.state, 'proceeding');
    host.advance(500);
    tx.receiveRequest(request);
    assert.deepEqual(sent(user), [
      [0, 100, 'initial'],
      [500, 100, 'retransmit'],
    ]);
  });

  const rows: [string, number][] = [
    // transport, Timer J
    ['UDP', 32_000],
    ['TCP', 0],
  ];
  for (const [transport, timerJ] of rows) {
    it(`over ${transport} resends the final response on retransmission and lingers ${timerJ} ms (Timer J)`, () => {
      const { host, user, request, tx } = setup(transport);
      host.advance(10);
      tx.sendResponse(makeResponse(request, 200, 'OK'));
      if (timerJ > 0) {
        assert.equal(tx.state, 'completed');
        host.advance(1000);
        tx.receiveRequest(request);
        assert.deepEqual(sent(user), [
          [10, 200, 'initial'],
          [1010, 200, 'retransmit'],
        ]);
        assert.equal(
          tx.sendResponse(makeResponse(request, 500, 'Oops')),
          false,
          'later finals are discarded',
        );
        host.advance(timerJ - 1001);
        assert.equal(tx.state, 'completed');
        host.advance(1);
      }
      assert.equal(tx.state, 'terminated');
      assert.equal(user.eventAt('terminated'), 10 + timerJ);
      assert.equal(user.passed.length, 1);
    });
  }

  it('a transport error informs the TU and terminates (§17.2.4)', () => {
    const { host, user, request, tx } = setup('UDP');
    user.onSend = () => tx.transportError();
    tx.sendResponse(makeResponse(request, 200, 'OK'));
    assert.equal(tx.state, 'terminated');
    assert.equal(user.eventAt('transport-error'), 0);
    assert.deepEqual(host.scheduled(), []);
  });

  it('rejects illegal transitions', () => {
    const { request, tx } = setup('UDP');
    tx.sendResponse(makeResponse(request, 200, 'OK'));
    assert.throws(() => tx.transition('trying'), IllegalTransitionError);
    assert.throws(() => tx.transition('proceeding'), /from "completed" to "proceeding"/);
  });
});
