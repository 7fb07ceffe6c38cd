// Messages → calls. Messages are grouped into legs by Call-ID; the legs of one B2BUA call are
// linked, strongest evidence first: the engine's structured data (linkedCallId), a vendor session
// id shared by both legs (AudioCodes SID, Ribbon GCID, CUBE GUID), then header correlation
// (header-correlation.ts). OPTIONS and REGISTER dialogs are never linked; they come out as their
// own entries with their kind so the UI can hide them.
import { correlateLegs } from './header-correlation.ts';
import { buildLeg, type DialogKind, type DialogState, type Leg, type LoggedSip } from './legs.ts';
import type { Endpoint, Party } from './types.ts';

export type { DialogKind, DialogState, Leg, LoggedSip } from './legs.ts';

/** An a-leg/b-leg pair the engine reported outside SIP (CALL_START's linkedCallId). */
export interface CallLink {
  callId: string;
  linkedCallId: string;
}

export interface GroupOptions {
  links?: CallLink[];
  /** Longest delay between inbound and outbound INVITE for header correlation (default 5 s). */
  correlationWindowMs?: number;
}

export type LinkEvidence = 'engine' | 'session-id' | 'headers';

export interface CallSummary {
  /** The first leg's Call-ID. */
  id: string;
  kind: DialogKind;
  /** The inbound (a) leg first, then the others by start time. */
  legs: Leg[];
  linkedBy?: LinkEvidence;
  startTime: number;
  endTime: number;
  from?: Party;
  to?: Party;
  callerNumber?: string;
  calleeNumber?: string;
  state: DialogState;
  finalStatus?: number;
  finalReason?: string;
  answerTime?: number;
  /** From answer to BYE, for calls that ended. */
  durationMs?: number;
  connection?: string;
  peer?: Endpoint;
  host?: string;
}

export interface GroupResult {
  calls: CallSummary[];
  /** Messages without a Call-ID. */
  unassigned: LoggedSip[];
}

const DEFAULT_WINDOW_MS = 5000;

class Groups {
  private readonly parent = new Map<Leg, Leg>();
  readonly evidence = new Map<Leg, LinkEvidence>();

  find(leg: Leg): Leg {
    let root = leg;
    for (let p = this.parent.get(root); p && p !== root; p = this.parent.get(root)) root = p;
    this.parent.set(leg, root);
    return root;
  }

  union(a: Leg, b: Leg, why: LinkEvidence): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    this.parent.set(rb, ra);
    if (!this.evidence.has(ra)) this.evidence.set(ra, this.evidence.get(rb) ?? why);
  }

  linked(leg: Leg, legs: Leg[]): boolean {
    const root = this.find(leg);
    return legs.some((other) => other !== leg && this.find(other) === root);
  }
}

function summarize(legs: Leg[], linkedBy: LinkEvidence | undefined): CallSummary {
  const byStart = [...legs].sort((x, y) => x.startTime - y.startTime);
  const a = byStart.find((l) => l.direction === 'in' || l.leg === 'a') ?? byStart[0]!;
  const ordered = [a, ...byStart.filter((l) => l !== a)];
  const summary: CallSummary = {
    id: a.callId,
    kind: a.kind,
    legs: ordered,
    startTime: byStart[0]!.startTime,
    endTime: Math.max(...legs.map((l) => l.endTime)),
    state: a.state,
  };
  if (linkedBy && legs.length > 1) summary.linkedBy = linkedBy;
  if (a.from) summary.from = a.from;
  if (a.to) summary.to = a.to;
  if (a.callerNumber) summary.callerNumber = a.callerNumber;
  if (a.calleeNumber) summary.calleeNumber = a.calleeNumber;
  // The a leg decides the call's outcome; another leg's final fills in when a has none logged.
  const final = a.finalStatus !== undefined ? a : ordered.find((l) => l.finalStatus !== undefined);
  if (final) {
    summary.finalStatus = final.finalStatus!;
    if (final.finalReason) summary.finalReason = final.finalReason;
  }
  if (a.answerTime !== undefined) summary.answerTime = a.answerTime;
  if (a.endedTime !== undefined && a.answerTime !== undefined)
    summary.durationMs = a.endedTime - a.answerTime;
  const connection = a.connection ?? ordered.find((l) => l.connection)?.connection;
  if (connection) summary.connection = connection;
  if (a.peer) summary.peer = a.peer;
  if (a.host) summary.host = a.host;
  return summary;
}

export function groupCalls(messages: LoggedSip[], options: GroupOptions = {}): GroupResult {
  const byCallId = new Map<string, LoggedSip[]>();
  const unassigned: LoggedSip[] = [];
  for (const message of messages) {
    const callId = message.sip.callId;
    if (!callId) {
      unassigned.push(message);
      continue;
    }
    const list = byCallId.get(callId);
    if (list) list.push(message);
    else byCallId.set(callId, [message]);
  }
  const legs = [...byCallId].map(([callId, list]) => buildLeg(callId, list));
  const legByCallId = new Map(legs.map((l) => [l.callId, l]));
  const groups = new Groups();
  const calls = legs.filter((l) => l.kind === 'call');

  // 1. The engine says which Call-IDs are the legs of one call.
  const links = [...(options.links ?? [])];
  for (const leg of calls)
    for (const m of leg.messages)
      if (m.sip.linkedCallId) links.push({ callId: leg.callId, linkedCallId: m.sip.linkedCallId });
  for (const link of links) {
    const a = legByCallId.get(link.linkedCallId);
    const b = legByCallId.get(link.callId);
    if (a && b && a.kind === 'call' && b.kind === 'call') groups.union(a, b, 'engine');
  }

  // 2. A vendor session id shared by the legs, per logging device.
  const bySession = new Map<string, Leg>();
  for (const leg of calls) {
    if (!leg.sessionId) continue;
    const key = `${leg.vendor}\u0000${leg.host ?? ''}\u0000${leg.sessionId}`;
    const first = bySession.get(key);
    if (first) groups.union(first, leg, 'session-id');
    else bySession.set(key, leg);
  }

  // 3. Header correlation for the legs nothing else linked.
  const loose = calls.filter((l) => !groups.linked(l, calls));
  const windowMs = options.correlationWindowMs ?? DEFAULT_WINDOW_MS;
  for (const [a, b] of correlateLegs(loose, { windowMs })) groups.union(a, b, 'headers');

  const members = new Map<Leg, Leg[]>();
  for (const leg of legs) {
    const root = leg.kind === 'call' ? groups.find(leg) : leg;
    const list = members.get(root);
    if (list) list.push(leg);
    else members.set(root, [leg]);
  }
  const summaries = [...members].map(([root, group]) => summarize(group, groups.evidence.get(root)));
  summaries.sort((x, y) => x.startTime - y.startTime);
  return { calls: summaries, unassigned };
}
