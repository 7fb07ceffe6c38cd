// The call list: sorting by any column, a filter over numbers and names, and the cells as shown.
import type { CallView } from '../../../electron/api/contract.ts';

export const CALL_COLUMNS = ['time', 'from', 'to', 'state', 'duration', 'final', 'connection'] as const;
export type CallColumn = (typeof CALL_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

function sortValue(call: CallView, column: CallColumn): string | number {
  switch (column) {
    case 'time':
      return call.startTime;
    case 'from':
      return call.from ?? '';
    case 'to':
      return call.to ?? '';
    case 'state':
      return call.state;
    case 'duration':
      return call.durationMs ?? -1;
    case 'final':
      return call.finalStatus ?? 0;
    case 'connection':
      return call.connection ?? call.peer ?? '';
  }
}

export function sortCalls(calls: CallView[], column: CallColumn, direction: SortDirection): CallView[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...calls].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || b.startTime - a.startTime;
  });
}

/** Calls whose numbers, names, Call-IDs, connection or final reason contain the text (digits match inside numbers). */
export function filterCalls(calls: CallView[], text: string): CallView[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return calls;
  const digits = /^[+\d\s\-()]+$/.test(needle) ? needle.replace(/\D/g, '') : undefined;
  return calls.filter((call) => {
    const fields = [
      call.from,
      call.to,
      call.connection,
      call.peer,
      call.finalReason,
      call.host,
      ...call.callIds,
    ];
    if (fields.some((f) => f?.toLowerCase().includes(needle))) return true;
    return digits !== undefined && digits !== '' && [call.from, call.to].some((f) => f?.replace(/\D/g, '').includes(digits)); // prettier-ignore
  });
}

/** "0:42", "12:03", "1:02:03". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function finalText(call: CallView): string {
  return call.finalStatus === undefined ? '' : `${call.finalStatus} ${call.finalReason ?? ''}`.trim();
}

export function isKeepalive(call: CallView): boolean {
  return call.kind === 'options' || call.kind === 'register';
}
