// The one door into a config: migrate, validate, and report every problem with the path an admin can
// find in the file (connections[2].targets[0].port).
import type { z } from 'zod';
import { CONFIG_SCHEMA_VERSION } from '../versions.ts';
import { Config } from './config.ts';
import { migrateConfig } from './migrations.ts';

export interface ConfigError {
  /** Where the problem is, e.g. "connections[2].targets[0].port"; "" for the config as a whole. */
  path: string;
  message: string;
}

export type ParseConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };

/** Upgrades an older config, then validates it. Never throws for any input: a result always comes back. */
export function parseConfig(raw: unknown): ParseConfigResult {
  const migrated = migrateConfig(raw);
  if (!migrated.ok) return { ok: false, errors: [migrated.error] };
  // reportInput tells a missing field (input undefined) from a wrong one; inputs never reach messages.
  const parsed = Config.safeParse(migrated.config, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

/** A valid config with nothing configured yet: default listeners, media and logging, no connections. */
export function defaultConfig(): Config {
  return Config.parse({ schemaVersion: CONFIG_SCHEMA_VERSION });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  collect(issues, [], (path, message) => {
    const error = { path: formatPath(path), message };
    const key = `${error.path}\n${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  });
  return errors;
}

function collect(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  add: (path: readonly PropertyKey[], message: string) => void,
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        add([...path, key], 'unknown field (a typo, or a field of a newer version?)');
    } else if (issue.code === 'invalid_union') {
      // When one alternative fits better than the others (the right keys, a wrong value), its own
      // problems say more than "expected one of".
      const best = closestAlternative(issue.errors);
      if (best) collect(best, path, add);
      else add(path, issue.message);
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      add(path, 'missing');
    } else {
      add(path, issue.message);
    }
  }
}

function closestAlternative(
  alternatives: readonly (readonly z.core.$ZodIssue[])[],
): readonly z.core.$ZodIssue[] | null {
  if (alternatives.length === 0) return null;
  const counts = alternatives.map((issues) => issues.length);
  const fewest = Math.min(...counts);
  if (counts.filter((count) => count === fewest).length !== 1) return null;
  return alternatives[counts.indexOf(fewest)]!;
}
