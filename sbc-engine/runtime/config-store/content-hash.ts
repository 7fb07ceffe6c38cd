// Hashes of a config. On disk, a plain SHA-256 of the stored text tells a damaged file from a good
// one. Through the API, a keyed hash (HMAC with a key that never leaves the data folder) stands
// for a version: equal configs get equal hashes, yet nobody can test a guessed trunk password
// against it, as they could against a plain hash of a config they can read all the rest of.
import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted, so that equal configs give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function keyedHash(key: Buffer, config: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(config)).digest('hex');
}
