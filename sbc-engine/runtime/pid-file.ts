import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file.ts';

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

/** Claims the data folder for this process; refuses when a live engine already holds it. */
export function claimPidFile(path: string): void {
  const other = readPidFile(path);
  if (other !== undefined && other !== process.pid && isProcessAlive(other)) {
    throw new Error(`another sbc-engine (pid ${other}) is using this data folder`);
  }
  writeFileAtomic(path, `${process.pid}\n`, 0o644);
}

export function releasePidFile(path: string): void {
  if (readPidFile(path) === process.pid) rmSync(path, { force: true });
}
