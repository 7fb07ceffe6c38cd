// What an archive holds, as the engine's inspect route, the app and the CLI show it: no secret values.
import { describeLeaf, missingSecrets, type OpenedBackup } from './archive.ts';
import type { BackupSummary } from './schemas.ts';

export { BackupSummary } from './schemas.ts';

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
