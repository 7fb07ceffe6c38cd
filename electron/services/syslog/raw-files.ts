// Names and listing of the daily raw files in a data folder: `syslog-2026-03-10.log`, one per
// local day, oldest first when sorted by name.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^syslog-(\d{4}-\d{2}-\d{2})\.log$/;

export function rawFileName(day: string): string {
  return `syslog-${day}.log`;
}

/** The day a raw file holds, or undefined for another file. */
export function dayOfRawFile(name: string): string | undefined {
  return NAME.exec(name)?.[1];
}

export interface RawFileInfo {
  name: string;
  day: string;
  path: string;
  size: number;
}

export function listRawFiles(dir: string): RawFileInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: RawFileInfo[] = [];
  for (const name of names.sort()) {
    const day = dayOfRawFile(name);
    if (!day) continue;
    try {
      files.push({ name, day, path: join(dir, name), size: statSync(join(dir, name)).size });
    } catch {
      // deleted meanwhile
    }
  }
  return files;
}
