// Retention: which daily raw files to delete, by age and by total size. Whole files go (with their
// index rows); today's file, the one being written, never does. Pure planning; index-runner.ts
// applies it.
import type { RawFileInfo } from './raw-files.ts';

export interface RetentionPolicy {
  /** Keep this many days, today included (1 = today only). */
  maxAgeDays?: number;
  /** Keep the raw files under this many bytes in total, deleting the oldest first. */
  maxBytes?: number;
}

function dayNumber(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000
  );
}

/** Names of the files to delete; `files` sorted oldest first, `today` as `2026-03-10`. */
export function planRetention(files: RawFileInfo[], today: string, policy: RetentionPolicy): string[] {
  const doomed = new Set<string>();
  const todayNumber = dayNumber(today);
  if (policy.maxAgeDays !== undefined) {
    for (const file of files)
      if (file.day < today && todayNumber - dayNumber(file.day) >= policy.maxAgeDays) doomed.add(file.name);
  }
  if (policy.maxBytes !== undefined) {
    let total = files.filter((file) => !doomed.has(file.name)).reduce((sum, file) => sum + file.size, 0);
    for (const file of files) {
      if (total <= policy.maxBytes) break;
      if (doomed.has(file.name) || file.day >= today) continue;
      doomed.add(file.name);
      total -= file.size;
    }
  }
  return files.filter((file) => doomed.has(file.name)).map((file) => file.name);
}
