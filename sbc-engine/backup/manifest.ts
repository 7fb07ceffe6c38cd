// manifest.json: what the archive holds, each member's size and SHA-256, which secrets exist and
// how secrets.enc is sealed. It is readable without the passphrase, and it names no secret value.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SecretContents } from './schemas.ts';

export { SecretContents };

export const FORMAT_NAME = 'sbc-studio-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_MEMBER = 'manifest.json';
/** The hex SHA-256 of manifest.json, so that damage to the manifest itself is noticed. */
export const MANIFEST_HASH_MEMBER = 'manifest.sha256';
export const SECRETS_MEMBER = 'secrets.enc';
export const CURRENT_MEMBER = 'config/current.json';
export const STORE_MEMBER = 'certs/store.json';
export const SIP_TLS_MEMBER = 'certs/sip-tls.json';
export const HISTORY_FOLDER = 'config/history/';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits');
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const MemberEntry = z.object({
  name: z.string(),
  size: z.number().int().min(0),
  sha256: Sha256,
});
export type MemberEntry = z.infer<typeof MemberEntry>;

export const ScryptParams = z.object({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: Base64,
});
export type ScryptParams = z.infer<typeof ScryptParams>;

export const Encryption = z.object({
  member: z.literal(SECRETS_MEMBER),
  kdf: ScryptParams,
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: Base64 }),
  /** SHA-256 of the second half of the derived key: tells a wrong passphrase from a changed archive. */
  check: Sha256,
});
export type Encryption = z.infer<typeof Encryption>;

export const Manifest = z.object({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.number().int().min(1),
  engine: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  configSchemaVersion: z.number().int().min(1),
  /** The version number the config had on the engine the archive was made from. */
  configVersion: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: z.string(),
  members: z.array(MemberEntry),
  secrets: z.object({ contents: SecretContents, encryption: Encryption.nullable() }),
  /** Things a reader should know, e.g. history left out to stay under the size limit. */
  notes: z.array(z.string()).default([]),
});
export type Manifest = z.infer<typeof Manifest>;

/** JSON with object keys sorted, so that equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The additional data of secrets.enc: the manifest without secrets.enc's own entry (its size and
 * hash depend on the ciphertext, so they cannot be inside it). Everything else — every other
 * member's hash, the KDF and cipher parameters, the engine and the dates — is bound to the secrets.
 */
export function manifestAad(manifest: Manifest): Buffer {
  const bound = { ...manifest, members: manifest.members.filter((m) => m.name !== SECRETS_MEMBER) };
  return createHash('sha256').update(canonicalJson(bound)).digest();
}
