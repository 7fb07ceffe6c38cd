// The probe's OPTIONS transaction on a fake clock: the RFC 3261 retransmission schedule over UDP,
// the probe's own timeout, one send over TCP, and the end on a response or a channel failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  OptionsExchange,
  type ChannelFailure,
  type ProbeChannel,
} from '../../../../sbc-engine/diag/exchange.ts';
import { buildOptions } from '../../../../sbc-engine/diag/options-request.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { createResponse } from '../../../../sbc-engine/sip/response.ts';
import type { SipRequest } from '../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';

function options(transport: 'udp' | 'tcp'): SipRequest {
  return buildOptions({
    requestUri: 'sip:192.0.2.1:5060',
    transport,
    local: { address: '127.0.0.1', port: 40000 },
    secure: false,
    userAgent: 'test',
    callId: 'c1@test',
    fromTag: 'f1',
    branch: 'b1',
    cseq: 1,
  });
}

function recordingChannel(transport: 'udp' | 'tcp', clock: FakeTimerHost) {
  const sent: number[] = [];
  let fail: ((failure: ChannelFailure) => void) | undefined;
  const channel: ProbeChannel = {
    transport,
    send(bytes, onError) {
      assert.ok(parseMessage(bytes).ok, 'the bytes sent parse as SIP');
      sent.push(clock.now());
      fail = onError;
    },
  };
  return { channel, sent, failLater: (failure: ChannelFailure) => fail?.(failure) };
}

describe('OptionsExchange', () => {
  it('UDP without an answer: 11 sends in 32 s (Timer E doubling to T2), then a timeout at Timer F', async () => {
    const clock = new FakeTimerHost();
    const { channel, sent } = recordingChannel('udp', clock);
    const outcome = new OptionsExchange(options('udp'), channel, { timers: clock }).run();
    clock.advance(40_000);
    assert.deepEqual(sent, [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    assert.deepEqual(await outcome, { kind: 'timeout', elapsedMs: 32_000, sends: 11 });
    assert.deepEqual(clock.scheduled(), [], 'no timer is left behind');
  });

  it('UDP with a shorter timeout: it gives up then, after the sends that fell before it', async () => {
    const clock = new FakeTimerHost();
    const { channel, sent } = recordingChannel('udp', clock);
    const outcome = new OptionsExchange(options('udp'), channel, { timers: clock, deadlineMs: 2000 }).run();
    clock.advance(2000);
    assert.deepEqual(sent, [0, 500, 1500]);
    assert.deepEqual(await outcome, { kind: 'timeout', elapsedMs: 2000, sends: 3 });
    clock.advance(60_000);
    assert.equal(sent.length, 3, 'nothing is sent after the timeout');
  });

  it('TCP: one send and no retransmission (reliable transport)', async () => {
    const clock = new FakeTimerHost();
    const { channel, sent } = recordingChannel('tcp', clock);
    const outcome = new OptionsExchange(options('tcp'), channel, { timers: clock }).run();
    clock.advance(40_000);
    assert.deepEqual(sent, [0]);
    assert.equal((await outcome).kind, 'timeout');
  });

  it('a final response ends it with the round trip from the first send; retransmissions stop', async () => {
    const clock = new FakeTimerHost();
    const { channel, sent } = recordingChannel('udp', clock);
    const request = options('udp');
    const exchange = new OptionsExchange(request, channel, { timers: clock });
    const outcome = exchange.run();
    clock.advance(700);
    const trying = createResponse(request, 100, 'Trying');
    assert.equal(exchange.receive(trying), true);
    const other = createResponse({ ...request, headers: request.headers.map((h) => (h.name === 'Via' ? { ...h, value: 'SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKother' } : h)) }, 200, 'OK', { toTag: 't' }); // prettier-ignore
    assert.equal(exchange.receive(other), false, 'another branch is another transaction');
    clock.advance(50);
    assert.equal(exchange.receive(createResponse(request, 200, 'OK', { toTag: 't' })), true);
    const result = await outcome;
    assert.equal(result.kind, 'response');
    assert.equal(result.kind === 'response' && result.rttMs, 750);
    assert.equal(result.sends, 2);
    clock.advance(60_000);
    assert.equal(sent.length, 2);
    assert.deepEqual(clock.scheduled(), []);
  });

  it('a channel failure (ICMP port unreachable) ends it at once with the code', async () => {
    const clock = new FakeTimerHost();
    const { channel, failLater } = recordingChannel('udp', clock);
    const outcome = new OptionsExchange(options('udp'), channel, { timers: clock }).run();
    clock.advance(10);
    failLater({ code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED' });
    assert.deepEqual(await outcome, {
      kind: 'failure',
      failure: { code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED' },
      sends: 1,
    });
    assert.deepEqual(clock.scheduled(), []);
  });

  it('a failure during the very first send ends it without a timer', async () => {
    const clock = new FakeTimerHost();
    const channel: ProbeChannel = { transport: 'tcp', send: (_bytes, onError) => onError({ code: 'CLOSED', detail: 'closed' }) };
    const outcome = await new OptionsExchange(options('tcp'), channel, { timers: clock, deadlineMs: 1000 }).run();
    assert.equal(outcome.kind, 'failure');
    assert.deepEqual(clock.scheduled(), []);
  }); // prettier-ignore
});
