// Phone numbers as admins search them: the user part of a From/To/PAI URI reduced to digits with
// an optional leading '+'. Visual separators (RFC 3966 §5.1.1: '-', '.', '(', ')') are dropped; a
// user part with letters is a name, not a number.
import { parseNameAddr, parseUri, isSipUri, unescapeUriPart } from '../../../../sbc-engine/sip/index.ts';
import type { Party } from './types.ts';

/** Digits with an optional leading '+', or undefined when the text is not a phone number. */
export function normalizeNumber(text: string): string | undefined {
  // RFC 3966 parameters (";phone-context=", ";npdi", ";rn=") follow the number.
  const core = text.split(';')[0]!.replace(/[\s\-.()]/g, '');
  if (!/^\+?\d{1,32}$/.test(core)) return undefined;
  return core;
}

/** Digits only, for "contains" matching: "+49 30 123" and "004930123" both hold "4930123". */
export function numberDigits(text: string): string {
  return text.replace(/\D/g, '');
}

function fromUri(uri: string): Pick<Party, 'user' | 'number' | 'host'> {
  const parsed = parseUri(uri);
  if (parsed.ok) {
    const value = parsed.value;
    if (isSipUri(value)) {
      const out: Pick<Party, 'user' | 'number' | 'host'> = { host: value.host };
      if (value.user !== undefined) {
        out.user = unescapeUriPart(value.user);
        const number = normalizeNumber(out.user);
        if (number) out.number = number;
      }
      return out;
    }
    if (value.scheme.toLowerCase() === 'tel') {
      const user = unescapeUriPart(value.opaque);
      const number = normalizeNumber(user);
      return number ? { user: user.split(';')[0]!, number } : { user: user.split(';')[0]! };
    }
    return {};
  }
  // A URI the strict parser refuses (odd characters from a PBX): take what sits between the
  // scheme and '@'.
  const loose = /^(?:sips?|tel):([^@;>]+)(?:@([^;>:]+))?/i.exec(uri);
  if (!loose) return {};
  let user: string;
  try {
    user = decodeURIComponent(loose[1]!);
  } catch {
    user = loose[1]!;
  }
  const out: Pick<Party, 'user' | 'number' | 'host'> = { user };
  if (loose[2]) out.host = loose[2].toLowerCase();
  const number = normalizeNumber(user);
  if (number) out.number = number;
  return out;
}

/** From, To or one P-Asserted-Identity value. Never throws; unknown parts are left out. */
export function readParty(value: string): Party | undefined {
  const parsed = parseNameAddr(value);
  if (parsed.ok) {
    const party: Party = { ...fromUri(parsed.value.uri) };
    if (parsed.value.displayName) party.displayName = parsed.value.displayName;
    const tag = parsed.value.params.find(([name]) => name.toLowerCase() === 'tag')?.[1];
    if (tag) party.tag = tag;
    return party;
  }
  const angle = /<([^>]*)>/.exec(value);
  const uri = angle ? angle[1]! : value.trim().split(/[;\s]/)[0]!;
  const party: Party = { ...fromUri(uri) };
  const tag = /;\s*tag=([^;\s>]+)/i.exec(value.slice(angle ? angle.index + angle[0].length : 0));
  if (tag) party.tag = tag[1]!;
  return party.user || party.host || party.tag ? party : undefined;
}
