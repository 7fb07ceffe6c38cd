// Upgrades a config written for an older schema version, step by step, before it is validated. Each
// step takes the raw JSON of version n and returns that of version n + 1; the chain sets
// schemaVersion itself, so a step cannot forget to.
import { CONFIG_SCHEMA_VERSION } from '../versions.ts';

export interface ConfigMigration {
  /** The version this step reads; it produces version `from + 1`. */
  readonly from: number;
  /** What changed, in a line (kept in history and shown when the app upgrades a file). */
  readonly description: string;
  migrate(config: Record<string, unknown>): Record<string, unknown>;
}

/** Every step from version 1 on, in order. Empty while version 1 is the only version. */
export const CONFIG_MIGRATIONS: readonly ConfigMigration[] = [];

export interface MigrationError {
  path: string;
  message: string;
}

export type MigrationResult =
  | { ok: true; config: Record<string, unknown>; fromVersion: number; applied: string[] }
  | { ok: false; error: MigrationError };

export interface MigrateOptions {
  migrations?: readonly ConfigMigration[];
  currentVersion?: number;
}

/**
 * Brings a raw config up to `currentVersion`. Refuses a missing or malformed schemaVersion and a
 * version newer than this engine knows. The input is never changed.
 */
export function migrateConfig(raw: unknown, options: MigrateOptions = {}): MigrationResult {
  const migrations = options.migrations ?? CONFIG_MIGRATIONS;
  const current = options.currentVersion ?? CONFIG_SCHEMA_VERSION;
  checkChain(migrations, current);

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('', 'a configuration is a JSON object starting with "schemaVersion"');
  }
  const config = raw as Record<string, unknown>;
  if (!('schemaVersion' in config)) {
    return fail('schemaVersion', `schemaVersion is missing; this engine writes "schemaVersion": ${current}`);
  }
  const version = config.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'schemaVersion',
      `schemaVersion must be a whole number from 1 up, not ${describeValue(version)}`,
    );
  }
  if (version > current) {
    return fail(
      'schemaVersion',
      `this configuration is schema version ${version}, but this engine only knows versions up to ${current}; update the engine (or SBC Studio) first`,
    );
  }
  if (version === current) return { ok: true, config, fromVersion: version, applied: [] };

  let step: Record<string, unknown>;
  try {
    step = structuredClone(config);
  } catch {
    return fail('', 'the configuration holds values that are not plain JSON');
  }
  const applied: string[] = [];
  for (const migration of migrations.slice(version - 1)) {
    try {
      const next = migration.migrate(step);
      if (typeof next !== 'object' || next === null || Array.isArray(next))
        throw new Error('returned no object');
      step = { ...next, schemaVersion: migration.from + 1 };
    } catch (error) {
      return fail(
        'schemaVersion',
        `upgrading from schema version ${migration.from} to ${migration.from + 1} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    applied.push(`${migration.from} → ${migration.from + 1}: ${migration.description}`);
  }
  return { ok: true, config: step, fromVersion: version, applied };
}

/** A broken chain is a bug in the engine, not in the user's file: it throws. */
function checkChain(migrations: readonly ConfigMigration[], current: number): void {
  if (migrations.length !== current - 1) {
    throw new Error(
      `[config] ${migrations.length} migrations for schema version ${current}; expected ${current - 1}`,
    );
  }
  migrations.forEach((migration, i) => {
    if (migration.from !== i + 1) {
      throw new Error(`[config] migration ${i} reads version ${migration.from}; expected ${i + 1}`);
    }
  });
}

function fail(path: string, message: string): MigrationResult {
  return { ok: false, error: { path, message } };
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
