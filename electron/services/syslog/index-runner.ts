// Drives the index from the raw files: the files are the queue between disk and index, so the
// index may fall behind under a flood but loses nothing, and on restart continues from the offset
// its last transaction stored. The structured index goes first; the full-text index follows when
// the structured one has caught up, and says how far behind it is.
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexStore } from './index-store.ts';
import { localDay } from './local-time.ts';
import { listRawFiles, type RawFileInfo } from './raw-files.ts';
import { planRetention, type RetentionPolicy } from './retention.ts';

const BATCH_BYTES = 2 << 20;

function readRange(path: string, start: number, end: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.allocUnsafe(end - start);
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(fd, buffer, done, buffer.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

export class IndexRunner {
  readonly dir: string;
  readonly store: IndexStore;
  private readonly policy: RetentionPolicy;
  deletedFiles = 0;
  deletedMessages = 0;

  constructor(dir: string, store: IndexStore, policy: RetentionPolicy = {}) {
    this.dir = dir;
    this.store = store;
    this.policy = policy;
  }

  /** Raw bytes written but not yet indexed. */
  lagBytes(files: RawFileInfo[] = listRawFiles(this.dir)): number {
    const offsets = new Map(this.store.files().map((file) => [file.name, file.indexedOffset]));
    return files.reduce((sum, file) => sum + Math.max(0, file.size - (offsets.get(file.name) ?? 0)), 0);
  }

  /** Indexes one batch from the oldest file with unindexed lines; the number of messages indexed. */
  structuredStep(): number {
    for (const info of listRawFiles(this.dir)) {
      const file = this.store.file(info.name);
      if (info.size <= file.indexedOffset) continue;
      const bytes = readRange(
        info.path,
        file.indexedOffset,
        Math.min(info.size, file.indexedOffset + BATCH_BYTES),
      );
      if (!bytes || bytes.length === 0) continue;
      let { consumed, messages } = this.store.indexBytes(info.name, bytes);
      if (consumed === 0 && bytes.length === BATCH_BYTES) {
        // One line longer than a batch: read it whole.
        const more = readRange(info.path, file.indexedOffset, info.size);
        if (more) ({ consumed, messages } = this.store.indexBytes(info.name, more));
      }
      if (consumed > 0) return messages;
    }
    return 0;
  }

  ftsStep(limit = 2000): number {
    return this.store.ftsStep(limit, (name, start, end) => readRange(join(this.dir, name), start, end));
  }

  /** Indexes until nothing is left or the budget is spent; the messages indexed. */
  catchUp(budgetMs = Infinity, withFullText = false): number {
    const deadline = Date.now() + budgetMs;
    let total = 0;
    for (let n = this.structuredStep(); n > 0 && Date.now() < deadline; n = this.structuredStep()) total += n;
    if (withFullText) while (Date.now() < deadline && this.ftsStep() > 0);
    return total;
  }

  /** Applies the retention policy, and drops index rows of raw files that are gone. */
  applyRetention(now = Date.now()): string[] {
    const files = listRawFiles(this.dir);
    const doomed = planRetention(files, localDay(now), this.policy);
    for (const name of doomed) {
      // The file first: a crash in between leaves rows without a file, which the next run drops.
      try {
        unlinkSync(join(this.dir, name));
      } catch {
        // already gone
      }
    }
    const present = new Set(files.map((file) => file.name).filter((name) => !doomed.includes(name)));
    for (const file of this.store.files()) {
      if (present.has(file.name)) continue;
      this.deletedMessages += this.store.deleteFile(file.name);
      this.deletedFiles++;
    }
    return doomed;
  }
}
