// What to do with a 401/407 that answers a request which already carried credentials
// (RFC 3261 §22.2, §22.3; RFC 7616 §3.3 `stale`).
import type { DigestChallenge } from './types.ts';

/** The realm and nonce of the credentials sent with the request being retried. */
export interface PreviousAttempt {
  realm: string;
  nonce: string;
}

export type RetryDecision =
  /** First challenge for this realm: answer it with the configured credentials. */
  | 'authenticate'
  /** stale=true: the credentials were right, only the nonce expired; retry silently. */
  | 'retry-stale'
  /** Challenged again without stale: the username or password is wrong; do not loop. */
  | 'credentials-rejected';

export function retryDecision(
  challenge: DigestChallenge,
  previous: PreviousAttempt | undefined,
): RetryDecision {
  if (!previous || previous.realm !== challenge.realm) return 'authenticate';
  // RFC 7616 §3.3: with stale=true the client may retry with the new nonce without asking the
  // user again; without it, a second challenge means the credentials were refused.
  if (challenge.stale && challenge.nonce !== previous.nonce) return 'retry-stale';
  return 'credentials-rejected';
}
