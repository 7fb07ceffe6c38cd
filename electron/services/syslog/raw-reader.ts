// Reads indexed messages back from the raw files, keeping each file open for the length of one
// query: a search reads thousands of lines from the same daily file.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawLine } from './raw-line.ts';

export class RawReader {
  private readonly dir: string;
  private readonly fds = new Map<string, number | null>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The message as received (undefined when its file is gone); the escaped line when it does not parse. */
  message(file: string, pos: number, len: number): Buffer | undefined {
    let fd = this.fds.get(file);
    if (fd === undefined) {
      try {
        fd = openSync(join(this.dir, file), 'r');
      } catch {
        fd = null; // deleted by retention meanwhile
      }
      this.fds.set(file, fd);
    }
    if (fd === null) return undefined;
    const buffer = Buffer.allocUnsafe(len);
    const n = readSync(fd, buffer, 0, len, pos);
    const line = buffer.subarray(0, n);
    return parseRawLine(line)?.raw ?? line;
  }

  close(): void {
    for (const fd of this.fds.values()) if (fd !== null) closeSync(fd);
    this.fds.clear();
  }
}
