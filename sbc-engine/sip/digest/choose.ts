// Picks the challenge to answer when a 401/407 offers several (RFC 8760 §2.4, RFC 3261 §22.3).
import { algorithmStrength, isSessionAlgorithm, isSupportedAlgorithm } from './algorithms.ts';
import type { DigestChallenge, DigestResult } from './types.ts';

/** Why this client cannot answer a challenge, or undefined when it can. */
export function unusableReason(challenge: DigestChallenge): string | undefined {
  const { algorithm, qop } = challenge;
  // RFC 7616 §3.3: a client ignores challenges whose algorithm it does not understand.
  if (!isSupportedAlgorithm(algorithm)) return `algorithm ${algorithm} is not supported`;
  if (qop.length > 0 && !qop.includes('auth') && !qop.includes('auth-int')) {
    return `qop ${qop.join(', ')} is not supported`;
  }
  // The -sess A1 needs a cnonce, and a cnonce is only sent together with qop (RFC 2617 §3.2.2).
  if (isSessionAlgorithm(algorithm) && qop.length === 0) return `${algorithm} requires a qop`;
  return undefined;
}

/**
 * The best usable challenge per realm, in the order the realms first appear. Within a realm the
 * strongest algorithm wins (SHA-256 over MD5, RFC 8760 §2.4); on a tie the topmost one, since a
 * server lists its challenges most preferred first (RFC 8760 §2.3).
 */
export function chooseChallenges(challenges: readonly DigestChallenge[]): DigestResult<DigestChallenge[]> {
  const best = new Map<string, DigestChallenge>();
  const reasons: string[] = [];
  for (const challenge of challenges) {
    const reason = unusableReason(challenge);
    if (reason !== undefined) {
      reasons.push(`realm "${challenge.realm}": ${reason}`);
      continue;
    }
    const current = best.get(challenge.realm);
    if (!current || algorithmStrength(challenge.algorithm) > algorithmStrength(current.algorithm)) {
      best.set(challenge.realm, challenge);
    }
  }
  if (best.size === 0) {
    return { ok: false, error: `no usable Digest challenge (${reasons.join('; ') || 'none offered'})` };
  }
  return { ok: true, value: [...best.values()] };
}

/** The challenge to answer: the best one of the first realm offered (see chooseChallenges). */
export function chooseChallenge(challenges: readonly DigestChallenge[]): DigestResult<DigestChallenge> {
  const chosen = chooseChallenges(challenges);
  if (!chosen.ok) return chosen;
  const [first] = chosen.value;
  return first ? { ok: true, value: first } : { ok: false, error: 'no usable Digest challenge' };
}
