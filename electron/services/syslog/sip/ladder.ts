// The ladder diagram of one or more calls as data: columns (hosts, aliases merged), arrows in time
// order, and the problems an admin looks for. Positions are abstract units; the renderer scales
// them and draws SVG.
import { HostAliases, hostKey, isIpAddress, learnAliases } from './host-aliases.ts';
import type { LoggedSip } from './legs.ts';
import { guessSdpCauses, looksLikeSdp, type SdpCause } from './sdp-cause.ts';

export interface LadderColumn {
  index: number;
  /** The name shown on top: a host name when one is known, else an address. */
  label: string;
  /** Every name and address merged into this column. */
  aliases: string[];
  /** True for the device whose log this is. */
  logging: boolean;
  x: number;
}

export type ProblemKind = 'error-response' | 'retransmission' | 'missing-ack' | 'sdp-rejected';

export interface LadderProblem {
  kind: ProblemKind;
  arrow: number;
  text: string;
  causes?: SdpCause[];
}

export interface LadderArrow {
  index: number;
  messageId: LoggedSip['id'];
  callId?: string;
  from: number;
  to: number;
  label: string;
  time: number;
  y: number;
  kind: 'request' | 'response';
  retransmission: boolean;
  /** Kinds of the problems on this arrow, for colouring. */
  problems: ProblemKind[];
}

export interface Ladder {
  columns: LadderColumn[];
  arrows: LadderArrow[];
  problems: LadderProblem[];
  width: number;
  height: number;
}

export interface LadderOptions {
  /** Now, epoch ms: a 2xx without ACK for longer than 32 s is a missing ACK even at the log's end. */
  now?: number;
}

export const LAYOUT = { columnWidth: 200, rowHeight: 32, left: 100, top: 60, bottom: 40 } as const;

/** RFC 3261 §13.3.1.4: the UAS retransmits a 2xx until 64*T1 = 32 s have passed without ACK. */
const ACK_WAIT_MS = 32_000;
const UNKNOWN = '(unknown)';

interface Ends {
  from: string;
  to: string;
}

function requestEnds(m: LoggedSip, self: string): Ends {
  const { sip } = m;
  const peer = sip.peer?.host;
  const viaHost = sip.via?.host;
  const uriHost = /^[a-z]+:(?:[^@;>]*@)?(\[[^\]]+\]|[^;:>?]+)/i.exec(sip.uri ?? '')?.[1];
  if (sip.direction === 'in') return { from: peer ?? viaHost ?? UNKNOWN, to: self };
  if (sip.direction === 'out') return { from: self, to: peer ?? uriHost ?? UNKNOWN };
  return { from: viaHost ?? UNKNOWN, to: uriHost ?? UNKNOWN };
}

function transactionKey(m: LoggedSip): string {
  const { sip } = m;
  return `${sip.callId ?? ''}\u0000${sip.branch ?? ''}\u0000${sip.cseq?.seq ?? ''}\u0000${sip.cseq?.method ?? ''}`;
}

function label(m: LoggedSip): string {
  const { sip } = m;
  const sdp = looksLikeSdp(sip.body) ? ' (SDP)' : '';
  if (sip.kind === 'request') return `${sip.method ?? '?'}${sdp}`;
  return `${sip.status ?? '?'} ${sip.reason ?? ''}`.trimEnd() + sdp;
}

