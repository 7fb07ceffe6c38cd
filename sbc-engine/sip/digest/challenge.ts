// Parses WWW-Authenticate / Proxy-Authenticate values into Digest challenges
// (RFC 3261 §20.27, §20.44, §22.4, §25.1 `digest-cln`; RFC 7616 §3.3 for the parameters).
// Other schemes (Basic, Bearer...) are skipped; a value with no Digest challenge is an error.
import { canonicalAlgorithm } from './algorithms.ts';
import { parseChallengeList } from './auth-params.ts';
import type { RawChallenge } from './auth-params.ts';
import type { ChallengeHeaderName, DigestChallenge, DigestResult } from './types.ts';

export interface HeaderField {
  name: string;
  value: string;
}

function toDigestChallenge(raw: RawChallenge, header: ChallengeHeaderName): DigestResult<DigestChallenge> {
  if (raw.token68 !== undefined) {
    return { ok: false, error: `Digest challenge needs name=value parameters, found "${raw.token68}"` };
  }
  // No prototype: a parameter named __proto__ must stay an ordinary entry.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { name, value } of raw.params) {
    // Each parameter name occurs at most once per challenge (RFC 7235 §2.1).
    if (Object.hasOwn(params, name)) return { ok: false, error: `duplicate parameter "${name}"` };
    params[name] = value;
  }
  const realm = params['realm'];
  const nonce = params['nonce'];
  // realm and nonce are mandatory in a Digest challenge (RFC 7616 §3.3, RFC 3261 §22.4).
  if (realm === undefined) return { ok: false, error: 'Digest challenge without "realm" parameter' };
  if (nonce === undefined) return { ok: false, error: 'Digest challenge without "nonce" parameter' };
  if (nonce === '') return { ok: false, error: '"nonce" parameter is empty' };

  const challenge: DigestChallenge = {
    header,
    realm,
    nonce,
    // stale is "true" case-insensitively; anything else means false (RFC 7616 §3.3).
    stale: params['stale']?.toLowerCase() === 'true',
    // MD5 when absent (RFC 3261 §22.4, RFC 8760 §2.5).
    algorithm: 'MD5',
    qop: [],
    params,
  };
  const algorithm = params['algorithm'];
  if (algorithm !== undefined) {
    if (algorithm.trim() === '') return { ok: false, error: '"algorithm" parameter is empty' };
    challenge.algorithm = canonicalAlgorithm(algorithm.trim());
  }
  const qop = params['qop'];
  if (qop !== undefined) {
    // qop-options is a quoted, comma separated list of tokens (RFC 3261 §25.1).
    challenge.qop = qop
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter((v) => v !== '');
    if (challenge.qop.length === 0) return { ok: false, error: '"qop" parameter lists no value' };
  }
  if (params['opaque'] !== undefined) challenge.opaque = params['opaque'];
  const domain = params['domain'];
  if (domain !== undefined) challenge.domain = domain.split(/[ \t\r\n]+/).filter((v) => v !== '');
  return { ok: true, value: challenge };
}

interface Collected {
  challenges: DigestChallenge[];
  otherSchemes: string[];
}

function collect(values: readonly string[], header: ChallengeHeaderName): DigestResult<Collected> {
  const challenges: DigestChallenge[] = [];
  const otherSchemes: string[] = [];
  for (const [index, value] of values.entries()) {
    const where = values.length > 1 ? `${header} #${index + 1}: ` : `${header}: `;
    const raw = parseChallengeList(value);
    if (!raw.ok) return { ok: false, error: where + raw.error };
    for (const challenge of raw.value) {
      if (challenge.scheme.toLowerCase() !== 'digest') {
        if (!otherSchemes.includes(challenge.scheme)) otherSchemes.push(challenge.scheme);
        continue;
      }
      const parsed = toDigestChallenge(challenge, header);
      if (!parsed.ok) return { ok: false, error: where + parsed.error };
      challenges.push(parsed.value);
    }
  }
  return { ok: true, value: { challenges, otherSchemes } };
}

function noDigest(otherSchemes: readonly string[]): string {
  return otherSchemes.length > 0
    ? `no Digest challenge; unsupported scheme ${otherSchemes.join(', ')}`
    : 'no challenge in the header value';
}

/**
 * Parses one header value or several values of the same header, in order. Any malformed Digest
 * challenge fails the whole parse, so that a broken SHA-256 offer cannot silently fall back to MD5.
 */
export function parseChallenges(
  values: string | readonly string[],
  header: ChallengeHeaderName = 'WWW-Authenticate',
): DigestResult<DigestChallenge[]> {
  const collected = collect(typeof values === 'string' ? [values] : values, header);
  if (!collected.ok) return collected;
  const { challenges, otherSchemes } = collected.value;
  if (challenges.length === 0) return { ok: false, error: `${header}: ${noDigest(otherSchemes)}` };
  return { ok: true, value: challenges };
}

/** Recognises the challenge header names case-insensitively (RFC 3261 §7.3.1). */
export function challengeHeaderName(name: string): ChallengeHeaderName | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === 'www-authenticate') return 'WWW-Authenticate';
  if (lower === 'proxy-authenticate') return 'Proxy-Authenticate';
  return undefined;
}

/**
 * Parses every WWW-Authenticate and Proxy-Authenticate field of a 401/407, in order. Fields
 * offering only other schemes (Basic next to Digest) are skipped.
 */
export function parseChallengeHeaders(headers: readonly HeaderField[]): DigestResult<DigestChallenge[]> {
  const challenges: DigestChallenge[] = [];
  const otherSchemes: string[] = [];
  for (const field of headers) {
    const header = challengeHeaderName(field.name);
    if (header === undefined) return { ok: false, error: `"${field.name}" is not a challenge header` };
    const collected = collect([field.value], header);
    if (!collected.ok) return collected;
    challenges.push(...collected.value.challenges);
    otherSchemes.push(...collected.value.otherSchemes.filter((s) => !otherSchemes.includes(s)));
  }
  if (challenges.length === 0) return { ok: false, error: noDigest(otherSchemes) };
  return { ok: true, value: challenges };
}
