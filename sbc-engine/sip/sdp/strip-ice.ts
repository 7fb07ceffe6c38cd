// Office 365 Exchange UM answers an INVITE that carries any ICE attribute with 488 (seed 002,
// Kamailio + rtpengine notes: "ICE=remove"). Without the ICE lines the offer falls back to the
// default candidate that ICE already put in m= and c= (RFC 8839), so the call still has media.
import { cloneSdp, dropInvalid } from './attributes.ts';
import type { Sdp, SdpAttributes } from './types.ts';

// The attributes of RFC 8839 §5 (plus Trickle ICE's a=end-of-candidates, RFC 8840), as sdp-transform names them.
const ICE_FIELDS = [
  'candidates',
  'iceUfrag',
  'icePwd',
  'iceOptions',
  'remoteCandidates',
  'endOfCandidates',
  'icelite',
];
// The same attributes when sdp-transform kept them verbatim (malformed), and the two it has no rule for.
const ICE_NAMES = new Set([
  'candidate',
  'ice-ufrag',
  'ice-pwd',
  'ice-options',
  'remote-candidates',
  'end-of-candidates',
  'ice-lite',
  'ice-mismatch',
  'ice-pacing',
]);

function stripSection(section: SdpAttributes): void {
  for (const field of ICE_FIELDS) Reflect.deleteProperty(section, field);
  dropInvalid(section, ICE_NAMES);
}

/** Removes every ICE attribute at session and media level. */
export function stripIce(sdp: Sdp): Sdp {
  const copy = cloneSdp(sdp);
  stripSection(copy);
  for (const media of copy.media) stripSection(media);
  return copy;
}
