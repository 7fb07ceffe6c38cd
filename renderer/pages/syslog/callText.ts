// A call as plain text for a ticket or a mail: each SIP message with its time, direction and far
// end, in the order logged.
import type { CallMessageView, CallView } from '../../../electron/api/contract.ts';
import { formatTime } from './tailBuffer.ts';

export function callAsText(calls: CallView[], messages: CallMessageView[]): string {
  const head = calls.map(
    (c) =>
      `Call ${c.from ?? '?'} → ${c.to ?? '?'}: ${c.state}${c.finalStatus ? ` (${c.finalStatus} ${c.finalReason ?? ''})`.trimEnd() : ''}, Call-IDs ${c.callIds.join(', ')}`,
  );
  const body = messages.map((m) => {
    const where =
      [m.host, m.direction === 'in' ? `from ${m.peer ?? '?'}` : m.direction === 'out' ? `to ${m.peer ?? '?'}` : m.peer] // prettier-ignore
        .filter(Boolean)
        .join(' ');
    return `=== ${formatTime(m.time)} ${where}${m.truncated ? ' (cut short in the log)' : ''}\n${m.sipText.replace(/\r\n/g, '\n').trimEnd()}\n`;
  });
  return `${[...head, '', ...body].join('\n')}\n`;
}