export function layoutLadder(input: LoggedSip[], options: LadderOptions = {}): Ladder {
  const messages = input
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.time - b.m.time || a.i - b.i)
    .map(({ m }) => m);
  const aliases = new HostAliases();
  const selfOf = (m: LoggedSip) => hostKey(m.host ?? 'this device');
  for (const m of messages) learnAliases(aliases, m, selfOf(m));

  // End points: requests from the log's words, responses reverse their request's.
  const requestByTx = new Map<string, Ends>();
  const ends: Ends[] = [];
  for (const m of messages) {
    const self = selfOf(m);
    let e: Ends;
    if (m.sip.kind === 'request') {
      e = requestEnds(m, self);
      if (!requestByTx.has(transactionKey(m))) requestByTx.set(transactionKey(m), e);
    } else {
      const request = requestByTx.get(transactionKey(m));
      const peer = m.sip.peer?.host;
      if (m.sip.direction === 'in') e = { from: peer ?? request?.to ?? UNKNOWN, to: self };
      else if (m.sip.direction === 'out')
        e = { from: self, to: peer ?? request?.from ?? m.sip.via?.host ?? UNKNOWN };
      else
        e = request
          ? { from: request.to, to: request.from }
          : { from: UNKNOWN, to: m.sip.via?.host ?? UNKNOWN };
    }
    ends.push({ from: aliases.find(e.from), to: aliases.find(e.to) });
  }

  // Columns in order of first appearance, sender before receiver.
  const order: string[] = [];
  for (const e of ends) for (const key of [e.from, e.to]) if (!order.includes(key)) order.push(key);
  const groups = aliases.groups();
  const loggingRoots = new Set(messages.map((m) => aliases.find(selfOf(m))));
  const columns: LadderColumn[] = order.map((root, index) => {
    const members = (groups.get(root) ?? [root]).filter((k) => k !== UNKNOWN || root === UNKNOWN).sort();
    const name = members.find((k) => !isIpAddress(k)) ?? members[0] ?? root;
    return {
      index,
      label: name,
      aliases: members,
      logging: loggingRoots.has(root),
      x: LAYOUT.left + index * LAYOUT.columnWidth,
    };
  });
  const columnOf = new Map(order.map((root, i) => [root, i]));

  const arrows: LadderArrow[] = [];
  const problems: LadderProblem[] = [];
  const seen = new Set<string>();
  messages.forEach((m, index) => {
    const e = ends[index]!;
    const { sip } = m;
    const identity = `${transactionKey(m)}\u0000${sip.kind === 'request' ? sip.method : sip.status}\u0000${e.from}>${e.to}`;
    const retransmission = seen.has(identity);
    seen.add(identity);
    const arrow: LadderArrow = {
      index,
      messageId: m.id,
      from: columnOf.get(e.from)!,
      to: columnOf.get(e.to)!,
      label: label(m),
      time: m.time,
      y: LAYOUT.top + index * LAYOUT.rowHeight,
      kind: sip.kind,
      retransmission,
      problems: [],
    };
    if (sip.callId) arrow.callId = sip.callId;
    arrows.push(arrow);
    if (retransmission)
      problems.push({
        kind: 'retransmission',
        arrow: index,
        text: `${arrow.label} sent again (retransmission)`,
      });
    if (sip.kind === 'response' && sip.status! >= 400 && !retransmission) {
      problems.push({
        kind: 'error-response',
        arrow: index,
        text: `${arrow.label} to ${sip.cseq?.method ?? 'a request'}`,
      });
      if (sip.status === 488 || sip.status === 606) sdpProblem(messages, index, problems);
    }
  });
  missingAcks(messages, arrows, problems, options.now);
  for (const p of problems) arrows[p.arrow]!.problems.push(p.kind);
  problems.sort((a, b) => a.arrow - b.arrow);
  return {
    columns,
    arrows,
    problems,
    width: LAYOUT.left * 2 + Math.max(0, columns.length - 1) * LAYOUT.columnWidth,
    height: LAYOUT.top + Math.max(0, arrows.length - 1) * LAYOUT.rowHeight + LAYOUT.bottom,
  };
}

function sdpProblem(messages: LoggedSip[], index: number, problems: LadderProblem[]): void {
  const response = messages[index]!;
  const { sip } = response;
  // The offer is the request of the same transaction (same Call-ID and CSeq) that carried SDP.
  const offer = messages
    .slice(0, index)
    .reverse()
    .find(
      (m) =>
        m.sip.kind === 'request' &&
        m.sip.callId === sip.callId &&
        m.sip.cseq?.seq === sip.cseq?.seq &&
        m.sip.cseq?.method === sip.cseq?.method &&
        looksLikeSdp(m.sip.body),
    );
  if (!offer) return;
  const target = `${offer.sip.uri ?? ''} ${offer.sip.to?.host ?? ''}`;
  const towardUm = /\.um\.outlook\.com\b/i.test(target);
  const causes = guessSdpCauses(offer.sip.body!, looksLikeSdp(sip.body) ? sip.body : undefined, towardUm);
  const text = causes.length
    ? `${sip.status} ${sip.reason ?? ''}: likely cause: ${causes.map((c) => c.text).join(' ')}`
    : `${sip.status} ${sip.reason ?? ''}: the offer's SDP shows no usual cause; compare codecs and media lines.`;
  problems.push({ kind: 'sdp-rejected', arrow: index, text, causes });
}

function missingAcks(
  messages: LoggedSip[],
  arrows: LadderArrow[],
  problems: LadderProblem[],
  now?: number,
): void {
  const flagged = new Set<string>();
  messages.forEach((m, index) => {
    const { sip } = m;
    if (sip.kind !== 'response' || sip.cseq?.method !== 'INVITE' || sip.status! < 200 || sip.status! >= 300)
      return;
    const key = `${sip.callId}\u0000${sip.cseq.seq}`;
    if (flagged.has(key)) return;
    const later = messages.slice(index + 1);
    const acked = later.some(
      (x) => x.sip.method === 'ACK' && x.sip.callId === sip.callId && x.sip.cseq?.seq === sip.cseq!.seq,
    );
    if (acked) return;
    const retransmitted = later.some(
      (x, i) =>
        arrows[index + 1 + i]!.retransmission && x.sip.callId === sip.callId && x.sip.status === sip.status,
    );
    const moreInDialog = later.some((x) => x.sip.callId === sip.callId);
    const overdue = now !== undefined && now - m.time > ACK_WAIT_MS;
    if (!retransmitted && !moreInDialog && !overdue) return;
    flagged.add(key);
    problems.push({
      kind: 'missing-ack',
      arrow: index,
      text: `No ACK for ${sip.status} ${sip.reason ?? ''} to INVITE (CSeq ${sip.cseq.seq})`.replace(
        '  ',
        ' ',
      ),
    });
  });
}
