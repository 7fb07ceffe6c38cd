// Shared types of the digest authentication client (RFC 3261 §22, RFC 7616, RFC 8760).

export type DigestResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Which response header carried the challenge (RFC 3261 §22.2 for 401, §22.3 for 407). */
export type ChallengeHeaderName = 'WWW-Authenticate' | 'Proxy-Authenticate';

/** The header that answers a challenge from `ChallengeHeaderName` (RFC 3261 §22.2, §22.3). */
export type CredentialsHeaderName = 'Authorization' | 'Proxy-Authorization';

/** Algorithms this client computes (RFC 7616 §3.4.2, RFC 8760 §2.2). */
export type SupportedAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestChallenge {
  /** The header the challenge came from; decides the header we answer with. */
  header: ChallengeHeaderName;
  realm: string;
  nonce: string;
  opaque?: string;
  /** RFC 7616 §3.3: the previous nonce expired but the credentials were right. */
  stale: boolean;
  /**
   * Canonical spelling for a recognised algorithm ("MD5", "SHA-256-sess", "SHA-512-256"...),
   * otherwise the token as sent. MD5 when absent (RFC 3261 §22.4, RFC 8760 §2.5).
   */
  algorithm: string;
  /** Lower-cased qop tokens, empty when the challenge had no qop (RFC 2069 compatibility). */
  qop: string[];
  /** URIs of the protection space (RFC 7616 §3.3), when given. */
  domain?: string[];
  /** Every auth-param as received, names lower-cased, values unquoted. */
  params: Record<string, string>;
}
