// What one SRTP master key is used for: the suite, the key and salt, and the RFC 3711 options
// SDES can switch (RFC 4568 §6.3: UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP).
// Whether a connection may turn authentication off is decided above this, in sdes-policy.ts.
import { MAX_REPLAY_WINDOW } from './replay-window.ts';
import { findSuite } from './suites.ts';
import type { SrtpSuiteName } from './suites.ts';

export interface SrtpPolicy {
  suite: SrtpSuiteName;
  masterKey: Uint8Array;
  masterSalt: Uint8Array;
  /** false for UNENCRYPTED_SRTP. Default true. */
  encryptRtp?: boolean;
  /** false for UNENCRYPTED_SRTCP: SRTCP packets carry E = 0. Default true. */
  encryptRtcp?: boolean;
  /** false for UNAUTHENTICATED_SRTP: no SRTP tag. SRTCP is always authenticated (RFC 3711 §3.4). */
  authenticateRtp?: boolean;
  /** Replay window in packets (RFC 3711 §3.3.2, at least 64). Default 64. */
  replayWindow?: number;
  /** Packets (SRTP and SRTCP) this master key may protect or accept (RFC 4568 §6.1 lifetime).
   *  Default 2^48, the SRTP limit of RFC 3711 §9.2. */
  keyLifetime?: number;
  /** SSRCs the session keeps state for, in each direction. Default 32. */
  maxStreams?: number;
}

export const MAX_KEY_LIFETIME = 2 ** 48;
export const DEFAULT_MAX_STREAMS = 32;

/** A reason the policy cannot be used, naming the field; undefined when it is fine. */
export function checkSrtpPolicy(policy: SrtpPolicy): string | undefined {
  const suite = findSuite(policy.suite);
  if (!suite) return `suite: "${policy.suite}" is not supported`;
  if (policy.masterKey.length !== suite.masterKeyBytes) {
    return `masterKey: ${policy.masterKey.length} bytes; ${suite.name} needs ${suite.masterKeyBytes}`;
  }
  if (policy.masterSalt.length !== suite.masterSaltBytes) {
    return `masterSalt: ${policy.masterSalt.length} bytes; ${suite.name} needs ${suite.masterSaltBytes}`;
  }
  const window = policy.replayWindow;
  if (window !== undefined && (!Number.isInteger(window) || window < 64 || window > MAX_REPLAY_WINDOW)) {
    return `replayWindow: ${window}; must be a whole number from 64 to ${MAX_REPLAY_WINDOW}`;
  }
  const lifetime = policy.keyLifetime;
  if (
    lifetime !== undefined &&
    (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_KEY_LIFETIME)
  ) {
    return `keyLifetime: ${lifetime}; must be a whole number from 1 to 2^48`;
  }
  const streams = policy.maxStreams;
  if (streams !== undefined && (!Number.isInteger(streams) || streams < 1)) {
    return `maxStreams: ${streams}; must be a whole number of at least 1`;
  }
  return undefined;
}
