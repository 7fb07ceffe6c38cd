// Builds logged SIP messages for tests through the real extractor, so grouping and ladder tests
// run on what the receiver would hand them.
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import type { LoggedSip } from '../../../../../../electron/services/syslog/sip/legs.ts';

export interface Hop {
  dir: 'in' | 'out';
  peer: string;
}

let nextId = 1;

/** The logging SBC's own address in these tests. */
export const SBC_ADDRESS = '192.0.2.5:5060';

/** A generic "recv from"/"sent to" log line around a SIP message written line by line. */
export function logged(time: number, hop: Hop, lines: string[], body = '', host = 'sbc1'): LoggedSip {
  const prefix = hop.dir === 'in' ? `recv from ${hop.peer}: ` : `sent to ${hop.peer}: `;
  const headers = body
    ? [...lines, `Content-Length: ${Buffer.byteLength(body)}`]
    : [...lines, 'Content-Length: 0'];
  const sip = extractSip(prefix + headers.join('\r\n') + '\r\n\r\n' + body);
  if (!sip) throw new Error(`test message did not extract: ${lines[0]}`);
  return { id: nextId++, time, host, sip };
}

export interface DialogSpec {
  callId: string;
  from: string;
  to: string;
  hop: Hop;
  /** The outbound leg's request goes out; its responses come in. */
  branch?: string;
}

function reverse(hop: Hop): Hop {
  return { dir: hop.dir === 'in' ? 'out' : 'in', peer: hop.peer };
}

/** Headers shared by a dialog's messages. */
function common(d: DialogSpec, cseq: string, toTag = false): string[] {
  return [
    // The top Via names whoever sent the request: the peer on an inbound leg, the SBC on an outbound one.
    `Via: SIP/2.0/UDP ${d.hop.dir === 'in' ? d.hop.peer.replace(/^udp:/, '') : SBC_ADDRESS};branch=${d.branch ?? `z9hG4bK-${d.callId}`}`,
    `From: <sip:${d.from}@example.com>;tag=f-${d.callId}`,
    `To: <sip:${d.to}@example.com>${toTag ? `;tag=t-${d.callId}` : ''}`,
    `Call-ID: ${d.callId}`,
    `CSeq: ${cseq}`,
  ];
}

export function invite(time: number, d: DialogSpec, body = ''): LoggedSip {
  return logged(time, d.hop, [`INVITE sip:${d.to}@example.com SIP/2.0`, ...common(d, '1 INVITE')], body);
}

export function response(time: number, d: DialogSpec, status: number, reason: string, body = ''): LoggedSip {
  return logged(
    time,
    reverse(d.hop),
    [`SIP/2.0 ${status} ${reason}`, ...common(d, '1 INVITE', status > 100)],
    body,
  );
}

export function ack(time: number, d: DialogSpec): LoggedSip {
  return logged(time, d.hop, [
    `ACK sip:${d.to}@example.com SIP/2.0`,
    ...common({ ...d, branch: `z9hG4bK-ack-${d.callId}` }, '1 ACK', true),
  ]);
}

export function bye(time: number, d: DialogSpec): LoggedSip {
  return logged(time, d.hop, [
    `BYE sip:${d.to}@example.com SIP/2.0`,
    ...common({ ...d, branch: `z9hG4bK-bye-${d.callId}` }, '2 BYE', true),
  ]);
}

/** A complete dialog: INVITE, 180, 200 (or a failure), ACK, and BYE after `talkMs`. */
export function dialog(
  start: number,
  d: DialogSpec,
  outcome: { answerAfter?: number; failWith?: [number, string]; talkMs?: number },
): LoggedSip[] {
  const out = [
    invite(start, d),
    response(start + 5, d, 100, 'Trying'),
    response(start + 40, d, 180, 'Ringing'),
  ];
  if (outcome.failWith) {
    out.push(response(start + 900, d, outcome.failWith[0], outcome.failWith[1]));
    out.push(ack(start + 905, d));
    return out;
  }
  if (outcome.answerAfter !== undefined) {
    out.push(response(start + outcome.answerAfter, d, 200, 'OK'));
    out.push(ack(start + outcome.answerAfter + 10, d));
    if (outcome.talkMs !== undefined) out.push(bye(start + outcome.answerAfter + outcome.talkMs, d));
  }
  return out;
}
