// What the engine reports over syslog: one MSGID per kind of event, each with its own SD-PARAMs in
// the engine's private SD element. FORMAT.md in this folder is the description receivers parse by;
// change both together.
import type { Severity } from './priority.ts';
import type { SdValue } from './structured-data.ts';

/** RFC 5424 §6.2.7 MSGIDs the engine sends (FORMAT.md describes each). */
export const MSG_IDS = [
  'CERT_EXPIRY',
  'OPTIONS_STATE',
  'REG_STATE',
  'CALL_START',
  'CALL_ANSWER',
  'CALL_END',
  'SIP_TRACE',
] as const;
export type MsgId = (typeof MSG_IDS)[number];

/** Where a message belongs in a call; these four lead the private SD element when present. */
export interface CallContext {
  callId?: string;
  /** 'a' faces the caller, 'b' the callee (the two legs of the B2BUA). */
  leg?: 'a' | 'b';
  /** Seen from the engine: 'in' received, 'out' sent. */
  dir?: 'in' | 'out';
  /** transport:host:port of the far end, IPv6 in brackets: "tls:[2001:db8::1]:5061". */
  peer?: string;
}

export interface SyslogEvent {
  msgId: MsgId;
  severity: Severity;
  call?: CallContext;
  /** Event-specific SD-PARAMs, written after the call context in this order. */
  params?: Record<string, SdValue>;
  /** Free text for people (MSG); for SIP_TRACE the SIP message itself. */
  msg?: string;
  /** Epoch milliseconds; the sender's clock when left out. */
  time?: number;
}

/** The thresholds the expiry warnings report (FORMAT.md, CERT_EXPIRY). */
export type ExpiryThreshold = '30d' | '7d' | 'expired';

export interface CertExpiryReport {
  threshold: ExpiryThreshold;
  severity: Severity;
  certId: string;
  label: string;
  subject: string;
  /** ISO 8601, UTC. */
  notAfter: string;
  /** Whole days until notAfter, negative once expired. */
  daysLeft: number;
  /** The sentence also written to the engine's log. */
  text: string;
}

export function certExpiryEvent(report: CertExpiryReport): SyslogEvent {
  return {
    msgId: 'CERT_EXPIRY',
    severity: report.severity,
    params: {
      certId: report.certId,
      label: report.label,
      subject: report.subject,
      notAfter: report.notAfter,
      daysLeft: report.daysLeft,
      threshold: report.threshold,
    },
    msg: report.text,
  };
}

export interface OptionsStateReport {
  connection: string;
  /** transport:host:port as configured, e.g. "tls:sip.pstnhub.microsoft.com:5061". */
  target: string;
  state: 'up' | 'down';
  previous: 'unknown' | 'up' | 'down';
  code: number | null;
  rttMs: number | null;
  /** Why the target is down, in plain words. */
  reason: string | null;
  text: string;
}

export function optionsStateEvent(report: OptionsStateReport): SyslogEvent {
  return {
    msgId: 'OPTIONS_STATE',
    severity: report.state === 'up' ? 'notice' : 'warning',
    params: {
      connection: report.connection,
      target: report.target,
      state: report.state,
      previous: report.previous,
      code: report.code ?? undefined,
      rttMs: report.rttMs ?? undefined,
      reason: report.reason ?? undefined,
    },
    msg: report.text,
  };
}

export interface RegStateReport {
  connection: string;
  /** sip:domain the binding is made at. */
  registrar: string;
  state: 'registered' | 'failed' | 'unregistered';
  code: number | null;
  expires: number | null;
  /** Failed: credentials, rejected, timeout or transport. */
  reason: string | null;
  text: string;
}

export function regStateEvent(report: RegStateReport): SyslogEvent {
  return {
    msgId: 'REG_STATE',
    severity: report.state === 'failed' ? 'warning' : 'notice',
    params: {
      connection: report.connection,
      registrar: report.registrar,
      state: report.state,
      code: report.code ?? undefined,
      expires: report.expires ?? undefined,
      reason: report.reason ?? undefined,
    },
    msg: report.text,
  };
}

/** CALL_START of the a leg (the caller's INVITE was taken) or of a b leg (an INVITE left for a target). */
export interface CallStartReport {
  call: CallContext;
  /** The engine's id of the call (GET /api/v1/calls). */
  callRef: string;
  connection: string;
  from: string;
  to: string;
  /** b leg only: the a leg's Call-ID, which links the two legs. */
  linkedCallId?: string;
  /** b leg only: the target as configured, transport:host[:port]. */
  target?: string;
  text: string;
}

export function callStartEvent(report: CallStartReport): SyslogEvent {
  return {
    msgId: 'CALL_START',
    severity: 'info',
    call: report.call,
    params: {
      callRef: report.callRef,
      connection: report.connection,
      from: report.from,
      to: report.to,
      linkedCallId: report.linkedCallId,
      target: report.target,
    },
    msg: report.text,
  };
}

export interface CallAnswerReport {
  call: CallContext;
  callRef: string;
  code: number;
  /** The connection that took the call. */
  connection: string;
  /** The b leg's Call-ID. */
  linkedCallId: string;
  text: string;
}

export function callAnswerEvent(report: CallAnswerReport): SyslogEvent {
  return {
    msgId: 'CALL_ANSWER',
    severity: 'info',
    call: report.call,
    params: {
      callRef: report.callRef,
      code: report.code,
      connection: report.connection,
      linkedCallId: report.linkedCallId,
    },
    msg: report.text,
  };
}

export interface CallEndReport {
  call: CallContext;
  callRef: string;
  code: number;
  cause: 'bye-a' | 'bye-b' | 'cancel' | 'failed' | 'timeout' | 'teardown';
  durationMs: number;
  text: string;
}

export function callEndEvent(report: CallEndReport): SyslogEvent {
  return {
    msgId: 'CALL_END',
    severity: report.cause === 'failed' || report.cause === 'timeout' ? 'notice' : 'info',
    call: report.call,
    params: {
      callRef: report.callRef,
      code: report.code,
      cause: report.cause,
      durationMs: report.durationMs,
    },
    msg: report.text,
  };
}

export interface SipTraceReport {
  call: CallContext;
  /** b leg only: the a leg's Call-ID. */
  linkedCallId?: string;
  method?: string;
  status?: number;
  cseq?: string;
  /** The whole SIP message as it went over the wire. */
  text: string;
}

export function sipTraceEvent(report: SipTraceReport): SyslogEvent {
  return {
    msgId: 'SIP_TRACE',
    severity: 'debug',
    call: report.call,
    params: {
      method: report.method,
      status: report.status,
      cseq: report.cseq,
      linkedCallId: report.linkedCallId,
    },
    msg: report.text,
  };
}
