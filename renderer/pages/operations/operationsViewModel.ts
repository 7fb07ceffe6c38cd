// What the Operations page shows, computed from the engine's answers: durations that keep ticking
// between polls, ratios as percentages, failures by code, the calls in a stable order, a CSV of them.
import type { Output } from '../../../electron/api/contract.ts';

export type ActiveCall = Output<'operations.calls'>['calls'][number];
export type ConnectionCounters = Output<'operations.counters'>['connections'][number];
export type ConnectionStatus = Output<'operations.connections'>['connections'][number];

/** h:mm:ss, or m:ss under an hour; negative or non-finite input counts as 0. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/**
 * The duration now, from the engine's figure at the time of the poll plus the time since on this
 * computer: the engine's clock may differ from ours, the elapsed time does not. No answer, no time.
 */
export function liveDuration(
  call: Pick<ActiveCall, 'durationSeconds' | 'answeredAt'>,
  polledAt: number,
  now: number,
): number {
  if (call.answeredAt === null) return 0;
  return call.durationSeconds + Math.max(0, now - polledAt) / 1000;
}

/** A 0..1 ratio as a percentage with at most one decimal; null (no attempt yet) as a dash. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  const percent = Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10;
  return `${percent} %`;
}

/** Failures by code, most frequent first (then by code), as "486 ×3, 503 ×1"; empty when none. */
export function formatFailures(failures: Record<string, number>): string {
  return Object.entries(failures)
    .filter(([, count]) => count > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || codeA.localeCompare(codeB))
    .map(([code, count]) => `${code} ×${count}`)
    .join(', ');
}

/** "3 / 20", or "3 / ∞" when the connection has no limit. */
export function formatConcurrent(concurrent: number, limit: number | null): string {
  return `${concurrent} / ${limit === null ? '∞' : limit}`;
}

/** At or above its limit a connection refuses new calls: worth a warning colour. */
export function atLimit(concurrent: number, limit: number | null): boolean {
  return limit !== null && concurrent >= limit;
}

/** Longest-running first, so a stuck call stays on top; equal start times by id for a stable table. */
export function sortCalls<T extends Pick<ActiveCall, 'startedAt' | 'id'>>(calls: readonly T[]): T[] {
  return [...calls].sort(
    (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id),
  );
}

/** Connections by name (then id), so rows do not jump between polls. */
export function sortByName<T extends { id: string; name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would make a spreadsheet evaluate the field; a quote keeps it text.
  const safe = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  'id',
  'state',
  'startedAt',
  'answeredAt',
  'durationSeconds',
  'calling',
  'called',
  'inConnection',
  'inCallId',
  'inPeer',
  'outConnection',
  'outCallId',
  'outPeer',
  'attempts',
] as const;

/** The calls as shown, one CSV row each (RFC 4180 quoting), durations as of `now`. */
export function callsCsv(calls: readonly ActiveCall[], polledAt: number, now: number): string {
  const rows = calls.map((call) =>
    [
      call.id,
      call.state,
      call.startedAt,
      call.answeredAt,
      Math.floor(liveDuration(call, polledAt, now)),
      call.calling,
      call.called,
      call.a.connection,
      call.a.callId,
      call.a.peer,
      call.b?.connection ?? null,
      call.b?.callId ?? null,
      call.b?.peer ?? null,
      call.attempts,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
