// Sends events to one syslog target through an injected channel (UDP or TCP sockets in production,
// fakes in tests). The engine calls send() and moves on: messages wait in a bounded queue that
// drops its oldest entry when full, a dead target costs counters, never a thrown error or a wait.
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';
import { DropOldestQueue } from './drop-oldest-queue.ts';
import type { SyslogEvent } from './events.ts';
import { encodeSyslogMessage, type SyslogOrigin } from './format.ts';
import { octetCountedFrame } from './framing.ts';
import { SequenceCounter } from './sequence.ts';
import { formatSyslogTarget, type SyslogTarget } from './target.ts';

export interface ChannelEvents {
  onOpen(): void;
  /** The channel can take writes again after write() returned false. */
  onDrain(): void;
  /** The channel is gone (refused, reset, closed by the far end); the sender opens a new one. */
  onClose(error?: Error): void;
}

export interface SyslogChannel {
  /**
   * Hands one frame (a datagram, or bytes of the TCP stream) to the socket; `done` runs once it
   * left or failed. Returns false when the socket wants no more writes until onDrain.
   */
  write(frame: Buffer, done: (error?: Error) => void): boolean;
  close(): void;
}

export interface SyslogIo {
  open(target: SyslogTarget, events: ChannelEvents): SyslogChannel;
}

export interface SyslogStats {
  /** Waiting in the queue. */
  queued: number;
  /** Handed to the operating system. */
  sent: number;
  /** Pushed out of the full queue, or still queued when the sender stopped. */
  dropped: number;
  /** Lost in the socket: refused datagrams, frames written when a connection broke. */
  failed: number;
  /** Not sendable at all (header and structured data over the size limit). */
  refused: number;
  /** Sent with their MSG cut to the size limit. */
  truncated: number;
  open: boolean;
}

export interface SyslogSenderOptions {
  target: SyslogTarget;
  origin: SyslogOrigin;
  io: SyslogIo;
  timers: TimerHost;
  /** Local UTC offset in minutes at a time; the machine's time zone by default. */
  utcOffsetMinutes?: (time: number) => number;
  maxQueue?: number;
  /** Largest message in bytes (without the TCP length prefix); longer MSGs are cut. */
  maxMessageBytes?: number;
  /** Frames handed to the socket whose `done` has not run yet. */
  maxInFlight?: number;
  backoff?: { firstMs: number; maxMs: number };
  sequence?: SequenceCounter;
  log?: (line: string) => void;
}

export const DEFAULT_MAX_QUEUE = 1000;
/**
 * UDP: rsyslog's default message size limit, and room for a SIP INVITE with SDP, which passes 2048
 * bytes easily. RFC 5426 §3.2 asks receivers for at least 2048; IP fragments larger datagrams.
 */
export const DEFAULT_MAX_UDP_BYTES = 8192;
/**
 * TCP: 64 KiB holds the SIP messages seen in practice (over UDP they cannot be larger); a larger one
 * is cut and marked. It also bounds the full queue to 1000 × 64 KiB of memory.
 */
export const DEFAULT_MAX_TCP_BYTES = 65_536;
const DEFAULT_BACKOFF = { firstMs: 1000, maxMs: 60_000 };

function localOffsetMinutes(time: number): number {
  const offset = -new Date(time).getTimezoneOffset();
  return Number.isInteger(offset) ? offset : 0;
}

type State = 'opening' | 'open' | 'waiting' | 'closed';

function closeQuietly(channel: SyslogChannel | undefined): void {
  try {
    channel?.close();
  } catch {
    // a broken socket may refuse to close; it is gone either way
  }
}

export class SyslogSender {
  private readonly options: SyslogSenderOptions;
  private readonly queue: DropOldestQueue<Buffer>;
  private readonly sequence: SequenceCounter;
  private readonly maxBytes: number;
  private readonly maxInFlight: number;
  private readonly backoff: { firstMs: number; maxMs: number };
  private readonly counts = { sent: 0, dropped: 0, failed: 0, refused: 0, truncated: 0 };
  private readonly where: string;
  private state: State = 'opening';
  private channel: SyslogChannel | undefined;
  /** Bumped for each channel, so late callbacks of an old one are ignored. */
  private generation = 0;
  private writable = false;
  private inFlight = 0;
  private failures = 0;
  private reopenTimer: TimerHandle | undefined;
  private pumping = false;
  private outage = false;
  private droppedAtOutage = 0;
  private wasOpen = false;
  private closing: { promise: Promise<void>; finish: () => void; grace?: TimerHandle } | undefined;

  constructor(options: SyslogSenderOptions) {
    this.options = options;
    this.queue = new DropOldestQueue(options.maxQueue ?? DEFAULT_MAX_QUEUE);
    this.sequence = options.sequence ?? new SequenceCounter();
    const tcp = options.target.transport === 'tcp';
    this.maxBytes = options.maxMessageBytes ?? (tcp ? DEFAULT_MAX_TCP_BYTES : DEFAULT_MAX_UDP_BYTES);
    this.maxInFlight = options.maxInFlight ?? 64;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.where = formatSyslogTarget(options.target);
    this.open();
  }

