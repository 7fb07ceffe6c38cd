// The backup routes of the management API (/api/v1/backup/...), spread into contract.ts. Archives
// travel as base64 inside JSON, like every other body of this API; see sbc-engine/backup/FORMAT.md.
import { z } from 'zod';
import {
  BackupSummary,
  MAX_ARCHIVE_BYTES,
  MAX_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_LENGTH,
} from '../backup/schemas.ts';
import { ApplyResult, DiffChange, LintFinding } from './config-routes.ts';
import type { RouteSpec } from './contract.ts';

function backupRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

/** An archive at its size limit, as base64, plus room for the rest of the body. */
const BACKUP_BODY_BYTES = Math.ceil((MAX_ARCHIVE_BYTES * 4) / 3) + 64 * 1024;

const Passphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, `must be at least ${MIN_PASSPHRASE_LENGTH} characters`)
  .max(MAX_PASSPHRASE_LENGTH, `must be at most ${MAX_PASSPHRASE_LENGTH} characters`);
/** Any text when opening: an old archive's passphrase is whatever was typed then. */
const AnyPassphrase = z.string().min(1).max(MAX_PASSPHRASE_LENGTH);
const Archive = z
  .string()
  .min(1, 'must not be empty')
  .max(Math.ceil((MAX_ARCHIVE_BYTES * 4) / 3) + 4, `an archive is at most ${MAX_ARCHIVE_BYTES} bytes`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected the archive file as base64');

export const BackupExportBody = z
  .object({ passphrase: Passphrase.optional().describe('without one, the archive holds no secrets') })
  .strict();
export const BackupExport = z.object({
  /** The archive file as base64. */
  archive: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  summary: BackupSummary,
});

export const BackupInspectBody = z
  .object({ archive: Archive, passphrase: AnyPassphrase.optional() })
  .strict();

export const CertificatePlan = z.object({
  added: z.array(z.string()),
  replaced: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
  trustedAdded: z.array(z.string()),
});

/** What a restore onto this engine would do: the preview before the admin confirms. */
export const BackupPreview = z.object({
  summary: BackupSummary,
  /** From the config running here to the archive's. */
  diff: z.array(DiffChange),
  /** The linter on this engine, with the archive's certificates added, for the archive's config. */
  findings: z.array(LintFinding),
  certificates: CertificatePlan,
  missing: z.object({
    /** Secrets of the archive's config that neither the archive (no passphrase) nor this engine has. */
    configSecrets: z.array(z.string()),
    /** History versions that would be left out: secrets of theirs that nothing can fill. */
    historyVersions: z.array(z.number().int()),
    privateKeys: z.array(z.object({ id: z.string(), label: z.string() })),
    adminPassword: z.boolean(),
  }),
});

export const RestoreParts = z
  .object({
    config: z.boolean().default(true),
    /** Only with config: the archive's versions go into this engine's history, renumbered. */
    history: z.boolean().default(true),
    certificates: z.boolean().default(true),
    /** The archive's admin password replaces this engine's (needs the passphrase). */
    adminPassword: z.boolean().default(false),
  })
  .strict();

export const BackupRestoreBody = z
  .object({
    archive: Archive,
    passphrase: AnyPassphrase.optional(),
    parts: RestoreParts.prefault({}),
    comment: z.string().max(1000).optional(),
    confirmWithinSeconds: z.number().int().min(5).max(3600).optional(),
    overrideReason: z.string().trim().min(1).max(1000).optional(),
    /** The etag of GET /config, as with PUT /config: the restore is refused if the config changed. */
    ifMatch: z.string().max(200).optional(),
  })
  .strict();

export const BackupRestoreResult = z.object({
  /** The apply of the archive's config; null when the config was not restored. */
  config: ApplyResult.nullable(),
  certificates: CertificatePlan.nullable(),
  historyImported: z.array(z.number().int()),
  sipTlsCertificateId: z.string().nullable(),
  adminPassword: z.boolean(),
  missing: BackupPreview.shape.missing,
});

export const backupRoutes = {
  backupExport: backupRoute({
    method: 'POST',
    path: '/backup/export',
    auth: true,
    body: BackupExportBody,
    response: BackupExport,
  }),
  backupInspect: backupRoute({
    method: 'POST',
    path: '/backup/inspect',
    auth: true,
    body: BackupInspectBody,
    response: BackupPreview,
    maxBodyBytes: BACKUP_BODY_BYTES,
  }),
  backupRestore: backupRoute({
    method: 'POST',
    path: '/backup/restore',
    auth: true,
    body: BackupRestoreBody,
    response: BackupRestoreResult,
    maxBodyBytes: BACKUP_BODY_BYTES,
  }),
} as const;
