// Office 365 Exchange UM answers an offer with RTCP multiplexing with 488 (seed 002). Without
// a=rtcp-mux (RFC 5761 §5.1.1) and a=rtcp-mux-only (RFC 8858 §3), RTCP goes to port + 1 or to the
// a=rtcp port (RFC 3605), as a peer without multiplexing expects.
import { cloneSdp, dropInvalid } from './attributes.ts';
import type { Sdp, SdpAttributes } from './types.ts';

const MUX_NAMES = new Set(['rtcp-mux', 'rtcp-mux-only']);

function stripSection(section: SdpAttributes): void {
  delete section.rtcpMux;
  dropInvalid(section, MUX_NAMES);
}

/** Removes a=rtcp-mux and a=rtcp-mux-only everywhere. */
export function stripRtcpMux(sdp: Sdp): Sdp {
  const copy = cloneSdp(sdp);
  stripSection(copy);
  for (const media of copy.media) stripSection(media);
  return copy;
}
