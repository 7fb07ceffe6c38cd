// The sender on a fake socket and a fake clock: what reaches the wire, what is dropped and counted,
// and how it reconnects. The engine must never wait on, or be thrown at by, a dead syslog target.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';
import type { SyslogEvent } from '../../../../sbc-engine/syslog/events.ts';
import { MAX_SEQUENCE_ID, SequenceCounter } from '../../../../sbc-engine/syslog/sequence.ts';
import {
  SyslogSender,
  type ChannelEvents,
  type SyslogChannel,
  type SyslogIo,
  type SyslogSenderOptions,
} from '../../../../sbc-engine/syslog/sender.ts';
import type { SyslogTarget } from '../../../../sbc-engine/syslog/target.ts';
import { parseRfc5424, sdParams, splitOctetCounted } from '../../../helpers/rfc5424-parser.ts';

class FakeChannel implements SyslogChannel {
  readonly events: ChannelEvents;
  readonly written: Buffer[] = [];
  readonly pending: ((error?: Error) => void)[] = [];
  /** What write() answers: false asks the sender to wait for onDrain. */
  accepts = true;
  /** When false, `done` waits in `pending` until the test calls it. */
  completes = true;
  throwOnWrite = false;
  closed = false;

  constructor(events: ChannelEvents) {
    this.events = events;
  }

  write(frame: Buffer, done: (error?: Error) => void): boolean {
    if (this.throwOnWrite) throw new Error('EBADF');
    this.written.push(frame);
    if (this.completes) done();
    else this.pending.push(done);
    return this.accepts;
  }

  close(): void {
    this.closed = true;
  }
}

class FakeIo implements SyslogIo {
  readonly channels: FakeChannel[] = [];
  throwOnOpen = false;
  /** Reports onOpen or onClose before open() returns, as a socket library might. */
  reportAtOnce: 'open' | 'close' | undefined;

  open(_target: SyslogTarget, events: ChannelEvents): SyslogChannel {
    if (this.throwOnOpen) throw new Error('EMFILE');
    const channel = new FakeChannel(events);
    this.channels.push(channel);
    if (this.reportAtOnce === 'open') events.onOpen();
    if (this.reportAtOnce === 'close') events.onClose(new Error('ENETUNREACH'));
    return channel;
  }

  get last(): FakeChannel {
    return this.channels.at(-1)!;
  }
}

const UDP: SyslogTarget = { transport: 'udp', host: '127.0.0.1', port: 514 };
const TCP: SyslogTarget = { transport: 'tcp', host: '127.0.0.1', port: 514 };

