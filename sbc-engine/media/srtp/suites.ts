// The SRTP crypto suites this engine speaks, under their SDES names (RFC 4568 §6.2). Both use
// AES-128 in counter mode and HMAC-SHA1; they differ only in the SRTP tag length. SRTCP keeps the
// 80-bit tag in both (RFC 4568 §6.2.2: the 32-bit tag is for SRTP only).

export type SrtpSuiteName = 'AES_CM_128_HMAC_SHA1_80' | 'AES_CM_128_HMAC_SHA1_32';

export interface SrtpSuite {
  name: SrtpSuiteName;
  masterKeyBytes: number;
  masterSaltBytes: number;
  /** Session encryption key, from label 0x00 / 0x03 (RFC 3711 §4.3.2). */
  sessionKeyBytes: number;
  sessionSaltBytes: number;
  /** HMAC-SHA1 session key: 160 bits (RFC 3711 §8.2). */
  authKeyBytes: number;
  rtpTagBytes: number;
  rtcpTagBytes: number;
}

const AES_CM_128 = {
  masterKeyBytes: 16,
  masterSaltBytes: 14,
  sessionKeyBytes: 16,
  sessionSaltBytes: 14,
  authKeyBytes: 20,
  rtcpTagBytes: 10,
};

export const SRTP_SUITES: Readonly<Record<SrtpSuiteName, SrtpSuite>> = {
  AES_CM_128_HMAC_SHA1_80: { name: 'AES_CM_128_HMAC_SHA1_80', ...AES_CM_128, rtpTagBytes: 10 },
  AES_CM_128_HMAC_SHA1_32: { name: 'AES_CM_128_HMAC_SHA1_32', ...AES_CM_128, rtpTagBytes: 4 },
};

/** Our preference when we offer: the longer tag first. */
export const SUPPORTED_SUITES: readonly SrtpSuiteName[] = [
  'AES_CM_128_HMAC_SHA1_80',
  'AES_CM_128_HMAC_SHA1_32',
];

export function findSuite(name: string): SrtpSuite | undefined {
  return Object.hasOwn(SRTP_SUITES, name) ? SRTP_SUITES[name as SrtpSuiteName] : undefined;
}
