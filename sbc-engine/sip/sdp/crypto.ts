// SDES keys in the SDP (RFC 4568). Office 365 Exchange UM requires SRTP and answers an offer whose
// a=crypto carries UNAUTHENTICATED_SRTP with 488 Not Acceptable Here (seed 000, Acme Packet notes),
// so the linter and the B2BUA read, check and rewrite these lines here.
import { checkCryptoAttribute, formatCryptoAttribute, parseCryptoAttribute } from './crypto-attribute.ts';
import type { CryptoAttribute, CryptoResult } from './crypto-attribute.ts';
import { attributeName, cloneSdp, dropInvalid } from './attributes.ts';
import type { Sdp, SdpMedia } from './types.ts';

const CRYPTO = new Set(['crypto']);

/** The raw values of a section's a=crypto lines, including those sdp-transform could not parse. */
function cryptoValues(media: SdpMedia): string[] {
  const parsed = (media.crypto ?? []).map((c) =>
    [String(c.id), c.suite, c.config, ...(c.sessionConfig != null ? [c.sessionConfig] : [])].join(' '),
  );
  const verbatim = (media.invalid ?? [])
    .map((entry) => String(entry.value))
    .filter((value) => attributeName(value) === 'crypto')
    .map((value) => value.slice('crypto:'.length));
  return [...parsed, ...verbatim];
}

/** Every a=crypto line of a media section, parsed and checked (a failure names the field). */
export function listCrypto(media: SdpMedia): CryptoResult[] {
  return cryptoValues(media).map(parseCryptoAttribute);
}

/** Removes every a=crypto line, e.g. towards a plain-RTP PBX; pair with toPlainRtpProfile. */
export function removeCrypto(sdp: Sdp): Sdp {
  const copy = cloneSdp(sdp);
  for (const media of copy.media) {
    delete media.crypto;
    dropInvalid(media, CRYPTO);
  }
  return copy;
}

/** Replaces the a=crypto lines of one media section (an empty list removes them). Throws a
 *  RangeError for a media index that does not exist or an attribute that is not valid: both are
 *  bugs in the caller, which builds these from its own keys. */
export function setCrypto(sdp: Sdp, mediaIndex: number, lines: readonly CryptoAttribute[]): Sdp {
  if (!Number.isInteger(mediaIndex) || mediaIndex < 0 || mediaIndex >= sdp.media.length) {
    throw new RangeError(`setCrypto: no media section ${mediaIndex} (the SDP has ${sdp.media.length})`);
  }
  const tags = new Set<number>();
  for (const line of lines) {
    const checked = checkCryptoAttribute(line);
    if (!checked.ok) throw new RangeError(`setCrypto: ${checked.error} (field ${checked.field})`);
    // RFC 4568 §9.1: the tag identifies the attribute among those of this media section.
    if (tags.has(line.tag)) throw new RangeError(`setCrypto: tag ${line.tag} is used twice`);
    tags.add(line.tag);
  }
  const copy = cloneSdp(sdp);
  const media = copy.media[mediaIndex]!;
  dropInvalid(media, CRYPTO);
  delete media.crypto;
  if (lines.length > 0) {
    media.crypto = lines.map((line) => {
      const [, , config = '', ...session] = formatCryptoAttribute(line).split(' ');
      const entry = { id: line.tag, suite: line.suite, config };
      return session.length > 0 ? { ...entry, sessionConfig: session.join(' ') } : entry;
    });
  }
  return copy;
}

export interface UnauthenticatedSrtp {
  mediaIndex: number;
  mediaType: string;
  /** The a= line as written, for the linter's message. */
  line: string;
}

/** a=crypto lines that turn SRTP authentication off (RFC 4568 §6.3.3). Reads the raw tokens, so a
 *  line that fails other checks is still reported. */
export function findUnauthenticatedSrtp(sdp: Sdp): UnauthenticatedSrtp[] {
  const found: UnauthenticatedSrtp[] = [];
  for (const [mediaIndex, media] of sdp.media.entries()) {
    for (const value of cryptoValues(media)) {
      if (value.split(' ').slice(3).includes('UNAUTHENTICATED_SRTP')) {
        found.push({ mediaIndex, mediaType: String(media.type), line: `a=crypto:${value}` });
      }
    }
  }
  return found;
}
