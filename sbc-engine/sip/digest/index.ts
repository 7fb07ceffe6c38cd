// SIP digest authentication client (RFC 3261 §22, RFC 7616, RFC 8760): parse the challenges of a
// 401/407, choose one, and compute the credentials for the retried request. No I/O: the cnonce
// comes from the caller, and the nonce counter is an object the caller keeps per registration.
import { parseChallengeHeaders } from './challenge.ts';
import type { HeaderField } from './challenge.ts';
import { chooseChallenge } from './choose.ts';
import type { NonceCounter } from './nonce-counter.ts';
import { computeCredentials } from './response.ts';
import { retryDecision } from './retry.ts';
import type { PreviousAttempt } from './retry.ts';
import type { CredentialsHeaderName, DigestResult } from './types.ts';

export { algorithmStrength, canonicalAlgorithm, isSupportedAlgorithm } from './algorithms.ts';
export { challengeHeaderName, parseChallengeHeaders, parseChallenges } from './challenge.ts';
export type { HeaderField } from './challenge.ts';
export { chooseChallenge, chooseChallenges, unusableReason } from './choose.ts';
export { NonceCounter } from './nonce-counter.ts';
export { computeCredentials, credentialsHeaderName, formatNonceCount, quote } from './response.ts';
export type { DigestCredentials, DigestResponseInput } from './response.ts';
export { retryDecision } from './retry.ts';
export type { PreviousAttempt, RetryDecision } from './retry.ts';
export type {
  ChallengeHeaderName,
  CredentialsHeaderName,
  DigestChallenge,
  DigestResult,
  SupportedAlgorithm,
} from './types.ts';

export interface AuthorizeInput {
  /** The WWW-Authenticate / Proxy-Authenticate fields of the 401/407, in message order. */
  challengeHeaders: readonly HeaderField[];
  method: string;
  /** Request-URI of the retried request. */
  uri: string;
  username: string;
  password: string;
  body?: string | Uint8Array;
  counter: NonceCounter;
  /** Injected randomness: a fresh client nonce, called only when a qop is used. */
  cnonce: string | (() => string);
  /** Realm and nonce of the credentials the challenged request carried, if it carried any. */
  previous?: PreviousAttempt;
}

export interface Authorization {
  name: CredentialsHeaderName;
  value: string;
  realm: string;
  nonce: string;
  /** The nonce count used; the counter has recorded it. */
  nc: number;
}

/**
 * The header to add to the retried request, or why there is none: no usable challenge, or the
 * same realm challenged again without stale=true (the credentials are wrong; RFC 7616 §3.3).
 */
export function authorize(input: AuthorizeInput): DigestResult<Authorization> {
  const parsed = parseChallengeHeaders(input.challengeHeaders);
  if (!parsed.ok) return parsed;
  const chosen = chooseChallenge(parsed.value);
  if (!chosen.ok) return chosen;
  const challenge = chosen.value;
  if (retryDecision(challenge, input.previous) === 'credentials-rejected') {
    return {
      ok: false,
      error: `realm "${challenge.realm}" rejected the credentials of "${input.username}"; check the username and password`,
    };
  }
  // A new nonce (stale or not) restarts at 1; a reused one continues (RFC 7616 §3.4).
  const nc = input.counter.current(challenge.realm, challenge.nonce) + 1;
  const cnonce =
    challenge.qop.length === 0 ? '' : typeof input.cnonce === 'function' ? input.cnonce() : input.cnonce;
  const credentials = computeCredentials({
    challenge,
    method: input.method,
    uri: input.uri,
    username: input.username,
    password: input.password,
    nc,
    cnonce,
    ...(input.body !== undefined ? { body: input.body } : {}),
  });
  if (!credentials.ok) return credentials;
  input.counter.next(challenge.realm, challenge.nonce);
  return {
    ok: true,
    value: {
      name: credentials.value.name,
      value: credentials.value.value,
      realm: challenge.realm,
      nonce: challenge.nonce,
      nc,
    },
  };
}
