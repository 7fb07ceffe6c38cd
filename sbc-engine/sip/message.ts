// A SIP message as the parser hands it out: start line, ordered header fields, body bytes.
// Header values stay as text (unfolded, trimmed); typed views (URI, Via, CSeq …) are parsed on
// demand by the modules that need them, so an odd header the engine never reads cannot make a
// whole message unusable.

export interface SipHeader {
  /** The long form with its usual capitalisation for known headers ("Call-ID"), else as received. */
  name: string;
  value: string;
}

export interface SipRequest {
  type: 'request';
  method: string;
  /** The Request-URI as received; parse it with parseUri(). */
  uri: string;
  version: string;
  headers: SipHeader[];
  body: Uint8Array;
}

export interface SipResponse {
  type: 'response';
  version: string;
  status: number;
  reason: string;
  headers: SipHeader[];
  body: Uint8Array;
}

export type SipMessage = SipRequest | SipResponse;
