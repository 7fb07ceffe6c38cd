// Records shared by the server-location tests, written like a zone file.
import type { NaptrRecord, SrvRecord } from '../../../../../sbc-engine/sip/locate/types.ts';

export function naptr(
  order: number,
  preference: number,
  flags: string,
  service: string,
  replacement: string,
): NaptrRecord {
  return { order, preference, flags, service, regexp: '', replacement };
}

export function srv(priority: number, weight: number, port: number, target: string): SrvRecord {
  return { priority, weight, port, target };
}

/** Returns the given numbers in turn (each in [0, 1)), then repeats the last one. */
export function scriptedRandom(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}
