// Disk first: every received message goes as one line (raw-line.ts) into the daily raw file, before
// anything parses or indexes it. Lines are gathered in memory chunks and written by one write at a
// time (order kept), off the event loop. The chunks waiting for the disk form a bounded queue: past
// its limit a message is refused and counted, never silently lost; TCP readers pause instead
// (see `congested`). Whatever has been written survives a kill -9 of this process.
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createTimeFormatter, localDay, nextLocalMidnight } from './local-time.ts';
import { encodeRaw, FLAG_TRUNCATED, maxEncodedLength } from './raw-line.ts';
import { rawFileName } from './raw-files.ts';

const CHUNK_BYTES = 1 << 20;
const FLUSH_MS = 10;
/** Room for "TIME SOURCE FLAGS " before the raw bytes: time ≤ 29, source ≤ 60 (IPv6 + port). */
const HEADER_ROOM = 128;

interface Chunk {
  day: string;
  buffer: Buffer;
  length: number;
  messages: number;
}

export interface RawWriterOptions {
  dir: string;
  /** Bytes waiting for the disk before messages are refused (default 64 MiB). */
  maxQueueBytes?: number;
  now?: () => number;
  /** A write failed (disk full, folder removed): said once per distinct message. */
  onError?: (message: string) => void;
  /** After each write: the file and its size now, so the indexer can look without polling. */
  onWritten?: (file: string, size: number) => void;
}

export interface RawWriterStats {
  /** Messages written to the raw files. */
  written: number;
  writtenBytes: number;
  /** Refused because the disk queue was full. */
  droppedQueueFull: number;
  /** Lost because a write failed. */
  lostWriteFailed: number;
  /** Bytes waiting for the disk. */
  queuedBytes: number;
  file?: string;
}

export class RawWriter {
  readonly dir: string;
  readonly maxQueueBytes: number;
  private readonly now: () => number;
  private readonly formatTime = createTimeFormatter();
  private readonly onError: (message: string) => void;
  private readonly onWritten: (file: string, size: number) => void;
  private day = '';
  private dayEnds = 0;
  private current: Chunk | undefined;
  private readonly queue: Chunk[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private handleDay = '';
  private handleSize = 0;
  private lastError = '';
  private closed = false;
  private readonly counters = { written: 0, writtenBytes: 0, droppedQueueFull: 0, lostWriteFailed: 0 };

  constructor(options: RawWriterOptions) {
    this.dir = options.dir;
    this.maxQueueBytes = options.maxQueueBytes ?? 64 << 20;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => {});
    this.onWritten = options.onWritten ?? (() => {});
    mkdirSync(this.dir, { recursive: true });
  }

  /** More than half the queue is waiting: stream readers should pause until drained. */
  get congested(): boolean {
    return this.pendingBytes() > this.maxQueueBytes / 2;
  }

  stats(): RawWriterStats {
    return {
      ...this.counters,
      queuedBytes: this.pendingBytes(),
      ...(this.handleDay ? { file: rawFileName(this.handleDay) } : {}),
    };
  }

  /** Queues one message; false when it was refused (queue full or writer closed) and counted. */
  append(raw: Uint8Array, source: string, truncated = false): boolean {
    const now = this.now();
    if (this.closed || this.pendingBytes() + raw.length > this.maxQueueBytes) {
      this.counters.droppedQueueFull++;
      return false;
    }
    if (now >= this.dayEnds) {
      this.seal();
      this.day = localDay(now);
      this.dayEnds = nextLocalMidnight(now);
    }
    const need = HEADER_ROOM + source.length + maxEncodedLength(raw.length) + 1;
    let chunk = this.current;
    if (chunk && chunk.buffer.length - chunk.length < need) {
      this.seal();
      chunk = undefined;
    }
    if (!chunk) {
      chunk = {
        day: this.day,
        buffer: Buffer.allocUnsafe(Math.max(CHUNK_BYTES, need)),
        length: 0,
        messages: 0,
      };
      this.current = chunk;
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.seal();
      }, FLUSH_MS);
    }
    const buffer = chunk.buffer;
    let at = chunk.length;
    at += buffer.write(
      `${this.formatTime(now)} ${source} ${truncated ? FLAG_TRUNCATED : '-'} `,
      at,
      'latin1',
    );
    at = encodeRaw(raw, buffer, at);
    buffer[at++] = 0x0a;
    chunk.length = at;
    chunk.messages++;
    return true;
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    this.seal();
    while (this.writing) await this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
  }

  private pendingBytes(): number {
    return this.queuedBytes + (this.current?.length ?? 0);
  }

  private seal(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const chunk = this.current;
    this.current = undefined;
    if (!chunk || chunk.length === 0) return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) {
        try {
          await this.writeChunk(chunk);
          this.counters.written += chunk.messages;
          this.counters.writtenBytes += chunk.length;
        } catch (error) {
          this.counters.lostWriteFailed += chunk.messages;
          const message = `[syslog] cannot write to ${this.dir}: ${(error as Error).message}`;
          if (message !== this.lastError) this.onError(message);
          this.lastError = message;
          await this.handle?.close().catch(() => {});
          this.handle = undefined;
          this.handleDay = '';
        } finally {
          this.queuedBytes -= chunk.length;
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async writeChunk(chunk: Chunk): Promise<void> {
    if (this.handleDay !== chunk.day || !this.handle) {
      await this.handle?.close();
      this.handle = undefined;
      const path = join(this.dir, rawFileName(chunk.day));
      mkdirSync(this.dir, { recursive: true });
      terminateTornLine(path);
      this.handle = await open(path, 'a');
      this.handleDay = chunk.day;
      this.handleSize = (await this.handle.stat()).size;
    }
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk.buffer, done, chunk.length - done);
      done += bytesWritten;
    }
    this.handleSize += chunk.length;
    this.lastError = '';
    this.onWritten(rawFileName(chunk.day), this.handleSize);
  }
}

/**
 * A file that does not end in LF was cut mid-line (a crash, a full disk): end that line before
 * appending, so the next message starts a line of its own. The cut line stays, marked unreadable
 * by the indexer, rather than gluing two messages together.
 */
function terminateTornLine(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return; // a new file
  }
  let torn = false;
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      torn = last[0] !== 0x0a;
    }
  } finally {
    closeSync(fd);
  }
  if (torn) appendFileSync(path, '\n');
}
