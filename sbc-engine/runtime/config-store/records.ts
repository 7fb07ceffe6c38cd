// The files of the config store and how each is read. Every file is whole or absent (written with
// writeFileAtomic); one that fails to read is reported as damaged, never thrown at the caller,
// because the engine must boot whatever it finds in its data folder.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseConfig, type Config } from '../../config/schema/index.ts';
import { canonicalJson, sha256Hex } from './content-hash.ts';

export const STORE_FORMAT = 1;

export const VersionInfo = z.object({
  version: z.number().int().min(1),
  /** The admin account that applied it, or "engine" for a configuration the engine made itself. */
  author: z.string(),
  /** ISO time of the apply. */
  at: z.string(),
  comment: z.string(),
  /** SHA-256 of the config's canonical JSON: a damaged file shows as a mismatch. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Set when lint errors were overridden: the reason the admin gave. */
  overrideReason: z.string().optional(),
  /** Set for a rollback: the version whose config this one restored. */
  rollbackOf: z.number().int().optional(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

const VersionFile = VersionInfo.extend({ format: z.literal(STORE_FORMAT), config: z.unknown() });
const CurrentFile = z.object({
  format: z.literal(STORE_FORMAT),
  version: z.number().int().min(1),
  sha256: z.string(),
  config: z.unknown(),
});

export const PendingState = z.object({
  /** The version that runs on trial. */
  version: z.number().int().min(1),
  /** The confirmed version the engine goes back to. */
  revertTo: z.number().int().min(1),
  /** Epoch milliseconds after which the trial version is reverted. */
  deadline: z.number(),
});
export type PendingState = z.infer<typeof PendingState>;

export interface StoredConfig {
  info: VersionInfo;
  config: Config;
}

export type ReadResult<T> =
  { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

function readJson(path: string): ReadResult<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged', reason: (error as Error).message };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'damaged', reason: `not JSON (${(error as Error).message})` };
  }
}

/** The config inside a record: its hash must match and it must pass today's schema (after migration). */
function checkedConfig(
  raw: unknown,
  sha256: string,
): { ok: true; config: Config } | { ok: false; reason: string } {
  if (sha256Hex(canonicalJson(raw)) !== sha256)
    return { ok: false, reason: 'its content does not match its hash' };
  const parsed = parseConfig(raw);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    return { ok: false, reason: `not a valid config (${first.path || 'config'}: ${first.message})` };
  }
  return { ok: true, config: parsed.config };
}

export function readVersionFile(path: string): ReadResult<StoredConfig> {
  const json = readJson(path);
  if (json.kind !== 'ok') return json;
  const record = VersionFile.safeParse(json.value);
  if (!record.success) return { kind: 'damaged', reason: 'not a version record' };
  const { format: _format, config: raw, ...info } = record.data;
  const checked = checkedConfig(raw, info.sha256);
  if (!checked.ok) return { kind: 'damaged', reason: checked.reason };
  return { kind: 'ok', value: { info, config: checked.config } };
}

export function readCurrentFile(path: string): ReadResult<{ version: number; config: Config }> {
  const json = readJson(path);
  if (json.kind !== 'ok') return json;
  const record = CurrentFile.safeParse(json.value);
  if (!record.success) return { kind: 'damaged', reason: 'not a config record' };
  const checked = checkedConfig(record.data.config, record.data.sha256);
  if (!checked.ok) return { kind: 'damaged', reason: checked.reason };
  return { kind: 'ok', value: { version: record.data.version, config: checked.config } };
}

export function readPendingFile(path: string): ReadResult<PendingState> {
  const json = readJson(path);
  if (json.kind !== 'ok') return json;
  const record = PendingState.safeParse(json.value);
  return record.success
    ? { kind: 'ok', value: record.data }
    : { kind: 'damaged', reason: 'not a pending record' };
}

export function versionFileText(info: VersionInfo, config: Config): string {
  return JSON.stringify({ format: STORE_FORMAT, ...info, config }, null, 2) + '\n';
}

export function currentFileText(version: number, sha256: string, config: Config): string {
  return JSON.stringify({ format: STORE_FORMAT, version, sha256, config }, null, 2) + '\n';
}
