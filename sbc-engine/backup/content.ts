// What the members other than the manifest hold, as the archive code writes and checks them.
import { z } from 'zod';
import { StoreIndex } from '../certs/store/schema.ts';

export const HistoryInfo = z.object({
  /** The version number on the engine the archive came from. */
  version: z.number().int().min(1),
  author: z.string(),
  at: z.string(),
  comment: z.string(),
  overrideReason: z.string().optional(),
  rollbackOf: z.number().int().optional(),
});
export type HistoryInfo = z.infer<typeof HistoryInfo>;

export const CurrentMember = z.object({ version: z.number().int().min(1), config: z.unknown() });
export const HistoryMember = HistoryInfo.extend({ config: z.unknown() });
export const SipTlsMember = z.object({ certificateId: z.string().nullable() });
export { StoreIndex };

/** The admin account's scrypt hash, as the engine keeps it in admin.json. */
export const AdminCredential = z.object({
  user: z.string(),
  password: z.object({
    algorithm: z.literal('scrypt'),
    N: z.number(),
    r: z.number(),
    p: z.number(),
    salt: z.string(),
    hash: z.string(),
  }),
  changedAt: z.string(),
});
export type AdminCredential = z.infer<typeof AdminCredential>;

const PlacedSecret = z.object({
  path: z.array(z.union([z.string(), z.number().int().min(0)])),
  value: z.string(),
});

/** The plaintext of secrets.enc. */
export const SecretsPayload = z.object({
  configs: z.record(z.string(), z.array(PlacedSecret)),
  privateKeys: z.record(z.string(), z.string()),
  admin: AdminCredential.nullable(),
});
export type SecretsPayload = z.infer<typeof SecretsPayload>;

export function historyMemberName(version: number): string {
  return `config/history/${String(version).padStart(6, '0')}.json`;
}
