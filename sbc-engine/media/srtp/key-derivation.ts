// Session keys from the master key and salt (RFC 3711 §4.3), with the AES-CM PRF of §4.3.3 and a
// key derivation rate of 0: one derivation when the session starts. SDES's KDR parameter, which
// would ask for more, is refused in sdes-policy.ts.
import { createAesCm } from './aes-cm.ts';
import type { SrtpSuite } from './suites.ts';

/** RFC 3711 §4.3.2: the labels that tell the derived keys apart. */
export const LABEL = {
  rtpEncryption: 0x00,
  rtpAuthentication: 0x01,
  rtpSalt: 0x02,
  rtcpEncryption: 0x03,
  rtcpAuthentication: 0x04,
  rtcpSalt: 0x05,
} as const;

export interface SessionKeys {
  encryptionKey: Uint8Array;
  authenticationKey: Uint8Array;
  salt: Uint8Array;
}

/** One derived key: the PRF's keystream for IV = (label·2^48 XOR master salt)·2^16, since r = 0. */
export function deriveKey(
  masterKey: Uint8Array,
  masterSalt: Uint8Array,
  label: number,
  length: number,
): Uint8Array {
  if (masterSalt.length !== 14) throw new RangeError(`master salt is ${masterSalt.length} bytes; needs 14`);
  const iv = new Uint8Array(16);
  iv.set(masterSalt, 0);
  // key_id = label || r (48 bits); aligned right against the 112-bit salt, the label is byte 7.
  iv[7] = iv[7]! ^ label;
  return new Uint8Array(createAesCm(masterKey).keystream(iv, length));
}

export function deriveSessionKeys(
  suite: SrtpSuite,
  masterKey: Uint8Array,
  masterSalt: Uint8Array,
): { rtp: SessionKeys; rtcp: SessionKeys } {
  const derive = (label: number, length: number) => deriveKey(masterKey, masterSalt, label, length);
  return {
    rtp: {
      encryptionKey: derive(LABEL.rtpEncryption, suite.sessionKeyBytes),
      authenticationKey: derive(LABEL.rtpAuthentication, suite.authKeyBytes),
      salt: derive(LABEL.rtpSalt, suite.sessionSaltBytes),
    },
    rtcp: {
      encryptionKey: derive(LABEL.rtcpEncryption, suite.sessionKeyBytes),
      authenticationKey: derive(LABEL.rtcpAuthentication, suite.authKeyBytes),
      salt: derive(LABEL.rtcpSalt, suite.sessionSaltBytes),
    },
  };
}

/** RFC 3711 §4.1.1: IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16), for a 48-bit SRTP index or
 *  a 31-bit SRTCP index. */
export function packetIv(
  salt: Uint8Array,
  ssrc: number,
  index: number,
  iv: Uint8Array = new Uint8Array(16),
): Uint8Array {
  iv.set(salt, 0);
  iv[14] = 0;
  iv[15] = 0;
  iv[4] = iv[4]! ^ (ssrc >>> 24);
  iv[5] = iv[5]! ^ ((ssrc >>> 16) & 0xff);
  iv[6] = iv[6]! ^ ((ssrc >>> 8) & 0xff);
  iv[7] = iv[7]! ^ (ssrc & 0xff);
  const high = Math.floor(index / 0x100000000); // index < 2^48: the top 16 bits
  const low = index >>> 0;
  iv[8] = iv[8]! ^ ((high >>> 8) & 0xff);
  iv[9] = iv[9]! ^ (high & 0xff);
  iv[10] = iv[10]! ^ (low >>> 24);
  iv[11] = iv[11]! ^ ((low >>> 16) & 0xff);
  iv[12] = iv[12]! ^ ((low >>> 8) & 0xff);
  iv[13] = iv[13]! ^ (low & 0xff);
  return iv;
}
