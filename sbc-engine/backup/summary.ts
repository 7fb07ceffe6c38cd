// What an archive holds, as the engine's inspect route, the app and the CLI show it: no secret values.
import { z } from 'zod';
import { describeLeaf, missingSecrets, type OpenedBackup } from './archive.ts';
import { SecretContents } from './manifest.ts';

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

export function summarizeBackup(opened: OpenedBackup): BackupSummary {
  const { manifest, current, certificates } = opened;
  return {
    engine: manifest.engine,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    configVersion: manifest.configVersion,
    configSchemaVersion: manifest.configSchemaVersion,
    ...(opened.migratedFrom !== undefined ? { migratedFrom: opened.migratedFrom } : {}),
    fqdn: current.config.system.fqdn,
    connections: current.config.connections.map((c) => ({ id: c.id, name: c.name })),
    history: opened.history.map(({ info }) => ({
      version: info.version,
      author: info.author,
      at: info.at,
      comment: info.comment,
    })),
    certificates: {
      own: certificates.index.own.map((entry) => {
        const leaf = describeLeaf(entry.leafPem);
        return {
          id: entry.id,
          label: entry.label,
          subject: leaf?.subject ?? null,
          notAfter: leaf?.notAfter ?? null,
          fingerprint: leaf?.fingerprint ?? null,
        };
      }),
      trustedCas: certificates.index.trustedCas.map((ca) => ({
        id: ca.id,
        label: ca.label,
        subject: describeLeaf(ca.certPem)?.subject ?? null,
      })),
      sipTlsCertificateId: certificates.sipTlsCertificateId,
    },
    secrets: {
      encrypted: manifest.secrets.encryption !== null,
      opened: opened.secretsOpened,
      contents: manifest.secrets.contents,
      missing: missingSecrets(opened),
    },
    notes: manifest.notes,
  };
}
