// A new archive from an opened one with its config edited offline: the history, the certificate
// store and the engine it came from stay as they were. With the secrets opened, markers in the edited
// config take the original's values and everything is sealed again under the same passphrase;
// without them the new archive carries no secret and lists the ones it lacks.
import { mergeSecrets, parseConfig, type Config } from '../config/schema/index.ts';
import { packBackup, type BackupSource, type OpenedBackup } from './archive.ts';
import { extractSecrets, markedSecretPaths } from './config-secrets.ts';

export type RepackResult =
  | {
      ok: true;
      archive: Buffer;
      /** Config secrets the new archive does not carry (display paths of its current config). */
      missingSecrets: string[];
    }
  | { ok: false; errors: { path: string; message: string }[] };

export interface RepackOptions {
  /** Needed when the original's secrets are opened: the new archive is sealed with it again. */
  passphrase?: string;
  createdAt: string;
  createdBy: string;
}

export async function repackWithConfig(
  original: OpenedBackup,
  edited: unknown,
  options: RepackOptions,
): Promise<RepackResult> {
  const parsed = parseConfig(edited);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  let config: Config = parsed.config;
  const sealed = original.secretsOpened && options.passphrase !== undefined;
  if (sealed) {
    const merged = mergeSecrets(config, original.current.config);
    if (!merged.ok) return { ok: false, errors: merged.errors };
    config = merged.config;
  }
  const source: BackupSource = {
    engine: original.manifest.engine,
    createdBy: options.createdBy,
    createdAt: options.createdAt,
    current: { version: original.current.version, config },
    history: original.history.map(({ info, config: kept }) => ({ info, config: kept })),
    certificates: {
      index: original.certificates.index,
      privateKeys: sealed ? (original.certificates.privateKeys ?? {}) : {},
      sipTlsCertificateId: original.certificates.sipTlsCertificateId,
    },
    admin: sealed ? original.admin : null,
  };
  const contents = original.manifest.secrets.contents;
  const kdf = original.manifest.secrets.encryption?.kdf;
  const archive = await packBackup(
    source,
    sealed
      ? { passphrase: options.passphrase, ...(kdf ? { kdfCost: { N: kdf.N, r: kdf.r, p: kdf.p } } : {}) }
      : { unavailable: { privateKeys: contents.privateKeys, adminPassword: contents.adminPassword } },
  );
  // Without the passphrase every secret in the edited config is left out, typed ones included.
  const missingSecrets = sealed ? [] : markedSecretPaths(extractSecrets(config).redacted);
  return { ok: true, archive, missingSecrets };
}
