// The shapes of backups (archives in the backups folder, opened offline or restored) in the app contract.
import { z } from 'zod';
import { DiffChange } from '../../sbc-engine/mgmt/config-routes.ts';

const engineId = z.string().min(1).max(100);

export const BackupFile = z.object({
  name: z.string(),
  size: z.number(),
  modifiedAt: z.string(),
  scheduled: z.boolean(),
});
export const BackupSchedule = z.strictObject({
  engineId: engineId.nullable(),
  intervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  keep: z.number().int().min(1).max(100),
});
export const BackupSettings = z.object({
  folder: z.string(),
  schedule: BackupSchedule,
  lastRun: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).optional(),
});
/** A file of the backups folder by name, or a file the user picked, as base64. */
export const ArchiveSource = z.union([
  z.strictObject({ name: z.string().min(1).max(255) }),
  z.strictObject({
    archive: z
      .string()
      .min(1)
      .max(4 * 1024 * 1024),
  }),
]);
export const BackupDiff = z.object({
  config: z.array(DiffChange),
  certificates: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
  }),
  trustedCas: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  history: z.object({ onlyInFirst: z.array(z.number()), onlyInSecond: z.array(z.number()) }),
  sipTls: z.object({ before: z.string().nullable(), after: z.string().nullable() }).nullable(),
});
