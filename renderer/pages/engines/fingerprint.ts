// Comparing certificate fingerprints the way people actually copy them: with or without colons,
// in either case, sometimes only the first characters the engine printed on its console.

/**
 * A typed prefix must carry at least this many hex digits (32 bits). The engine prints 16
 * (sbc-engine/certs/fingerprint.ts, 8 bytes); fewer would let an attacker forge a certificate
 * with the same beginning far too cheaply.
 */
export const MIN_PREFIX_HEX_DIGITS = 16;

/** Upper-case hex digits only: "ab:CD 01" → "ABCD01". */
export function fingerprintHex(text: string): string {
  return text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/**
 * Splits a fingerprint into groups of `bytesPerGroup` colon-joined bytes, so a person can
 * compare it piece by piece: "AB:CD:EF:01 23:45:67:89 …".
 */
export function groupFingerprint(fingerprint: string, bytesPerGroup = 4): string[] {
  const bytes = fingerprintHex(fingerprint).match(/.{1,2}/g) ?? [];
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += bytesPerGroup) {
    groups.push(bytes.slice(i, i + bytesPerGroup).join(':'));
  }
  return groups;
}

export type FingerprintVerdict = 'match' | 'mismatch' | 'unknown';

/** Compares two full fingerprints; 'unknown' when one of them is missing or empty. */
export function compareFingerprints(a: string | undefined, b: string | undefined): FingerprintVerdict {
  const left = fingerprintHex(a ?? '');
  const right = fingerprintHex(b ?? '');
  if (!left || !right) return 'unknown';
  return left === right ? 'match' : 'mismatch';
}

export type PrefixVerdict =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'too-short'; have: number }
  | { kind: 'match' }
  | { kind: 'mismatch' };

/**
 * Checks what the user pasted from the engine's console against the fingerprint SBC Studio
 * sees. Colons, spaces and dashes are ignored; anything else that is not hex is refused rather
 * than silently dropped, because "begins 8F:0O" (letter O) must not pass as "8F:0".
 */
export function comparePrefix(fingerprint: string, typed: string): PrefixVerdict {
  const cleaned = typed.trim().replace(/^.*SHA-256 begins\s*/i, '');
  if (!cleaned) return { kind: 'empty' };
  if (/[^0-9a-fA-F:\s-]/.test(cleaned)) return { kind: 'invalid' };
  const prefix = fingerprintHex(cleaned);
  if (prefix.length < MIN_PREFIX_HEX_DIGITS) {
    // A wrong beginning is reported at once; a right one is only reported as too short.
    if (!fingerprintHex(fingerprint).startsWith(prefix)) return { kind: 'mismatch' };
    return { kind: 'too-short', have: prefix.length };
  }
  return fingerprintHex(fingerprint).startsWith(prefix) ? { kind: 'match' } : { kind: 'mismatch' };
}
