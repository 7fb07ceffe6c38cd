// SDES keys belong to the secure profiles (RFC 4568 §4: a=crypto is defined for RTP/SAVP; RFC 5124 for
// RTP/SAVPF), and Exchange UM refuses an offer without SRTP with 488 (seed 002). So when the SBC
// adds a=crypto it moves the m= line to RTP/SAVP, and back to RTP/AVP when it removes them.
// Other protocols (UDP/TLS/RTP/SAVPF with DTLS keys, udptl for T.38) are left alone.
import { cloneSdp } from './attributes.ts';
import type { Sdp } from './types.ts';

const TO_SECURE: Readonly<Record<string, string>> = { 'RTP/AVP': 'RTP/SAVP', 'RTP/AVPF': 'RTP/SAVPF' };
const TO_PLAIN: Readonly<Record<string, string>> = { 'RTP/SAVP': 'RTP/AVP', 'RTP/SAVPF': 'RTP/AVPF' };

function switchProfile(sdp: Sdp, table: Readonly<Record<string, string>>, mediaIndex?: number): Sdp {
  const copy = cloneSdp(sdp);
  for (const [index, media] of copy.media.entries()) {
    if (mediaIndex !== undefined && index !== mediaIndex) continue;
    const next = table[media.protocol];
    if (next) media.protocol = next;
  }
  return copy;
}

/** RTP/AVP → RTP/SAVP and RTP/AVPF → RTP/SAVPF, on one media section or on all. */
export function toSecureRtpProfile(sdp: Sdp, mediaIndex?: number): Sdp {
  return switchProfile(sdp, TO_SECURE, mediaIndex);
}

/** RTP/SAVP → RTP/AVP and RTP/SAVPF → RTP/AVPF, on one media section or on all. */
export function toPlainRtpProfile(sdp: Sdp, mediaIndex?: number): Sdp {
  return switchProfile(sdp, TO_PLAIN, mediaIndex);
}
