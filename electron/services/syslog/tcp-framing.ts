// RFC 6587 framing of syslog over a TCP or TLS stream, decided per frame: a frame that starts with
// digits and a space is octet counted (§3.4.1, `123 <PRI>...`), anything else runs to the next LF
// (§3.4.2, non-transparent framing). A syslog message itself starts with `<`, so the two cannot be
// confused, and a sender that mixes them still works (rsyslog's receiver decides the same way).
// Frames over the size limit are cut and marked, their rest skipped; nothing blocks the stream.
// Pure: bytes in, frames out.

/** Called with each frame; `bytes` may point into the chunk given to push(), so copy it to keep it. */
export type FrameHandler = (bytes: Buffer, truncated: boolean) => void;

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
/** Ten digits are more than any sane frame length: longer runs are message text, not a count. */
const MAX_COUNT_DIGITS = 10;

type Mode = 'between' | 'count' | 'octets' | 'line' | 'skip-octets' | 'skip-line';

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

export class StreamDeframer {
  readonly maxFrame: number;
  private readonly onFrame: FrameHandler;
  private mode: Mode = 'between';
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** Octets still to read (octets) or skip (skip-octets). */
  private need = 0;
  private count = 0;
  private digits = 0;
  /** Frames cut to maxFrame so far. */
  truncatedFrames = 0;

  constructor(maxFrame: number, onFrame: FrameHandler) {
    this.maxFrame = maxFrame;
    this.onFrame = onFrame;
  }

  /** Bytes held for a frame not yet complete (a sender that stops mid-frame holds this much). */
  get pendingBytes(): number {
    return this.partsLength;
  }

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      switch (this.mode) {
        case 'between': {
          const byte = chunk[i]!;
          // Trailers some senders put after an octet-counted frame, and empty lines.
          if (byte === LF || byte === CR || byte === 0) i++;
          else if (isDigit(byte)) {
            this.mode = 'count';
            this.count = 0;
            this.digits = 0;
          } else this.mode = 'line';
          break;
        }
        case 'count': {
          const byte = chunk[i]!;
          if (isDigit(byte) && this.digits < MAX_COUNT_DIGITS) {
            this.count = this.count * 10 + (byte - 0x30);
            this.digits++;
            i++;
          } else if (byte === SP && this.digits > 0) {
            i++;
            if (this.count === 0) this.mode = 'between';
            else {
              this.mode = 'octets';
              this.need = this.count;
            }
          } else {
            // Not a count after all: the digits begin a newline-framed message.
            this.keep(Buffer.from(String(this.count).padStart(this.digits, '0'), 'latin1'));
            this.mode = 'line';
          }
          break;
        }
        case 'octets': {
          const room = this.maxFrame - this.partsLength;
          const take = Math.min(this.need, chunk.length - i);
          if (this.partsLength === 0 && take === this.need && take <= this.maxFrame) {
            this.onFrame(chunk.subarray(i, i + take), false);
            i += take;
            this.mode = 'between';
            break;
          }
          const kept = Math.min(take, room);
          this.keep(chunk.subarray(i, i + kept));
          i += kept;
          this.need -= kept;
          if (this.need === 0) {
            this.emit(false);
            this.mode = 'between';
          } else if (this.partsLength >= this.maxFrame) {
            // Over the limit: keep what fits now (the rest may never come) and skip the remainder.
            this.emit(true);
            this.mode = 'skip-octets';
          }
          break;
        }
        case 'line': {
          const lf = chunk.indexOf(LF, i);
          const end = lf < 0 ? chunk.length : lf;
          const room = this.maxFrame - this.partsLength;
          if (end - i > room) {
            this.keep(chunk.subarray(i, i + room));
            this.emit(true);
            this.mode = 'skip-line';
            i += room;
            break;
          }
          if (lf < 0) {
            this.keep(chunk.subarray(i));
            i = chunk.length;
            break;
          }
          if (this.partsLength === 0) {
            this.onFrame(chunk.subarray(i, chunk[lf - 1] === CR && lf > i ? lf - 1 : lf), false);
          } else {
            this.keep(chunk.subarray(i, lf));
            this.emitLine();
          }
          i = lf + 1;
          this.mode = 'between';
          break;
        }
        case 'skip-line': {
          const lf = chunk.indexOf(LF, i);
          if (lf < 0) i = chunk.length;
          else {
            i = lf + 1;
            this.mode = 'between';
          }
          break;
        }
        case 'skip-octets': {
          const take = Math.min(this.need, chunk.length - i);
          this.need -= take;
          i += take;
          if (this.need === 0) this.mode = 'between';
          break;
        }
      }
    }
  }

  /**
   * The stream ended: a newline-framed message without its final LF still counts, and the part of
   * an octet-counted frame that came is kept, marked as cut, rather than dropped.
   */
  end(): void {
    if (this.mode === 'line' && this.partsLength > 0) this.emitLine();
    else if (this.mode === 'octets' && this.partsLength > 0) this.emit(true);
    this.parts = [];
    this.partsLength = 0;
    this.mode = 'between';
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(Buffer.from(bytes)); // a copy: the socket's chunk is not kept alive for a fragment
    this.partsLength += bytes.length;
  }

  private take(): Buffer {
    const frame = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLength);
    this.parts = [];
    this.partsLength = 0;
    return frame;
  }

  private emit(truncated: boolean): void {
    if (truncated) this.truncatedFrames++;
    this.onFrame(this.take(), truncated);
  }

  private emitLine(): void {
    const frame = this.take();
    this.onFrame(frame[frame.length - 1] === CR ? frame.subarray(0, frame.length - 1) : frame, false);
  }
}
