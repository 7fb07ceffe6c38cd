// Cuts a TCP/TLS byte stream into SIP messages by Content-Length (RFC 3261 §18.3) and recognises
// the RFC 5626 §3.5.1 keepalives between messages: CRLFCRLF (ping) and CRLF (pong).

export type FramedItem =
  | { kind: 'message'; bytes: Buffer }
  | { kind: 'ping' }
  | { kind: 'pong' }
  | { kind: 'error'; reason: string };

export interface FramerLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
}

const DEFAULT_LIMITS: FramerLimits = { maxHeaderBytes: 64 * 1024, maxBodyBytes: 1024 * 1024 };
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/im;

export class SipStreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private failed = false;
  private readonly limits: FramerLimits;

  constructor(limits: Partial<FramerLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Feeds bytes; returns what became complete. After an error the stream cannot be resynchronised. */
  push(chunk: Uint8Array): FramedItem[] {
    if (this.failed) return [];
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const items: FramedItem[] = [];
    for (;;) {
      const item = this.next();
      if (!item) break;
      items.push(item);
      if (item.kind === 'error') {
        this.failed = true;
        this.buffer = Buffer.alloc(0);
        break;
      }
    }
    return items;
  }

  private next(): FramedItem | undefined {
    const b = this.buffer;
    if (b.length === 0) return undefined;
    if (b[0] === 0x0d || b[0] === 0x0a) {
      // Between messages only keepalives may appear: CRLFCRLF is a ping, a lone CRLF a pong.
      if (b.length >= 4 && b[0] === 0x0d && b[1] === 0x0a && b[2] === 0x0d && b[3] === 0x0a)
        return this.take(4, { kind: 'ping' });
      if (b.length >= 2 && b[0] === 0x0d && b[1] === 0x0a) {
        if (b.length < 4 && (b.length === 2 || b[2] === 0x0d)) return undefined; // may still become a ping
        return this.take(2, { kind: 'pong' });
      }
      if (b[0] === 0x0a) return this.take(1, { kind: 'pong' });
      return b.length < 2 ? undefined : { kind: 'error', reason: 'a lone CR between messages' };
    }
    const end = b.indexOf('\r\n\r\n');
    if (end < 0) {
      return b.length > this.limits.maxHeaderBytes
        ? { kind: 'error', reason: `no end of headers within ${this.limits.maxHeaderBytes} bytes` }
        : undefined;
    }
    if (end > this.limits.maxHeaderBytes)
      return { kind: 'error', reason: `the header section exceeds ${this.limits.maxHeaderBytes} bytes` };
    const head = b.toString('latin1', 0, end);
    const match = CONTENT_LENGTH.exec(head);
    if (!match) return { kind: 'error', reason: 'a message on a stream without Content-Length' };
    const length = Number(match[1]);
    if (length > this.limits.maxBodyBytes)
      return { kind: 'error', reason: `Content-Length ${length} exceeds ${this.limits.maxBodyBytes} bytes` };
    const total = end + 4 + length;
    if (b.length < total) return undefined;
    return this.take(total, { kind: 'message', bytes: Buffer.from(b.subarray(0, total)) });
  }

  private take(count: number, item: FramedItem): FramedItem {
    this.buffer = this.buffer.subarray(count);
    return item;
  }
}
