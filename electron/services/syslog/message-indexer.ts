// The plug-in point for SIP-aware indexing: the store hands every message (its envelope and text)
// to a MessageIndexer, which may return the SIP fields the analyzer searches by. The vendor parsers
// (electron/services/syslog/sip/) implement it; until they are plugged in, nothing is extracted
// and messages are indexed by their envelope alone.
import type { Envelope } from './parse/envelope.ts';

export interface IndexableMessage {
  envelope: Envelope;
  /** The whole message as text (invalid UTF-8 replaced by U+FFFD). */
  text: string;
  /** MSG: text.slice(envelope.msgStart). */
  msg: string;
  /** Transport and address it came from: `udp:192.0.2.10:514`. */
  source: string;
  receivedAt: number;
}

export interface SipFields {
  callId?: string;
  /** Request method, or the CSeq method of a response. */
  method?: string;
  /** Response status code; undefined for requests. */
  status?: number;
  cseq?: string;
  /** From, To, P-Asserted-Identity … numbers as they appear (`+4930123456`); searched by substring. */
  numbers?: string[];
  direction?: 'in' | 'out';
  /** The far end, `udp:192.0.2.10:5060`. */
  peer?: string;
  /** B2BUA leg: `a` toward the caller, `b` toward the callee. */
  leg?: string;
}

export interface MessageIndexer {
  /** SIP fields of one message, or undefined when it carries none. Must not throw; runs per message. */
  extract(message: IndexableMessage): SipFields | undefined;
}

export const noSipIndexer: MessageIndexer = {
  extract: () => undefined,
};
