// What protect and unprotect hand back. They never throw on packet bytes: a relay counts each
// dropped packet by its reason, and a bad packet from the network must not end a call.

/** Why a packet was dropped, one word per counter the relay keeps. */
export type SrtpDropReason =
  /** Not a valid RTP/RTCP/SRTP/SRTCP packet; the message names the byte. */
  | 'malformed'
  /** The authentication tag did not match (RFC 3711 §3.3 step 5): forged, corrupted or wrong key. */
  | 'auth-failed'
  /** An index already received (RFC 3711 §3.3.2), or already sent on the protect side. */
  | 'replayed'
  /** An index older than the replay window (RFC 3711 §3.3.2). */
  | 'too-old'
  /** The master key reached its lifetime or the index space ran out (RFC 3711 §9.2). */
  | 'key-expired'
  /** More SSRCs than the session keeps state for. */
  | 'too-many-streams';

export type SrtpResult =
  | { ok: true; packet: Uint8Array; ssrc: number; index: number }
  | { ok: false; reason: SrtpDropReason; message: string };

export function dropped(reason: SrtpDropReason, message: string): SrtpResult {
  return { ok: false, reason, message };
}
