// One SDES a=crypto line (RFC 4568) turned into an SRTP policy, and back. The line's syntax is
// read by sbc-engine/sip/sdp/crypto-attribute.ts; this decides whether the engine can and may use
// it: a supported suite, no MKI, no key derivation rate, and session parameters the connection's
// rules allow. Seed 000: Exchange UM refuses UNAUTHENTICATED_SRTP, and an SBC facing a provider
// that demands authentication must never agree to it either.
import { parseCryptoAttribute } from '../../sip/sdp/crypto-attribute.ts';
import type { CryptoAttribute } from '../../sip/sdp/crypto-attribute.ts';
import { MAX_KEY_LIFETIME } from './policy.ts';
import type { SrtpPolicy } from './policy.ts';
import { MAX_REPLAY_WINDOW } from './replay-window.ts';
import { findSuite } from './suites.ts';

/** What a connection allows a peer to switch off (RFC 4568 §6.3). */
export interface SdesRules {
  allowUnauthenticatedSrtp: boolean;
  allowUnencryptedSrtp: boolean;
  allowUnencryptedSrtcp: boolean;
}

/** Everything on: what "SRTP required" means for Teams, Telekom and Exchange UM. */
export const STRICT_SDES_RULES: Readonly<SdesRules> = {
  allowUnauthenticatedSrtp: false,
  allowUnencryptedSrtp: false,
  allowUnencryptedSrtcp: false,
};

export type SdesPolicyResult = { ok: true; policy: SrtpPolicy } | { ok: false; reason: string };

const LIFETIME_POWER = /^2\^(\d+)$/;
const DECIMAL = /^\d+$/;

/** RFC 4568 §6.1: "2^n" or a decimal count of packets; at most 2^48 (RFC 3711 §9.2). */
export function parseKeyLifetime(text: string): number | undefined {
  const power = LIFETIME_POWER.exec(text);
  const value = power ? 2 ** Number(power[1]) : DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_KEY_LIFETIME) return undefined;
  return value;
}

/** The policy for the key a peer declared in an a=crypto line, or the reason it cannot be used. */
export function policyFromCrypto(attribute: CryptoAttribute, rules: SdesRules): SdesPolicyResult {
  const line = `a=crypto:${attribute.tag} ${attribute.suite}`;
  const refuse = (reason: string): SdesPolicyResult => ({ ok: false, reason: `${line}: ${reason}` });
  const suite = findSuite(attribute.suite);
  if (!suite)
    return refuse(`crypto-suite ${attribute.suite} is not supported (AES_CM_128_HMAC_SHA1_80 or _32 are)`);
  if (attribute.keyParams.length !== 1) {
    return refuse(`${attribute.keyParams.length} keys in one line need MKIs, which this engine does not use`);
  }
  const param = attribute.keyParams[0]!;
  if (param.mki) {
    return refuse(
      `MKI ${param.mki.value}:${param.mki.length} is not supported; offer the key without an MKI`,
    );
  }
  const keySalt = Buffer.from(param.keySalt, 'base64');
  const expected = suite.masterKeyBytes + suite.masterSaltBytes;
  if (keySalt.length !== expected)
    return refuse(`key||salt is ${keySalt.length} bytes; ${suite.name} needs ${expected}`);
  const policy: SrtpPolicy = {
    suite: suite.name,
    masterKey: new Uint8Array(keySalt.subarray(0, suite.masterKeyBytes)),
    masterSalt: new Uint8Array(keySalt.subarray(suite.masterKeyBytes)),
  };
  if (param.lifetime !== undefined) {
    const lifetime = parseKeyLifetime(param.lifetime);
    if (lifetime === undefined)
      return refuse(`lifetime ${param.lifetime} is not a packet count from 1 to 2^48`);
    policy.keyLifetime = lifetime;
  }
  for (const session of attribute.sessionParams) {
    const problem = applySessionParam(session, policy, rules);
    if (problem) return refuse(problem);
  }
  return { ok: true, policy };
}

/** RFC 4568 §6.3. Returns why the parameter is refused, or undefined once applied. */
function applySessionParam(param: string, policy: SrtpPolicy, rules: SdesRules): string | undefined {
  if (param === 'UNENCRYPTED_SRTP') {
    if (!rules.allowUnencryptedSrtp) return 'UNENCRYPTED_SRTP: this connection requires encrypted SRTP';
    policy.encryptRtp = false;
  } else if (param === 'UNENCRYPTED_SRTCP') {
    if (!rules.allowUnencryptedSrtcp) return 'UNENCRYPTED_SRTCP: this connection requires encrypted SRTCP';
    policy.encryptRtcp = false;
  } else if (param === 'UNAUTHENTICATED_SRTP') {
    if (!rules.allowUnauthenticatedSrtp) {
      return 'UNAUTHENTICATED_SRTP: this connection requires authenticated SRTP (RFC 4568 §6.3.3)';
    }
    policy.authenticateRtp = false;
  } else if (param.startsWith('KDR=')) {
    // RFC 3711 §4.3.1: a non-zero rate re-derives keys during the session; one derivation only here.
    return `${param}: a key derivation rate is not supported; offer the line without KDR`;
  } else if (param.startsWith('WSH=')) {
    // RFC 4568 §6.3, WSH: a hint for the receiver's replay window, never below 64.
    const size = DECIMAL.test(param.slice(4)) ? Number(param.slice(4)) : NaN;
    if (!Number.isInteger(size) || size < 64)
      return `${param}: the window size hint must be a number of at least 64`;
    policy.replayWindow = Math.min(size, MAX_REPLAY_WINDOW);
  } else if (param.startsWith('FEC_ORDER=')) {
    // Only matters with forward error correction, which the relay does not add.
  } else {
    return `session parameter ${param} is not supported`;
  }
  return undefined;
}

/** The a=crypto line that declares the key of `policy` (RFC 4568 §9.1), for our side's SDP. */
export function cryptoFromPolicy(tag: number, policy: SrtpPolicy): CryptoAttribute {
  const keySalt = Buffer.concat([policy.masterKey, policy.masterSalt]).toString('base64');
  const sessionParams: string[] = [];
  if (policy.encryptRtp === false) sessionParams.push('UNENCRYPTED_SRTP');
  if (policy.encryptRtcp === false) sessionParams.push('UNENCRYPTED_SRTCP');
  if (policy.authenticateRtp === false) sessionParams.push('UNAUTHENTICATED_SRTP');
  return { tag, suite: policy.suite, keyParams: [{ keySalt }], sessionParams };
}

/** Reads the value of an a=crypto line (after "a=crypto:") straight into a policy. */
export function policyFromCryptoLine(value: string, rules: SdesRules): SdesPolicyResult {
  const parsed = parseCryptoAttribute(value);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  return policyFromCrypto(parsed.value, rules);
}
