// What the backup routes do, apart from HTTP: pack this engine's state into an archive, preview what
// a restore would change, and restore — certificates first (so the config can use them), then the
// config through ConfigService's apply with its If-Match check, lint and confirmation window. When
// any step refuses, what was written before it is undone: the engine is left as it was.
import { openBackup, packBackup, type OpenedBackup } from '../backup/archive.ts';
import { BackupError } from '../backup/errors.ts';
import { summarizeBackup } from '../backup/summary.ts';
import { CertificateStoreError, type CertificateStore, type ImportPlan } from '../certs/store/index.ts';
import { summarizeOwn, summarizeTrusted } from '../certs/store/summary.ts';
import { diffConfigs } from '../config/diff.ts';
import { mergeSecrets, type Config } from '../config/schema/index.ts';
import type { AdminCredential } from '../runtime/data-dir.ts';
import type { ConfigStore, ImportedVersion } from '../runtime/config-store/store.ts';
import type { CertificateListing } from './certificates-routes.ts';
import type { CertificatesService } from './certificates-service.ts';
import type { ConfigService, LintConfig } from './config-service.ts';
import type { MgmtBody, MgmtResponse } from './contract.ts';
import { MgmtError } from './errors.ts';

export interface BackupServiceDeps {
  engine: () => { id: string; name: string; version: string };
  configStore: ConfigStore;
  config: ConfigService;
  store: CertificateStore;
  certificates: CertificatesService;
  /** The linter as it would run with this certificate listing (the archive's entries added). */
  lintWith: (certificates: CertificateListing) => LintConfig;
  /** The admin account, for the manifest and the log. */
  author: () => string;
  readAdmin: () => AdminCredential | undefined;
  writeAdmin: (admin: AdminCredential) => void;
  /** The expiry warnings look again after an import. */
  onCertificatesChanged: () => void;
  now: () => number;
  log: (line: string) => void;
}

type Preview = MgmtResponse<'backupInspect'>;
type Missing = Preview['missing'];

function refusedArchive(error: unknown): never {
  if (error instanceof BackupError) {
    const field = error.code === 'wrong-passphrase' ? 'passphrase' : 'archive';
    throw new MgmtError(400, 'invalid-body', `${field}: ${error.message}. Nothing was changed.`, { field });
  }
  if (error instanceof CertificateStoreError) {
    throw new MgmtError(400, 'invalid-body', `archive: ${error.message}. Nothing was changed.`, { field: 'archive' }); // prettier-ignore
  }
  throw error;
}

export function backupFileName(engineName: string, createdAt: string): string {
  const name = engineName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'sbc-engine';
  return `${name}-${createdAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z')}.sbcbackup`;
}

export class BackupService {
  private readonly deps: BackupServiceDeps;

  constructor(deps: BackupServiceDeps) {
    this.deps = deps;
  }

  async export(body: MgmtBody<'backupExport'>): Promise<MgmtResponse<'backupExport'>> {
    const author = this.deps.author();
    const { configStore, store, certificates } = this.deps;
    const current = configStore.current;
    const history = configStore.history().flatMap((info) => {
      const found = configStore.read(info.version);
      return found ? [{ info, config: found.config }] : [];
    });
    const createdAt = new Date(this.deps.now()).toISOString();
    const engine = this.deps.engine();
    const archive = await packBackup(
      {
        engine,
        createdBy: author,
        createdAt,
        current: { version: current.info.version, config: current.config },
        history,
        certificates: {
          ...store.exportForBackup(),
          sipTlsCertificateId: certificates.list().sipTlsCertificateId,
        },
        admin: this.deps.readAdmin() ?? null,
      },
      body.passphrase ? { passphrase: body.passphrase } : {},
    );
    const opened = await openBackup(archive, body.passphrase ? { passphrase: body.passphrase } : {});
    this.deps.log(`[backup] ${author} exported version ${current.info.version} ${body.passphrase ? 'with' : 'without'} its secrets (${archive.length} bytes)`); // prettier-ignore
    return {
      archive: archive.toString('base64'),
      fileName: backupFileName(engine.name, createdAt),
      size: archive.length,
      summary: summarizeBackup(opened),
    };
  }

  async inspect(body: MgmtBody<'backupInspect'>): Promise<Preview> {
    const opened = await this.open(body.archive, body.passphrase);
    return this.preview(opened);
  }

