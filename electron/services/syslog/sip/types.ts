// What the log analyzer knows about one SIP message found in a syslog message: the fields the
// index stores and the call grouping, ladder and query layers read. Plain data, no methods, so it
// crosses process boundaries (receiver → store → UI) as JSON.

/** Vendors whose log prefixes we read; 'generic' when only the SIP text itself was understood. */
export type VendorId = 'sbc-engine' | 'audiocodes' | 'ribbon' | 'cisco' | 'kamailio' | 'generic';

export type Direction = 'in' | 'out';

/** A network end point as a log line names it. IPv6 without brackets. */
export interface Endpoint {
  transport?: string;
  host: string;
  port?: number;
}

/** From, To or P-Asserted-Identity, reduced to what admins search for. */
export interface Party {
  /** The URI's user part, unescaped ("+4930123456", "alice"). */
  user?: string;
  /** Digits with an optional leading '+', when the user part is a phone number. */
  number?: string;
  host?: string;
  displayName?: string;
  tag?: string;
}

export interface SipExtract {
  vendor: VendorId;
  kind: 'request' | 'response';
  method?: string;
  /** Request-URI of a request. */
  uri?: string;
  status?: number;
  reason?: string;
  callId?: string;
  cseq?: { seq: number; method: string };
  from?: Party;
  to?: Party;
  pai?: Party;
  /** Top Via: the transaction's branch and the sender's address. */
  branch?: string;
  via?: Endpoint;
  /** Seen from the logging device: 'in' = it received the message. Only when the log says so. */
  direction?: Direction;
  /** The far end, when the log names it. */
  peer?: Endpoint;
  /** The logging device's own address, when the log names it. */
  local?: Endpoint;
  /** The vendor's id for the whole call across its legs: AudioCodes SID, Ribbon GCID, CUBE GUID. */
  sessionId?: string;
  /** sbc-engine: 'a' toward the caller, 'b' toward the callee. */
  leg?: string;
  /** sbc-engine: the a leg's Call-ID on a b leg. */
  linkedCallId?: string;
  /** The connection or SIP interface name the vendor gave ("Teams", "PBX"). */
  connection?: string;
  /** The SIP message as text with CRLF line ends, escapes undone. */
  sipText: string;
  /** Where the SIP message sits in the input text: [start, end) in UTF-16 code units. */
  span: { start: number; end: number };
  /** The message was cut short (header section or body incomplete, or the sender said so). */
  truncated: boolean;
  /** Why the engine's strict parser refused it, when the fields come from the lenient reader. */
  parseError?: string;
  /** The body as text (SDP for INVITEs), possibly truncated. */
  body?: string;
  contentType?: string;
}
