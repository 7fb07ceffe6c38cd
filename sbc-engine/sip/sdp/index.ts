// SDP for the SBC: parse and write through sdp-transform, and the rules that rewrite offers and
// answers for peers such as Office 365 Exchange UM, each a pure Sdp -> Sdp function.
export { parseSdp, serializeSdp } from './sdp.ts';
export { parseSdpBytes, firstInvalidUtf8 } from './sdp-bytes.ts';
export type { MediaDescription, SessionDescription, Sdp, SdpMedia, SdpResult } from './types.ts';
export { stripIce } from './strip-ice.ts';
export { stripRtcpMux } from './strip-rtcp-mux.ts';
export { toPlainRtpProfile, toSecureRtpProfile } from './rtp-profile.ts';
export { findUnauthenticatedSrtp, listCrypto, removeCrypto, setCrypto } from './crypto.ts';
export type { UnauthenticatedSrtp } from './crypto.ts';
export {
  checkCryptoAttribute,
  formatCryptoAttribute,
  parseCryptoAttribute,
  SRTP_KEY_SALT_BYTES,
} from './crypto-attribute.ts';
export type { CryptoAttribute, CryptoResult, SrtpKeyParam } from './crypto-attribute.ts';
