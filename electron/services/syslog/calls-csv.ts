// The call list as CSV for a spreadsheet: one row per call, times in ISO 8601 UTC, the duration in
// seconds. A cell that a spreadsheet would read as a formula (=, +, -, @ first) gets a leading
// apostrophe, which spreadsheets hide: "+4930123456" stays a number as text, not a formula.
import type { CallView } from './log-analyzer.ts';

const COLUMNS = ['start', 'end', 'from', 'to', 'state', 'final code', 'reason', 'duration s', 'connection', 'peer', 'host', 'kind', 'call ids'] as const; // prettier-ignore

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function callsCsv(calls: CallView[]): string {
  const lines = [COLUMNS.join(',')];
  for (const call of calls) {
    lines.push(
      [
        new Date(call.startTime).toISOString(),
        new Date(call.endTime).toISOString(),
        call.from,
        call.to,
        call.state,
        call.finalStatus,
        call.finalReason,
        call.durationMs !== undefined ? (call.durationMs / 1000).toFixed(1) : undefined,
        call.connection,
        call.peer,
        call.host,
        call.kind,
        call.callIds.join(' '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
