// store.json, the one index of the store. Validated on open: a damaged index is refused with the
// field named, never repaired or overwritten silently (the admin may still restore a backup).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { CertificateStoreError } from './errors.ts';

// Ids name key files on disk, so they are hex only: no path can be smuggled in through store.json.
const Id = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits');
const Pem = z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'expected a PEM certificate' });

const OwnEntry = z.object({
  id: Id,
  label: z.string().min(1),
  createdAt: z.iso.datetime(),
  /** What was asked for, shown while the request is pending. */
  request: z
    .object({ algorithm: z.string(), commonName: z.string(), dnsNames: z.array(z.string()) })
    .optional(),
  /** The PKCS#10 request while the CA has not answered; kept afterwards for renewals at the same CA. */
  csrPem: z.string().optional(),
  leafPem: Pem.optional(),
  /** Intermediates, leaf's issuer first; never the root. */
  chainPems: z.array(Pem),
});

const TrustedCa = z.object({ id: Id, label: z.string().min(1), createdAt: z.iso.datetime(), certPem: Pem });

export const StoreIndex = z.object({
  version: z.literal(1),
  own: z.array(OwnEntry),
  trustedCas: z.array(TrustedCa),
});

export type StoreIndex = z.infer<typeof StoreIndex>;
export type OwnEntry = z.infer<typeof OwnEntry>;
export type TrustedCa = z.infer<typeof TrustedCa>;

export function emptyIndex(): StoreIndex {
  return { version: 1, own: [], trustedCas: [] };
}

/** Reads store.json, or null when the store is new. */
export function readIndex(path: string): StoreIndex | null {
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CertificateStoreError(
      `${path} is damaged (not valid JSON: ${(error as Error).message}); restore it from a backup`,
    );
  }
  const parsed = StoreIndex.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
      .join('; ');
    throw new CertificateStoreError(`${path} is damaged at ${where}; restore it from a backup`);
  }
  return parsed.data;
}
