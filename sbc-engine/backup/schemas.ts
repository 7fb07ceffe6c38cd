// The backup's shapes and limits that the app's API contract shares: zod only, no Node modules,
// because the contract is bundled into the sandboxed preload too.
import { z } from 'zod';

/** Far above a real engine's archive (a few hundred KB); keeps a hostile one from tying up memory. */
export const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1024;

/** Which secrets the engine had: listed by place, never by value, so a restore can say what is missing. */
export const SecretContents = z.object({
  /** Per config member, the paths of its secrets (e.g. "connections[0].registration.password"). */
  configs: z.record(z.string(), z.array(z.string())),
  privateKeys: z.array(z.object({ id: z.string(), label: z.string() })),
  adminPassword: z.boolean(),
});
export type SecretContents = z.infer<typeof SecretContents>;

export const BackupSummary = z.object({
  engine: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  createdAt: z.string(),
  createdBy: z.string(),
  configVersion: z.number().int(),
  configSchemaVersion: z.number().int(),
  /** Set when the configs were written for an older schema and are upgraded on reading. */
  migratedFrom: z.number().int().optional(),
  fqdn: z.string().nullable(),
  connections: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(
    z.object({ version: z.number().int(), author: z.string(), at: z.string(), comment: z.string() }),
  ),
  certificates: z.object({
    own: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        subject: z.string().nullable(),
        notAfter: z.string().nullable(),
        fingerprint: z.string().nullable(),
      }),
    ),
    trustedCas: z.array(z.object({ id: z.string(), label: z.string(), subject: z.string().nullable() })),
    sipTlsCertificateId: z.string().nullable(),
  }),
  secrets: z.object({
    /** True when the archive has an encrypted part at all. */
    encrypted: z.boolean(),
    /** True when the given passphrase opened it. */
    opened: z.boolean(),
    contents: SecretContents,
    /** What the archive cannot give as read: everything in `contents` unless `opened`. */
    missing: SecretContents,
  }),
  notes: z.array(z.string()),
});
export type BackupSummary = z.infer<typeof BackupSummary>;
