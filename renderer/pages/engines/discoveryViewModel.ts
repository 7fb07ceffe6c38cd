// The "Find engines" panel's rules, apart from React: ordering of found engines, scan progress,
// and the failure summary.
import type { DiscoveredEngine, ScanFailure, ScanResults } from '../../../electron/api/contract.ts';

export const FAILURE_REASONS: ScanFailure['reason'][] = ['refused', 'timeout', 'name', 'not-engine', 'other'];

/** Reachable engines first, then by name and address, so a list that grows keeps its order. */
export function sortDiscovered(engines: DiscoveredEngine[]): DiscoveredEngine[] {
  const rank = { reachable: 0, checking: 1, unreachable: 2 } as const;
  return [...engines].sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.address.localeCompare(b.address, undefined, { numeric: true }),
  );
}

/** 0–1 for the progress bar; an empty scan is complete. */
export function scanProgress(results: Pick<ScanResults, 'done' | 'total'>): number {
  return results.total === 0 ? 1 : Math.min(1, results.done / results.total);
}

/** Failures counted by reason, in a fixed order, only the reasons that occurred. */
export function failureCounts(failures: ScanFailure[]): { reason: ScanFailure['reason']; count: number }[] {
  return FAILURE_REASONS.map((reason) => ({
    reason,
    count: failures.filter((failure) => failure.reason === reason).length,
  })).filter((entry) => entry.count > 0);
}

/** A port field: a whole number 1–65535, or undefined. */
export function parsePortField(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return undefined;
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** Keeps polling while the scan runs. */
export function scanRunning(results: Pick<ScanResults, 'state'> | undefined): boolean {
  return results?.state === 'running';
}

/** What "Add" offers: engines not yet in the list (the add flow checks the address again). */
export function canAdd(engine: DiscoveredEngine): boolean {
  return engine.knownEngineId === undefined;
}
