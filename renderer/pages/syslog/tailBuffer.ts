// The live tail's rows in the page: new rows appended, the oldest dropped beyond a cap so a day of
// logging does not fill the window's memory (older lines stay searchable in the store).
import type { LogRowView } from '../../../electron/api/contract.ts';

export const TAIL_CAP = 100_000;

export interface TailState {
  rows: LogRowView[];
  /** The newest id seen: the cursor for the next poll. */
  lastId: number | undefined;
  /** Rows dropped from the top (cap) or never fetched (more arrived than a poll takes). */
  dropped: number;
}

export const EMPTY_TAIL: TailState = { rows: [], lastId: undefined, dropped: 0 };

export function appendTail(
  state: TailState,
  answer: { rows: LogRowView[]; lastId: number; skipped: number },
  cap = TAIL_CAP,
): TailState {
  const fresh = answer.rows.filter((row) => state.lastId === undefined || row.id > state.lastId);
  if (fresh.length === 0 && answer.skipped === 0)
    return state.lastId === answer.lastId ? state : { ...state, lastId: answer.lastId };
  const all = state.rows.concat(fresh);
  const over = Math.max(0, all.length - cap);
  return {
    rows: over ? all.slice(over) : all,
    lastId: Math.max(answer.lastId, state.lastId ?? 0),
    dropped: state.dropped + over + answer.skipped,
  };
}

export const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export function severityName(severity: number | null): string {
  return severity === null ? '' : (SEVERITIES[severity] ?? String(severity));
}

/** A message on one line for a list: line breaks shown as ⏎. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ⏎ ');
}

/** "2026-03-10 09:00:00.412" in the viewer's local time. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** Filters the tail by plain text (any part of host, app or message, case ignored) and severity. */
export function filterTail(rows: LogRowView[], text: string, maxSeverity: number): LogRowView[] {
  const needle = text.trim().toLowerCase();
  if (!needle && maxSeverity >= 7) return rows;
  return rows.filter(
    (row) =>
      (row.severity === null || row.severity <= maxSeverity) &&
      (!needle ||
        row.text.toLowerCase().includes(needle) ||
        (row.host ?? '').toLowerCase().includes(needle) ||
        (row.app ?? '').toLowerCase().includes(needle)),
  );
}

/** Colour class of a row: errors red, warnings amber, SIP failures red, the rest plain. */
export function rowTone(row: LogRowView): 'error' | 'warning' | 'sip-error' | 'plain' {
  if (row.severity !== null && row.severity <= 3) return 'error';
  if (row.severity === 4) return 'warning';
  if (row.status !== undefined && row.status >= 400) return 'sip-error';
  return 'plain';
}