  async restore(body: MgmtBody<'backupRestore'>): Promise<MgmtResponse<'backupRestore'>> {
    const author = this.deps.author();
    const { parts } = body;
    const opened = await this.open(body.archive, body.passphrase);
    if (parts.adminPassword && !opened.admin) {
      throw new MgmtError(400, 'invalid-body', opened.secretsOpened ? 'parts.adminPassword: the archive holds no admin password' : 'parts.adminPassword: the admin password is in the encrypted part; give the passphrase', { field: 'parts.adminPassword' }); // prettier-ignore
    }
    let plan: ImportPlan | null = null;
    if (parts.certificates) {
      try {
        plan = this.deps.store.planBackupImport(opened.certificates.index, opened.certificates.privateKeys);
      } catch (error) {
        refusedArchive(error);
      }
    }
    const importCertificates = () => (plan ? this.deps.store.applyBackupImport(plan) : { undo: () => {} });
    const preview = this.preview(opened);
    const { history, leftOut } = this.historyToImport(opened);
    let applied: MgmtResponse<'backupRestore'>['config'] = null;
    if (parts.config) {
      const comment =
        body.comment ||
        `restored from the backup of ${opened.manifest.engine.name} made ${opened.manifest.createdAt} (its version ${opened.manifest.configVersion})`;
      applied = await this.deps.config.restore(
        {
          config: opened.current.config,
          history: parts.history ? history : [],
          comment,
          ifMatch: body.ifMatch,
          ...(body.confirmWithinSeconds !== undefined
            ? { confirmWithinSeconds: body.confirmWithinSeconds }
            : {}),
          ...(body.overrideReason !== undefined ? { overrideReason: body.overrideReason } : {}),
        },
        importCertificates,
      );
    } else if (plan) {
      importCertificates();
    }
    let sipTlsCertificateId: string | null = null;
    const wanted = opened.certificates.sipTlsCertificateId;
    if (plan && wanted) {
      try {
        this.deps.certificates.useForSipTls({ id: wanted });
        sipTlsCertificateId = wanted;
      } catch (error) {
        this.deps.log(`[backup] SIP TLS keeps its certificate: ${(error as Error).message}`);
      }
    }
    if (plan) this.deps.onCertificatesChanged();
    if (parts.adminPassword && opened.admin) this.deps.writeAdmin(opened.admin);
    this.deps.log(`[backup] ${author} restored the backup of ${opened.manifest.engine.name} made ${opened.manifest.createdAt}: ${[parts.config && 'config', parts.config && parts.history && `${history.length} history versions`, plan && 'certificates', parts.adminPassword && 'admin password'].filter(Boolean).join(', ')}`); // prettier-ignore
    return {
      config: applied,
      certificates: plan && { added: plan.added, replaced: plan.replaced, skipped: plan.skipped, trustedAdded: plan.trustedAdded }, // prettier-ignore
      historyImported: parts.config && parts.history ? history.map((v) => v.info.version) : [],
      sipTlsCertificateId,
      adminPassword: parts.adminPassword,
      missing: { ...preview.missing, historyVersions: parts.config && parts.history ? leftOut : [] },
    };
  }

  private async open(archive: string, passphrase: string | undefined): Promise<OpenedBackup> {
    try {
      return await openBackup(Buffer.from(archive, 'base64'), passphrase === undefined ? {} : { passphrase });
    } catch (error) {
      refusedArchive(error);
    }
  }

  /** The archive's versions that can go into this engine's history, secrets filled from here where missing. */
  private historyToImport(opened: OpenedBackup): { history: ImportedVersion[]; leftOut: number[] } {
    const here = this.deps.configStore.current.config;
    const history: ImportedVersion[] = [];
    const leftOut: number[] = [];
    for (const version of opened.history) {
      if (version.missingSecrets.length === 0) {
        history.push({ info: version.info, config: version.config });
        continue;
      }
      const merged = mergeSecrets(version.config, here);
      if (merged.ok) history.push({ info: version.info, config: merged.config });
      else leftOut.push(version.info.version);
    }
    return { history, leftOut };
  }

  private preview(opened: OpenedBackup): Preview {
    const here = this.deps.configStore.current.config;
    const merged = mergeSecrets(opened.current.config, here);
    const config: Config = merged.ok ? merged.config : opened.current.config;
    let plan: ImportPlan;
    try {
      plan = this.deps.store.planBackupImport(opened.certificates.index, opened.certificates.privateKeys);
    } catch (error) {
      refusedArchive(error);
    }
    const listing: CertificateListing = {
      own: plan.next.own.map((entry) => summarizeOwn(entry)),
      trustedCas: plan.next.trustedCas.map((entry) => summarizeTrusted(entry)),
      sipTlsCertificateId: opened.certificates.sipTlsCertificateId,
    };
    const missing: Missing = {
      configSecrets: merged.ok ? [] : merged.errors.map((e) => e.path),
      historyVersions: this.historyToImport(opened).leftOut,
      privateKeys: plan.skipped.map(({ id, label }) => ({ id, label })),
      adminPassword: !opened.secretsOpened && opened.manifest.secrets.contents.adminPassword,
    };
    return {
      summary: summarizeBackup(opened),
      diff: diffConfigs(here, config),
      findings: this.deps.lintWith(listing)(config).findings,
      certificates: { added: plan.added, replaced: plan.replaced, skipped: plan.skipped, trustedAdded: plan.trustedAdded }, // prettier-ignore
      missing,
    };
  }
}
