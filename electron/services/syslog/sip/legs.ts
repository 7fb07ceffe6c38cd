// One Call-ID's messages → one leg: its kind (call, OPTIONS, REGISTER, other), who called whom,
// and how far the dialog got. The state follows RFC 3261: the initial INVITE's first 2xx answers
// the call (§13.2.2.4), a final ≥ 300 fails it, a BYE ends an answered call (§15).
import type { Direction, Endpoint, Party, SipExtract } from './types.ts';

/** One syslog record that held a SIP message, as the store hands it to the analyzer. */
export interface LoggedSip {
  /** The record's id in the store; handed back unchanged. */
  id: string | number;
  /** When the record was logged, epoch milliseconds. */
  time: number;
  /** The logging device (syslog HOSTNAME or source address). */
  host?: string;
  sip: SipExtract;
}

export type DialogKind = 'call' | 'options' | 'register' | 'other';

/**
 * Calls: 'trying' (no provisional beyond 100 yet), 'ringing' (18x), 'answered', 'failed', 'ended'.
 * OPTIONS, REGISTER and other dialogs: 'pending', 'ok' (2xx) or 'failed', from their last
 * transaction.
 */
export type DialogState = 'trying' | 'ringing' | 'answered' | 'failed' | 'ended' | 'pending' | 'ok';

export interface Leg {
  callId: string;
  kind: DialogKind;
  /** In time order (stable for equal times). */
  messages: LoggedSip[];
  startTime: number;
  endTime: number;
  from?: Party;
  to?: Party;
  pai?: Party;
  /** The caller's number: P-Asserted-Identity's, else From's. */
  callerNumber?: string;
  calleeNumber?: string;
  /** Of the first request, as the logging device saw it. */
  direction?: Direction;
  peer?: Endpoint;
  host?: string;
  vendor: SipExtract['vendor'];
  sessionId?: string;
  leg?: string;
  connection?: string;
  state: DialogState;
  finalStatus?: number;
  finalReason?: string;
  answerTime?: number;
  /** When a BYE ended an answered call. */
  endedTime?: number;
}

function kindOf(messages: LoggedSip[]): DialogKind {
  const methods = new Set(messages.map((m) => m.sip.method ?? m.sip.cseq?.method));
  if (methods.has('INVITE')) return 'call';
  if (methods.has('REGISTER')) return 'register';
  if (methods.has('OPTIONS')) return 'options';
  return 'other';
}

function callState(leg: Leg): void {
  const invite = leg.messages.find((m) => m.sip.method === 'INVITE');
  const seq = invite?.sip.cseq?.seq;
  const responses = leg.messages.filter(
    (m) =>
      m.sip.kind === 'response' &&
      m.sip.cseq?.method === 'INVITE' &&
      (seq === undefined || m.sip.cseq.seq === seq),
  );
  // Forking may bring a failure and a 2xx; the 2xx decides (RFC 3261 §13.2.2.4).
  const answer = responses.find((m) => m.sip.status! >= 200 && m.sip.status! < 300);
  const failure = responses.find((m) => m.sip.status! >= 300);
  const final = answer ?? failure;
  if (final) {
    leg.finalStatus = final.sip.status!;
    if (final.sip.reason) leg.finalReason = final.sip.reason;
  }
  if (answer) {
    leg.state = 'answered';
    leg.answerTime = answer.time;
    const bye = leg.messages.find((m) => m.sip.method === 'BYE' && m.time >= answer.time);
    if (bye) {
      leg.state = 'ended';
      leg.endedTime = bye.time;
    }
  } else if (failure) {
    leg.state = 'failed';
  } else if (responses.some((m) => m.sip.status! >= 180)) {
    leg.state = 'ringing';
  } else {
    leg.state = 'trying';
  }
}

function transactionState(leg: Leg): void {
  const finals = leg.messages.filter((m) => m.sip.kind === 'response' && m.sip.status! >= 200);
  const last = finals[finals.length - 1];
  if (!last) {
    leg.state = 'pending';
    return;
  }
  leg.finalStatus = last.sip.status!;
  if (last.sip.reason) leg.finalReason = last.sip.reason;
  leg.state = last.sip.status! < 300 ? 'ok' : 'failed';
}

/** Builds a leg from the messages of one Call-ID. */
export function buildLeg(callId: string, unsorted: LoggedSip[]): Leg {
  const messages = unsorted
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.time - b.m.time || a.i - b.i)
    .map(({ m }) => m);
  const first = messages[0]!;
  const firstRequest = messages.find((m) => m.sip.kind === 'request') ?? first;
  const invite = messages.find((m) => m.sip.method === 'INVITE');
  const identity = invite ?? firstRequest;
  const leg: Leg = {
    callId,
    kind: kindOf(messages),
    messages,
    startTime: first.time,
    endTime: messages[messages.length - 1]!.time,
    vendor: first.sip.vendor,
    state: 'pending',
  };
  const sip = identity.sip;
  if (sip.from) leg.from = sip.from;
  if (sip.to) leg.to = sip.to;
  if (sip.pai) leg.pai = sip.pai;
  const caller = sip.pai?.number ?? sip.from?.number;
  if (caller) leg.callerNumber = caller;
  if (sip.to?.number) leg.calleeNumber = sip.to.number;
  if (sip.direction) leg.direction = sip.direction;
  const peer = identity.sip.peer ?? messages.find((m) => m.sip.peer)?.sip.peer;
  if (peer) leg.peer = peer;
  const host = identity.host ?? first.host;
  if (host) leg.host = host;
  for (const m of messages) {
    leg.sessionId ??= m.sip.sessionId;
    leg.leg ??= m.sip.leg;
    leg.connection ??= m.sip.connection;
  }
  if (leg.sessionId === undefined) delete leg.sessionId;
  if (leg.leg === undefined) delete leg.leg;
  if (leg.connection === undefined) delete leg.connection;
  if (leg.kind === 'call') callState(leg);
  else transactionState(leg);
  return leg;
}
