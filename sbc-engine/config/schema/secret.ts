// A secret in the config (a trunk password): stored by the engine, never read back through the API.
// Every secret field uses this schema, or one derived from it; sbc-engine/config/schema/secrets.ts finds
// them by walking the config schema for the `writeOnly` mark, so a secret added later is redacted
// without anyone keeping a list up to date. `writeOnly` is also JSON Schema's word for it.
import { z } from 'zod';

/** Stands in for a secret that is set: reads return it, writes that carry it keep the stored value. */
export const SECRET_MARKER = '(secret set, value hidden)';

export const Secret = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'at most 256 characters')
  .meta({
    writeOnly: true,
    description: `Write-only. Reads return "${SECRET_MARKER}"; send it back to keep the stored value.`,
  });

/** True for a schema marked as a secret, including schemas derived from `Secret` (e.g. `Secret.max(64)`). */
export function isSecretSchema(schema: z.core.$ZodType): boolean {
  return z.globalRegistry.get(schema)?.writeOnly === true;
}
