import { closeSync, fsyncSync, openSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Runs between fsync and rename: the crash-safety test pauses here (SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME). */
  beforeRename?: () => void;
  /** Replaceable for tests of the retry; renameSync otherwise. */
  rename?: (from: string, to: string) => void;
  sleep?: (ms: number) => void;
}

// A virus scanner or the search indexer on Windows holds a freshly written file open for a moment,
// and a rename onto or from it fails with one of these; it succeeds once they let go.
const TRANSIENT_RENAME_ERRORS = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_RETRY_DELAYS_MS = [10, 30, 60, 120, 250, 500];

/** Blocks the thread: used only for the short rename retries and the test pause, both rare. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** rename, retried with backoff while the error is one a scanner causes; other errors at once. */
export function renameWithRetry(
  from: string,
  to: string,
  rename: (from: string, to: string) => void = renameSync,
  sleep: (ms: number) => void = sleepSync,
): void {
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if (!TRANSIENT_RENAME_ERRORS.has(code) || delay === undefined) throw error;
      sleep(delay);
    }
  }
}

/** Writes a file so that a crash leaves either the old or the new content, never a torn one. */
export function writeFileAtomic(
  path: string,
  data: string | Buffer,
  mode = 0o600,
  options: AtomicWriteOptions = {},
): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    options.beforeRename?.();
    renameWithRetry(temp, path, options.rename, options.sleep);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  syncFolder(dirname(path));
}

/** Makes a rename or unlink in the folder durable; Windows cannot open folders, so it is best effort. */
export function syncFolder(folder: string): void {
  try {
    const dirFd = openSync(folder, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // best effort
  }
}
