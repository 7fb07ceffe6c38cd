import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader, getHeaderValues } from '../../../../../sbc-engine/sip/headers.ts';
import type { SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { ClientInviteTransaction } from '../../../../../sbc-engine/sip/transaction/client-invite.ts';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import { IllegalTransitionError } from '../../../../../sbc-engine/sip/transaction/machine.ts';
import { makeRequest, makeResponse, options, RecordingUser } from './fixtures.ts';

function setup(transport: string) {
  const host = new FakeTimerHost();
  const user = new RecordingUser<SipResponse>(host);
  const request = makeRequest('INVITE', {
    transport,
    headers: [
      { name: 'Route', value: '<sip:p1.example.com;lr>' },
      { name: 'Route', value: '<sip:p2.example.com;lr>' },
    ],
  });
  const tx = new ClientInviteTransaction(request, user, options(host, transport));
  tx.start();
  return { host, user, request, tx };
}

describe('RFC 3261 §17.1.1.2: unanswered INVITE (Timers A and B)', () => {
  const rows: [string, number[], number][] = [
    // transport, send times (retransmissions at 0.5, 1, 2, 4, 8, 16 s intervals), Timer B
    ['UDP', [0, 500, 1500, 3500, 7500, 15500, 31500], 32_000],
    ['TCP', [0], 32_000],
  ];
  for (const [transport, sends, timeout] of rows) {
    it(`an INVITE over ${transport} is sent ${sends.length} time(s) and times out at ${timeout / 1000} s`, () => {
      const { host, user, tx } = setup(transport);
      host.advance(timeout - 1);
      assert.equal(tx.state, 'calling');
      host.advance(1);
      assert.deepEqual(user.sendTimes(), sends);
      assert.equal(user.eventAt('timeout'), timeout);
      assert.equal(tx.state, 'terminated');
    });
  }

  it('a provisional stops Timer A retransmissions and Timer B', () => {
    const { host, user, request, tx } = setup('UDP');
    host.advance(600);
    tx.receiveResponse(makeResponse(request, 180, 'Ringing'));
    assert.equal(tx.state, 'proceeding');
    host.advance(120_000);
    assert.deepEqual(user.sendTimes(), [0, 500]);
    assert.equal(user.eventAt('timeout'), undefined);
    assert.equal(user.passed.length, 1);
  });
});

describe('RFC 3261 §17.1.1.2 and §17.1.1.3: non-2xx final responses', () => {
  const rows: [string, number][] = [
    ['UDP', 32_000],
    ['TCP', 0],
  ];
  for (const [transport, timerD] of rows) {
    it(`a 486 over ${transport} is ACKed by the transaction; Timer D = ${timerD} ms`, () => {
      const { host, user, request, tx } = setup(transport);
      host.advance(1000);
      const busy = makeResponse(request, 486, 'Busy Here');
      tx.receiveResponse(busy);
      assert.deepEqual(user.passed, [busy]);
      const acks = () => user.sent.filter((s) => s.reason === 'ack');
      assert.equal(acks().length, 1);
      if (timerD > 0) {
        assert.equal(tx.state, 'completed');
        // Retransmissions of the 486 are absorbed and answered with the same ACK again.
        host.advance(3000);
        tx.receiveResponse(busy);
        tx.receiveResponse(busy);
        assert.equal(user.passed.length, 1);
        assert.equal(acks().length, 3);
        assert.equal(acks()[2]!.message, acks()[0]!.message);
        host.advance(timerD - 3001);
        assert.equal(tx.state, 'completed');
        host.advance(1);
      }
      assert.equal(tx.state, 'terminated');
      assert.equal(user.eventAt('terminated'), 1000 + timerD);
      // No INVITE retransmission after the final response.
      assert.deepEqual(
        user.sent.filter((s) => s.reason === 'retransmit').every((s) => s.at < 1000),
        true,
      );
    });
  }

  it('builds the ACK as §17.1.1.3 says', () => {
    const { user, request, tx } = setup('UDP');
    tx.receiveResponse(makeResponse(request, 486, 'Busy Here', 'busy-tag'));
    const ack = user.sent.find((s) => s.reason === 'ack')!.message as SipRequest;
    assert.equal(ack.method, 'ACK');
    assert.equal(ack.uri, request.uri);
    assert.deepEqual(getHeaderValues(ack, 'Via'), [getHeaderValues(request, 'Via')[0]]);
    assert.equal(getHeader(ack, 'CSeq'), '314159 ACK');
    assert.equal(getHeader(ack, 'To'), 'Bob <sip:bob@biloxi.example.com>;tag=busy-tag');
    assert.equal(getHeader(ack, 'From'), getHeader(request, 'From'));
    assert.equal(getHeader(ack, 'Call-ID'), getHeader(request, 'Call-ID'));
    assert.deepEqual(getHeaderValues(ack, 'Route'), ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    assert.equal(ack.body.length, 0);
  });
});

describe('RFC 3261 §17.1.1.2: 2xx responses', () => {
  it('a 200 goes to the TU, terminates the transaction and is not ACKed by it', () => {
    const { host, user, request, tx } = setup('UDP');
    host.advance(200);
    const ok = makeResponse(request, 200, 'OK');
    tx.receiveResponse(ok);
    assert.deepEqual(user.passed, [ok]);
    assert.equal(tx.state, 'terminated');
    assert.equal(user.sent.filter((s) => s.reason === 'ack').length, 0);
    host.advance(60_000);
    assert.equal(user.sent.length, 1);
  });
});

describe('RFC 3261 §17.1.4: transport errors', () => {
  for (const state of ['calling', 'proceeding'] as const) {
    it(`a transport error in "${state}" informs the TU and terminates`, () => {
      const { host, user, request, tx } = setup('UDP');
      if (state === 'proceeding') tx.receiveResponse(makeResponse(request, 100, 'Trying'));
      tx.transportError();
      assert.equal(tx.state, 'terminated');
      assert.deepEqual(
        user.events.map((e) => e.event),
        ['transport-error', 'terminated'],
      );
      host.advance(60_000);
      assert.equal(user.eventAt('timeout'), undefined);
    });
  }
});

describe('INVITE client transaction: state machine', () => {
  it('rejects illegal transitions', () => {
    const { request, tx } = setup('UDP');
    assert.throws(() => tx.transition('calling'), IllegalTransitionError);
    tx.receiveResponse(makeResponse(request, 486, 'Busy Here'));
    assert.throws(() => tx.transition('proceeding'), /from "completed" to "proceeding"/);
  });

  it('refuses to start twice and to carry a non-INVITE', () => {
    const { tx } = setup('UDP');
    assert.throws(() => tx.start(), /already started/);
    const host = new FakeTimerHost();
    assert.throws(
      () => new ClientInviteTransaction(makeRequest('BYE'), new RecordingUser(host), options(host, 'UDP')),
    );
  });
});
