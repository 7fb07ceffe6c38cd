// SRTP and SRTCP (RFC 3711) with SDES keys (RFC 4568), on node:crypto: pure functions and
// per-key sessions, no sockets and no timers. The relay feeds packets in and counts what is
// dropped by reason.
export { SrtpSession } from './srtp-session.ts';
export { checkSrtpPolicy, DEFAULT_MAX_STREAMS, MAX_KEY_LIFETIME } from './policy.ts';
export type { SrtpPolicy } from './policy.ts';
export type { SrtpDropReason, SrtpResult } from './result.ts';
export { findSuite, SRTP_SUITES, SUPPORTED_SUITES } from './suites.ts';
export type { SrtpSuite, SrtpSuiteName } from './suites.ts';
export { DEFAULT_REPLAY_WINDOW, ReplayWindow } from './replay-window.ts';
export { estimateIndex, MAX_SRTP_INDEX } from './packet-index.ts';
export { checkRtpPadding, parseRtcpHeader, parseRtpHeader } from './rtp-header.ts';
export type { HeaderResult, RtcpHeader, RtpHeader } from './rtp-header.ts';
export { deriveKey, deriveSessionKeys, packetIv } from './key-derivation.ts';
export {
  cryptoFromPolicy,
  parseKeyLifetime,
  policyFromCrypto,
  policyFromCryptoLine,
  STRICT_SDES_RULES,
} from './sdes-policy.ts';
export type { SdesPolicyResult, SdesRules } from './sdes-policy.ts';
export {
  acceptSdesAnswer,
  answerSdesOffer,
  createSdesOffer,
  DEFAULT_SDES_PREFERENCES,
} from './sdes-negotiation.ts';
export type {
  RandomBytes,
  SdesAcceptResult,
  SdesAgreement,
  SdesAnswerResult,
  SdesPreferences,
} from './sdes-negotiation.ts';
export { formatCryptoAttribute, parseCryptoAttribute } from '../../sip/sdp/crypto-attribute.ts';
export type { CryptoAttribute, CryptoResult } from '../../sip/sdp/crypto-attribute.ts';
