// SDES offer/answer (RFC 4568 §5, §7): each side declares in its a=crypto the key it sends with,
// so the offerer's key is the answerer's inbound key and the other way round. Keys are fresh for
// every offer and answer, from an injected random source, so a re-INVITE gets new ones and tests
// get the same ones.
import type { CryptoAttribute, CryptoResult } from '../../sip/sdp/crypto-attribute.ts';
import type { SrtpPolicy } from './policy.ts';
import { cryptoFromPolicy, policyFromCrypto } from './sdes-policy.ts';
import type { SdesRules } from './sdes-policy.ts';
import { SRTP_SUITES, SUPPORTED_SUITES } from './suites.ts';
import type { SrtpSuiteName } from './suites.ts';

/** Cryptographically strong random bytes (node:crypto's randomBytes in production). */
export type RandomBytes = (length: number) => Uint8Array;

export interface SdesPreferences extends SdesRules {
  /** The suites we offer and accept, ours in order of preference. */
  suites: readonly SrtpSuiteName[];
  /** false: our offers carry UNENCRYPTED_SRTCP (and need allowUnencryptedSrtcp to be agreed). */
  encryptRtcp: boolean;
}

export const DEFAULT_SDES_PREFERENCES: Readonly<SdesPreferences> = {
  suites: SUPPORTED_SUITES,
  encryptRtcp: true,
  allowUnauthenticatedSrtp: false,
  allowUnencryptedSrtp: false,
  allowUnencryptedSrtcp: false,
};

/** The keys of one agreed line: inbound unprotects what the peer sends, outbound protects ours. */
export interface SdesAgreement {
  tag: number;
  suite: SrtpSuiteName;
  inbound: SrtpPolicy;
  outbound: SrtpPolicy;
}

export type SdesAnswerResult =
  | { ok: true; answer: CryptoAttribute; agreement: SdesAgreement }
  | { ok: false; reason: string; refused: string[] };

export type SdesAcceptResult = { ok: true; agreement: SdesAgreement } | { ok: false; reason: string };

function freshPolicy(suite: SrtpSuiteName, random: RandomBytes): SrtpPolicy {
  const { masterKeyBytes, masterSaltBytes } = SRTP_SUITES[suite];
  const bytes = random(masterKeyBytes + masterSaltBytes);
  if (bytes.length !== masterKeyBytes + masterSaltBytes) {
    throw new RangeError(`random source gave ${bytes.length} bytes for ${masterKeyBytes + masterSaltBytes}`);
  }
  return {
    suite,
    masterKey: bytes.slice(0, masterKeyBytes),
    masterSalt: bytes.slice(masterKeyBytes),
  };
}

/** Our offer: one a=crypto line per preferred suite, tags 1, 2, …, each with its own fresh key. */
export function createSdesOffer(preferences: SdesPreferences, random: RandomBytes): CryptoAttribute[] {
  return preferences.suites.map((suite, position) => {
    const policy = freshPolicy(suite, random);
    if (!preferences.encryptRtcp) policy.encryptRtcp = false;
    return cryptoFromPolicy(position + 1, policy);
  });
}

/** Answers an offer's a=crypto lines: the first line, in the offerer's order, whose suite we
 *  support and whose parameters our rules allow (RFC 4568 §7.1.2). The answer keeps its tag and
 *  its session parameters and carries a fresh key of ours. When nothing fits, `refused` says why
 *  for each line, for the 488's reason. */
export function answerSdesOffer(
  offered: readonly (CryptoResult | CryptoAttribute)[],
  preferences: SdesPreferences,
  random: RandomBytes,
): SdesAnswerResult {
  const refused: string[] = [];
  for (const entry of offered) {
    const attribute = 'ok' in entry ? (entry.ok ? entry.value : undefined) : entry;
    if (!attribute) {
      refused.push((entry as { error: string }).error);
      continue;
    }
    if (!(preferences.suites as readonly string[]).includes(attribute.suite)) {
      refused.push(
        `a=crypto:${attribute.tag} ${attribute.suite}: crypto-suite not enabled for this connection`,
      );
      continue;
    }
    const inbound = policyFromCrypto(attribute, preferences);
    if (!inbound.ok) {
      refused.push(inbound.reason);
      continue;
    }
    const outbound = freshPolicy(inbound.policy.suite, random);
    // The switches of RFC 4568 §6.3 apply to the stream in both directions.
    if (inbound.policy.encryptRtp === false) outbound.encryptRtp = false;
    if (inbound.policy.encryptRtcp === false) outbound.encryptRtcp = false;
    if (inbound.policy.authenticateRtp === false) outbound.authenticateRtp = false;
    const answer = cryptoFromPolicy(attribute.tag, outbound);
    return {
      ok: true,
      answer,
      agreement: { tag: attribute.tag, suite: inbound.policy.suite, inbound: inbound.policy, outbound },
    };
  }
  const reason =
    offered.length === 0
      ? 'the offer has no a=crypto line'
      : `no acceptable a=crypto line in the offer (${refused.join('; ')})`;
  return { ok: false, reason, refused };
}

/** Reads the answer to our offer: its tag must name one of our lines with the same suite, and it
 *  may not switch off what we did not offer to switch off. */
export function acceptSdesAnswer(
  ourOffer: readonly CryptoAttribute[],
  answer: CryptoResult | CryptoAttribute,
  rules: SdesRules,
): SdesAcceptResult {
  const attribute = 'ok' in answer ? (answer.ok ? answer.value : undefined) : answer;
  if (!attribute) return { ok: false, reason: (answer as { error: string }).error };
  const ours = ourOffer.find((line) => line.tag === attribute.tag);
  if (!ours) return { ok: false, reason: `the answer's a=crypto tag ${attribute.tag} is not one we offered` };
  if (ours.suite !== attribute.suite) {
    return {
      ok: false,
      reason: `the answer's a=crypto:${attribute.tag} names ${attribute.suite}; we offered ${ours.suite} under that tag`,
    };
  }
  for (const param of ['UNENCRYPTED_SRTP', 'UNENCRYPTED_SRTCP', 'UNAUTHENTICATED_SRTP']) {
    if (attribute.sessionParams.includes(param) !== ours.sessionParams.includes(param)) {
      return {
        ok: false,
        reason: `the answer's a=crypto:${attribute.tag} does not agree with our offer on ${param}`,
      };
    }
  }
  const inbound = policyFromCrypto(attribute, rules);
  if (!inbound.ok) return { ok: false, reason: inbound.reason };
  const outbound = policyFromCrypto(ours, { ...rules, ...allowWhatWeOffered(ours) });
  if (!outbound.ok) return { ok: false, reason: `our own offer: ${outbound.reason}` };
  return {
    ok: true,
    agreement: {
      tag: attribute.tag,
      suite: inbound.policy.suite,
      inbound: inbound.policy,
      outbound: outbound.policy,
    },
  };
}

function allowWhatWeOffered(ours: CryptoAttribute): Partial<SdesRules> {
  return {
    ...(ours.sessionParams.includes('UNENCRYPTED_SRTCP') ? { allowUnencryptedSrtcp: true } : {}),
    ...(ours.sessionParams.includes('UNENCRYPTED_SRTP') ? { allowUnencryptedSrtp: true } : {}),
    ...(ours.sessionParams.includes('UNAUTHENTICATED_SRTP') ? { allowUnauthenticatedSrtp: true } : {}),
  };
}
