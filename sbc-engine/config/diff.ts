// What changed between two configs, as a list of paths an admin can find in the config pages:
// added, removed or changed, with the values before and after. Secrets show only that they
// changed, never a value. List elements that carry an id (connections, TLS profiles, routes) are
// matched by id, so moving a connection in the list is not reported as every field changing.
import type { Config } from './schema/index.ts';
import { configSecretPaths, EVERY, formatPath, SECRET_MARKER } from './schema/index.ts';

export interface ConfigChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  secret: boolean;
  before?: unknown;
  after?: unknown;
}

/** Stands in for a secret while diffing: equal secrets compare equal, and no value comes out. */
// Holds the value only to compare it; shown() never lets it out. No node:crypto, so the app's
// renderer may use this module too.
class SecretToken {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}

type Key = string | number;

export function diffConfigs(before: Config, after: Config): ConfigChange[] {
  const changes: ConfigChange[] = [];
  walk(tokenizeSecrets(before), tokenizeSecrets(after), [], changes);
  return changes;
}

function tokenizeSecrets(config: Config): unknown {
  const copy = structuredClone(config) as unknown;
  for (const pattern of configSecretPaths()) {
    const replace = (value: unknown, steps: typeof pattern): void => {
      if (typeof value !== 'object' || value === null) return;
      const [step, ...rest] = steps;
      const holder = value as Record<Key, unknown>;
      const keys: Key[] =
        step === EVERY
          ? Array.isArray(value)
            ? value.map((_, i) => i)
            : Object.keys(value)
          : [step as string];
      for (const key of keys) {
        if (!Object.hasOwn(holder, key)) continue;
        if (rest.length > 0) replace(holder[key], rest);
        else if (typeof holder[key] === 'string') holder[key] = new SecretToken(holder[key] as string);
      }
    };
    replace(copy, pattern);
  }
  return copy;
}

/** A value for the answer: secrets inside it become the marker. */
function shown(value: unknown): unknown {
  if (value instanceof SecretToken) return SECRET_MARKER;
  if (Array.isArray(value)) return value.map(shown);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shown(inner)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof SecretToken)
  );
}

function idOf(value: unknown): string | undefined {
  return isPlainObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

function equal(a: unknown, b: unknown): boolean {
  if (a instanceof SecretToken || b instanceof SecretToken) {
    return a instanceof SecretToken && b instanceof SecretToken && a.value === b.value;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => equal(a[key], b[key]));
  }
  return Object.is(a, b);
}

function record(
  changes: ConfigChange[],
  path: Key[],
  kind: ConfigChange['kind'],
  a: unknown,
  b: unknown,
): void {
  const secret = a instanceof SecretToken || b instanceof SecretToken;
  const change: ConfigChange = { path: formatPath(path), kind, secret };
  if (!secret) {
    if (kind !== 'added') change.before = shown(a);
    if (kind !== 'removed') change.after = shown(b);
  }
  changes.push(change);
}

function walk(a: unknown, b: unknown, path: Key[], changes: ConfigChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return record(changes, path, 'added', a, b);
  if (b === undefined) return record(changes, path, 'removed', a, b);
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(a[key], b[key], [...path, key], changes);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) return walkList(a, b, path, changes);
  if (!equal(a, b)) record(changes, path, 'changed', a, b);
}

function walkList(a: unknown[], b: unknown[], path: Key[], changes: ConfigChange[]): void {
  const ids = [...a, ...b].map(idOf);
  const byId = ids.length > 0 && ids.every((id) => id !== undefined);
  if (!byId) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i], changes);
    return;
  }
  const old = new Map(a.map((item, index) => [idOf(item)!, { item, index }]));
  b.forEach((item, index) => {
    const match = old.get(idOf(item)!);
    if (match) walk(match.item, item, [...path, index], changes);
    else record(changes, [...path, index], 'added', undefined, item);
  });
  const kept = new Set(b.map((item) => idOf(item)!));
  a.forEach((item, index) => {
    if (!kept.has(idOf(item)!)) record(changes, [...path, index], 'removed', item, undefined);
  });
}
