// RFC 2782 ("Usage rules"): the order in which to try the targets of one SRV answer.
import type { SrvRecord } from './types.ts';

/** A target of "." alone says the service is decidedly not available at this domain (RFC 2782). */
export function isUnavailableMarker(record: SrvRecord): boolean {
  return record.target === '.' || record.target === '';
}

/**
 * Lowest priority first. Within one priority, RFC 2782's weighted random selection: zero-weight
 * records go to the front, a uniform integer in [0, sum of weights] picks the first record whose
 * running sum reaches it, that record is removed, and the draw repeats until none are left.
 */
export function orderSrvRecords(records: readonly SrvRecord[], random: () => number): SrvRecord[] {
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  return priorities.flatMap((priority) =>
    weightedOrder(
      records.filter((r) => r.priority === priority),
      random,
    ),
  );
}

function weightedOrder(group: SrvRecord[], random: () => number): SrvRecord[] {
  const pending = [...group.filter((r) => r.weight === 0), ...group.filter((r) => r.weight !== 0)];
  const ordered: SrvRecord[] = [];
  while (pending.length > 0) {
    const total = pending.reduce((sum, r) => sum + r.weight, 0);
    const draw = Math.min(total, Math.floor(random() * (total + 1)));
    let running = 0;
    let index = pending.findIndex((r) => (running += r.weight) >= draw);
    if (index < 0) index = pending.length - 1;
    ordered.push(...pending.splice(index, 1));
  }
  return ordered;
}
