import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims the data folder for this process, atomically: the file is created exclusively, so two
 * engines started at the same moment cannot both win. A file left by a dead engine is taken over.
 */
export function claimPidFile(path: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readPidFile(path);
      if (other !== undefined && other !== process.pid && isProcessAlive(other)) {
        throw new Error(`another sbc-engine (pid ${other}) is using this data folder`);
      }
      rmSync(path, { force: true }); // stale: its engine is gone
    }
  }
  throw new Error(`cannot claim ${path}: another engine is starting on this data folder`);
}

export function releasePidFile(path: string): void {
  if (readPidFile(path) === process.pid) rmSync(path, { force: true });
}