  /** Formats and queues one event. Never throws and never waits. */
  send(event: SyslogEvent): void {
    if (this.state === 'closed' || this.closing) {
      this.counts.dropped++;
      return;
    }
    let frame: Buffer;
    try {
      const time = event.time ?? this.options.timers.now();
      const offset = (this.options.utcOffsetMinutes ?? localOffsetMinutes)(time);
      const stamp = { time, utcOffsetMinutes: offset, sequenceId: this.sequence.next() };
      const encoded = encodeSyslogMessage(this.options.origin, event, stamp, this.maxBytes);
      if (encoded.truncatedFrom !== undefined) this.counts.truncated++;
      frame = this.options.target.transport === 'tcp' ? octetCountedFrame(encoded.bytes) : encoded.bytes;
    } catch (error) {
      // The sequence id is spent, so the receiver counts this message as lost too.
      this.counts.refused++;
      this.options.log?.(`[syslog] a ${event.msgId} message was not sent: ${(error as Error).message}`);
      return;
    }
    if (this.queue.push(frame)) this.counts.dropped++;
    this.pump();
  }

  stats(): SyslogStats {
    return { ...this.counts, queued: this.queue.size, open: this.state === 'open' };
  }

  /** Sends what is queued for up to graceMs, then closes. Later send() calls count as dropped. */
  close(graceMs = 1000): Promise<void> {
    if (this.closing) return this.closing.promise;
    if (this.reopenTimer) this.options.timers.cancel(this.reopenTimer);
    this.reopenTimer = undefined;
    let finish!: () => void;
    const promise = new Promise<void>((resolve) => {
      finish = () => {
        if (this.state === 'closed') return;
        this.state = 'closed';
        if (this.closing?.grace) this.options.timers.cancel(this.closing.grace);
        this.counts.dropped += this.queue.clear();
        const channel = this.channel;
        this.channel = undefined;
        this.generation++;
        closeQuietly(channel);
        resolve();
      };
    });
    this.closing = { promise, finish };
    if (this.state !== 'open' || (this.queue.size === 0 && this.inFlight === 0)) finish();
    else this.closing.grace = this.options.timers.start('syslogCloseGrace', graceMs, finish);
    return promise;
  }

  private open(): void {
    this.state = 'opening';
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    let channel: SyslogChannel;
    try {
      channel = this.options.io.open(this.options.target, {
        onOpen: () => current() && this.opened(),
        onDrain: () => {
          if (!current()) return;
          this.writable = true;
          this.pump();
        },
        onClose: (error) => current() && this.lost(error),
      });
    } catch (error) {
      this.lost(error as Error);
      return;
    }
    if (!current()) {
      // It failed while being opened; lost() has already scheduled the next attempt.
      closeQuietly(channel);
      return;
    }
    this.channel = channel;
    // A channel may report onOpen before open() returned it.
    if ((this.state as State) === 'open') this.pump();
  }

  private opened(): void {
    this.state = 'open';
    this.writable = true;
    this.failures = 0;
    if (this.outage && this.wasOpen) {
      const dropped = this.counts.dropped - this.droppedAtOutage;
      this.options.log?.(
        `[syslog] sending to ${this.where} again; ${dropped} messages were dropped meanwhile`,
      );
    } else if (!this.wasOpen) this.options.log?.(`[syslog] sending to ${this.where}`);
    this.outage = false;
    this.wasOpen = true;
    this.pump();
  }

  private lost(error: Error | undefined): void {
    if (this.state === 'closed') return;
    // Frames in the socket when it broke are lost; callbacks of this channel are ignored from now on.
    this.counts.failed += this.inFlight;
    this.inFlight = 0;
    this.generation++;
    const channel = this.channel;
    this.channel = undefined;
    this.writable = false;
    closeQuietly(channel);
    if (this.closing) return this.closing.finish();
    this.state = 'waiting';
    const delay = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    if (!this.outage) {
      // One line per outage: a dead target must not flood the engine's log.
      this.outage = true;
      this.droppedAtOutage = this.counts.dropped;
      const reason = error?.message ?? 'the connection was closed';
      const kept = this.options.maxQueue ?? DEFAULT_MAX_QUEUE;
      this.options.log?.(
        `[syslog] cannot send to ${this.where} (${reason}); retrying, the newest ${kept} messages wait meanwhile`,
      );
    }
    this.reopenTimer = this.options.timers.start('syslogReconnect', delay, () => {
      this.reopenTimer = undefined;
      if (this.state === 'waiting') this.open();
    });
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (
        this.state === 'open' &&
        this.channel &&
        this.writable &&
        this.inFlight < this.maxInFlight &&
        this.queue.size > 0
      ) {
        const frame = this.queue.shift()!;
        const generation = this.generation;
        this.inFlight++;
        try {
          this.writable = this.channel.write(frame, (error) => {
            if (generation !== this.generation) return;
            this.inFlight--;
            if (error) this.counts.failed++;
            else this.counts.sent++;
            this.pump();
          });
        } catch {
          if (generation === this.generation) {
            this.inFlight--;
            this.counts.failed++;
          }
        }
      }
    } finally {
      this.pumping = false;
    }
    if (this.closing && this.queue.size === 0 && this.inFlight === 0) this.closing.finish();
  }
}