function setup(target: SyslogTarget, extra: Partial<SyslogSenderOptions> = {}, io = new FakeIo()) {
  const timers = new FakeTimerHost(Date.UTC(2026, 0, 1));
  const lines: string[] = [];
  const sender = new SyslogSender({
    target,
    origin: { hostname: 'sbc1', procId: '7', enterpriseNumber: '32473', facility: 'local0' },
    io,
    timers,
    utcOffsetMinutes: () => 0,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { io, timers, lines, sender };
}

function event(n: number, msg = `message ${n}`): SyslogEvent {
  return { msgId: 'CALL_START', severity: 'info', call: { callId: `call-${n}` }, msg };
}

function sequenceIds(frames: Buffer[]): number[] {
  return frames.map((frame) => Number(sdParams(parseRfc5424(frame), 'meta')!.sequenceId));
}

describe('UDP', () => {
  it('sends one RFC 5424 message per datagram, numbered from 1', () => {
    const { io, sender } = setup(UDP);
    io.last.events.onOpen();
    for (let n = 1; n <= 3; n++) sender.send(event(n));
    assert.equal(io.last.written.length, 3);
    assert.deepEqual(sequenceIds(io.last.written), [1, 2, 3]);
    assert.deepEqual(
      io.last.written.map((frame) => sdParams(parseRfc5424(frame), 'sbc@32473')!.callId),
      ['call-1', 'call-2', 'call-3'],
    );
    assert.equal(sender.stats().sent, 3);
  });

  it('cuts a long MSG to the datagram limit and counts it', () => {
    const { io, sender } = setup(UDP, { maxMessageBytes: 300 });
    io.last.events.onOpen();
    sender.send(event(1, 'ä'.repeat(500)));
    const [datagram] = io.last.written;
    assert.ok(datagram!.length <= 300, `${datagram!.length} bytes`);
    assert.equal(sdParams(parseRfc5424(datagram!), 'sbc@32473')!.truncated, '1000');
    assert.equal(sender.stats().truncated, 1);
  });

  it('keeps numbering across the wrap at 2147483647', () => {
    const { io, sender } = setup(UDP, { sequence: new SequenceCounter(MAX_SEQUENCE_ID - 1) });
    io.last.events.onOpen();
    for (let n = 1; n <= 3; n++) sender.send(event(n));
    assert.deepEqual(sequenceIds(io.last.written), [MAX_SEQUENCE_ID, 1, 2]);
  });
});

describe('the bounded queue', () => {
  it('keeps the newest messages while the target is not reachable, and counts the dropped ones', () => {
    const { io, sender } = setup(UDP, { maxQueue: 1000 });
    for (let n = 1; n <= 1005; n++) sender.send(event(n));
    assert.deepEqual(
      { queued: sender.stats().queued, dropped: sender.stats().dropped },
      { queued: 1000, dropped: 5 },
    );
    io.last.events.onOpen();
    const ids = sequenceIds(io.last.written);
    assert.equal(ids.length, 1000);
    // The receiver sees the gap: ids 1..5 never arrive.
    assert.equal(ids[0], 6);
    assert.equal(ids.at(-1), 1005);
  });

  it('does not write past a full TCP socket: it waits for drain and drops the oldest meanwhile', () => {
    const { io, sender } = setup(TCP, { maxQueue: 10 });
    io.last.events.onOpen();
    io.last.accepts = false;
    sender.send(event(1));
    assert.equal(io.last.written.length, 1, 'the socket asked for a pause');
    for (let n = 2; n <= 20; n++) sender.send(event(n));
    assert.equal(io.last.written.length, 1);
    assert.equal(sender.stats().dropped, 9);
    io.last.accepts = true;
    io.last.events.onDrain();
    const ids = sequenceIds(splitOctetCounted(Buffer.concat(io.last.written)));
    assert.deepEqual(ids, [1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('limits frames in flight, so the queue bound also holds against a slow socket', () => {
    const { io, sender } = setup(UDP, { maxQueue: 5, maxInFlight: 2 });
    io.last.events.onOpen();
    io.last.completes = false;
    for (let n = 1; n <= 10; n++) sender.send(event(n));
    assert.equal(io.last.written.length, 2);
    assert.deepEqual(
      { queued: sender.stats().queued, dropped: sender.stats().dropped },
      { queued: 5, dropped: 3 },
    );
    io.last.completes = true;
    for (const done of io.last.pending.splice(0)) done();
    assert.deepEqual(sequenceIds(io.last.written), [1, 2, 6, 7, 8, 9, 10]);
    assert.equal(sender.stats().sent, 7);
  });
});

describe('TCP', () => {
  it('frames each message with its length in bytes (RFC 6587 octet counting)', () => {
    const { io, sender } = setup(TCP);
    io.last.events.onOpen();
    const texts = ['INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n\r\n', 'Grüße 😀', 'plain'];
    texts.forEach((text, i) => sender.send(event(i + 1, text)));
    for (const frame of io.last.written) {
      const space = frame.indexOf(0x20);
      assert.equal(Number(frame.subarray(0, space).toString()), frame.length - space - 1);
    }
    const messages = splitOctetCounted(Buffer.concat(io.last.written)).map((m) => parseRfc5424(m));
    assert.deepEqual(
      messages.map((m) => m.msg),
      texts,
    );
  });

  it('reconnects with doubling backoff up to the cap, and starts again from the first delay after a success', () => {
    const { io, timers, lines, sender } = setup(TCP, { backoff: { firstMs: 1000, maxMs: 8000 } });
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      io.last.events.onClose(new Error('connect ECONNREFUSED 127.0.0.1:514'));
      const [next] = timers.scheduled();
      delays.push(next!.due - timers.now());
      timers.advance(next!.due - timers.now());
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 8000, 8000]);
    assert.equal(io.channels.length, 7);
    assert.equal(lines.filter((l) => l.includes('cannot send')).length, 1, lines.join('\n'));
    sender.send(event(1));
    io.last.events.onOpen();
    assert.equal(io.last.written.length, 1, 'the queued message goes out on the new connection');
    assert.equal(lines.at(-1), '[syslog] sending to tcp:127.0.0.1:514');
    io.last.events.onClose();
    assert.equal(timers.scheduled()[0]!.due - timers.now(), 1000);
    assert.equal(lines.filter((l) => l.includes('cannot send')).length, 2);
    timers.advance(1000);
    io.last.events.onOpen();
    assert.match(lines.at(-1)!, /sending to tcp:127\.0\.0\.1:514 again; 0 messages were dropped/);
  });

  it('counts frames still in the socket when the connection breaks as failed, once', () => {
    const { io, sender } = setup(TCP);
    const first = io.last;
    first.events.onOpen();
    first.completes = false;
    for (let n = 1; n <= 3; n++) sender.send(event(n));
    first.events.onClose(new Error('read ECONNRESET'));
    assert.equal(sender.stats().failed, 3);
    assert.ok(first.closed);
    // Late callbacks of the broken socket change nothing.
    for (const done of first.pending) done(new Error('write EPIPE'));
    assert.deepEqual({ failed: sender.stats().failed, sent: sender.stats().sent }, { failed: 3, sent: 0 });
  });
});

describe('never in the engine’s way', () => {
  it('survives a channel that cannot even be opened, and retries', () => {
    const broken = new FakeIo();
    broken.throwOnOpen = true;
    const { io, timers, lines, sender } = setup(UDP, {}, broken);
    assert.equal(io.channels.length, 0);
    assert.match(lines[0]!, /cannot send to udp:127\.0\.0\.1:514 \(EMFILE\)/);
    assert.doesNotThrow(() => sender.send(event(1)));
    io.throwOnOpen = false;
    timers.advance(1000);
    io.last.events.onOpen();
    assert.equal(io.last.written.length, 1);
  });

  it('copes with a channel that reports open or closed before open() returned', () => {
    const quick = new FakeIo();
    quick.reportAtOnce = 'open';
    const { io, sender } = setup(UDP, {}, quick);
    sender.send(event(1));
    assert.equal(io.last.written.length, 1);

    const failing = new FakeIo();
    failing.reportAtOnce = 'close';
    const second = setup(UDP, {}, failing);
    assert.ok(failing.last.closed, 'the failed channel is closed, not kept');
    second.sender.send(event(1));
    failing.reportAtOnce = undefined;
    second.timers.advance(1000);
    failing.last.events.onOpen();
    assert.equal(failing.last.written.length, 1);
  });

  it('counts a throwing socket as failed sends', () => {
    const { io, sender } = setup(UDP);
    io.last.events.onOpen();
    io.last.throwOnWrite = true;
    assert.doesNotThrow(() => sender.send(event(1)));
    assert.equal(sender.stats().failed, 1);
  });

  it('refuses and counts a message whose header and structured data are over the limit; the next is sent', () => {
    const { io, lines, sender } = setup(UDP, { maxMessageBytes: 200 });
    io.last.events.onOpen();
    assert.doesNotThrow(() => sender.send({ ...event(1), params: { huge: 'x'.repeat(300) } }));
    sender.send(event(2));
    assert.equal(sender.stats().refused, 1);
    assert.match(lines.at(-1)!, /CALL_START message was not sent/);
    // Its sequence id is spent: the receiver counts it as missing.
    assert.deepEqual(sequenceIds(io.last.written), [2]);
  });
});

describe('close', () => {
  it('sends what is queued, then closes; later messages count as dropped', async () => {
    const { io, sender } = setup(TCP);
    io.last.events.onOpen();
    io.last.completes = false;
    sender.send(event(1));
    const closed = sender.close();
    assert.equal(io.last.closed, false, 'waits for the frame in flight');
    io.last.pending.shift()!();
    await closed;
    assert.ok(io.last.closed);
    sender.send(event(2));
    assert.deepEqual({ sent: sender.stats().sent, dropped: sender.stats().dropped }, { sent: 1, dropped: 1 });
  });

  it('gives up after the grace time and counts what was left', async () => {
    const { io, timers, sender } = setup(TCP);
    io.last.events.onOpen();
    io.last.accepts = false;
    for (let n = 1; n <= 3; n++) sender.send(event(n));
    const closed = sender.close(500);
    timers.advance(500);
    await closed;
    assert.ok(io.last.closed);
    assert.equal(sender.stats().dropped, 2);
  });
});
