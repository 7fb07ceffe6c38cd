// Secrets are write-only through the API: reads carry SECRET_MARKER in their place, and a write that
// carries the marker keeps the stored value. The secret fields are found by walking the schema for
// fields marked with `Secret` (secret.ts), so a new secret field needs no change here.
import type { z } from 'zod';
import { Config } from './config.ts';
import { formatPath, type ConfigError } from './parse.ts';
import { isSecretSchema, SECRET_MARKER } from './secret.ts';

/** One step of a secret's location: an object key, or "every element" of a list. */
export type SecretPathStep = string | typeof EVERY;
export const EVERY: unique symbol = Symbol('every element');

/** Where secrets can sit in a schema, e.g. ['connections', EVERY, 'registration', 'password']. */
export function findSecretPaths(schema: z.core.$ZodType): SecretPathStep[][] {
  const found: SecretPathStep[][] = [];
  const visiting = new Set<z.core.$ZodType>();
  const walk = (node: z.core.$ZodType, path: SecretPathStep[]) => {
    if (isSecretSchema(node)) {
      found.push(path);
      return;
    }
    if (visiting.has(node)) return; // a recursive schema: its secrets were found on the first pass
    visiting.add(node);
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
          walk(child, [...path, key]);
        }
        break;
      case 'array':
        walk(def.element as z.core.$ZodType, [...path, EVERY]);
        break;
      case 'record':
        walk(def.valueType as z.core.$ZodType, [...path, EVERY]);
        break;
      case 'union':
        for (const option of def.options as z.core.$ZodType[]) walk(option, path);
        break;
      case 'intersection':
        walk(def.left as z.core.$ZodType, path);
        walk(def.right as z.core.$ZodType, path);
        break;
      case 'pipe':
        walk(def.in as z.core.$ZodType, path);
        walk(def.out as z.core.$ZodType, path);
        break;
      case 'lazy':
        walk((def.getter as () => z.core.$ZodType)(), path);
        break;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        walk(def.innerType as z.core.$ZodType, path);
        break;
    }
    visiting.delete(node);
  };
  walk(schema, []);
  return dedupe(found);
}

const CONFIG_SECRET_PATHS = findSecretPaths(Config);

/** The secret locations of the engine config, for the app's forms and for tests. */
export function configSecretPaths(): SecretPathStep[][] {
  return CONFIG_SECRET_PATHS.map((path) => [...path]);
}

/** A copy of the config with every secret that is set replaced by SECRET_MARKER. */
export function redactSecrets(config: Config): Config {
  const copy = structuredClone(config);
  for (const path of CONFIG_SECRET_PATHS) {
    visit(copy, path, [], (holder, key) => {
      if (typeof holder[key] === 'string') holder[key] = SECRET_MARKER;
    });
  }
  return copy;
}

export type MergeSecretsResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };

/**
 * Puts stored secrets back where `incoming` carries SECRET_MARKER. List elements are matched by
 * their `id` (a connection moved or renamed in the list keeps its password only under its old id),
 * and by position where they have none. A marker with nothing stored behind it is an error naming
 * the field: the user has to type the secret.
 */
export function mergeSecrets(incoming: Config, stored: Config | null): MergeSecretsResult {
  const merged = structuredClone(incoming);
  const errors: ConfigError[] = [];
  for (const path of CONFIG_SECRET_PATHS) {
    visit(merged, path, [], (holder, key, where) => {
      if (holder[key] !== SECRET_MARKER) return;
      const kept = stored === null ? undefined : lookUp(stored, incoming, where);
      if (typeof kept === 'string' && kept !== SECRET_MARKER) holder[key] = kept;
      else {
        errors.push({
          path: formatPath(where),
          message: 'no stored value to keep: the field says "keep the secret" but none is set; enter it',
        });
      }
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, config: merged };
}

type Holder = Record<string | number, unknown>;

/** Calls `found` for each place `path` reaches in `value`, with the concrete path taken. */
function visit(
  value: unknown,
  path: readonly SecretPathStep[],
  where: (string | number)[],
  found: (holder: Holder, key: string | number, where: (string | number)[]) => void,
): void {
  if (typeof value !== 'object' || value === null) return;
  const [step, ...rest] = path;
  if (step === undefined) return;
  const holder = value as Holder;
  const keys: (string | number)[] =
    step === EVERY ? (Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)) : [step];
  for (const key of keys) {
    if (!Object.hasOwn(holder, key)) continue;
    if (rest.length === 0) found(holder, key, [...where, key]);
    else visit(holder[key], rest, [...where, key], found);
  }
}

/** The value in `stored` at the place `where` names in `incoming`, matching list elements by id. */
function lookUp(stored: unknown, incoming: unknown, where: readonly (string | number)[]): unknown {
  let theirs = stored;
  let ours = incoming;
  for (const key of where) {
    if (typeof theirs !== 'object' || theirs === null || typeof ours !== 'object' || ours === null) {
      return undefined;
    }
    const next = (ours as Holder)[key];
    if (Array.isArray(theirs) && typeof key === 'number') {
      const id = idOf(next);
      theirs = id === undefined ? theirs[key] : theirs.find((element) => idOf(element) === id);
    } else {
      theirs = Object.hasOwn(theirs, key) ? (theirs as Holder)[key] : undefined;
    }
    ours = next;
  }
  return theirs;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function dedupe(paths: SecretPathStep[][]): SecretPathStep[][] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = path.map((step) => (step === EVERY ? '[*]' : `.${step}`)).join('');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
