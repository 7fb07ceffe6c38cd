// The one-time setup key proves that whoever sets the admin password can read the engine's console
// or data folder, like the MAC-address sticker an appliance's startup tool asks for.
import { randomInt, timingSafeEqual } from 'node:crypto';

// Crockford's base32 alphabet: no I, L, O or U, so nothing is misread when typed from a screen.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/** 20 symbols of 5 bits: 100 bits, written as XXXXX-XXXXX-XXXXX-XXXXX. */
export function generateSetupKey(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, spaces, dashes and the look-alike letters O/I/L are forgiven. */
export function normalizeSetupKey(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function setupKeysMatch(typed: string, expected: string): boolean {
  const a = Buffer.from(normalizeSetupKey(typed));
  const b = Buffer.from(normalizeSetupKey(expected));
  return a.length === b.length && timingSafeEqual(a, b);
}
