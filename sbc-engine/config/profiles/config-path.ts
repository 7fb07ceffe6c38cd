// Paths into a config as people write them ("connections[0].targets[1].port"), for profile settings
// and the CLI's --set. Setting a value creates the objects on the way but never invents list
// elements beyond the end, so a typo shows up as "unknown field" at its own path, not as a hole.
import { formatPath } from '../schema/parse.ts';

export type PathKey = string | number;
export type PathResult = { ok: true; keys: PathKey[] } | { ok: false; message: string };

// Names that would reach Object.prototype instead of a field.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const SEGMENT = /^([A-Za-z_$][\w$]*)((?:\[\d{1,6}\])*)$/;

/** Splits "a.b[2].c" into ["a", "b", 2, "c"]. */
export function parseConfigPath(text: string): PathResult {
  if (text === '') return { ok: false, message: 'the path is empty' };
  const keys: PathKey[] = [];
  for (const segment of text.split('.')) {
    const match = SEGMENT.exec(segment);
    if (!match) {
      return {
        ok: false,
        message: `"${text}" is not a config path: "${segment}" should be a field name with optional [index], e.g. connections[0].name`,
      };
    }
    if (FORBIDDEN.has(match[1]!)) return { ok: false, message: `"${match[1]}" is not a config field` };
    keys.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return { ok: true, keys };
}

export type SetResult = { ok: true } | { ok: false; path: string; message: string };

/** Sets `value` at `keys` inside `root` (changed in place). */
export function setAtPath(
  root: Record<string, unknown>,
  keys: readonly PathKey[],
  value: unknown,
): SetResult {
  let holder: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const here = formatPath(keys.slice(0, i + 1));
    const last = i === keys.length - 1;
    if (typeof key === 'number') {
      if (!Array.isArray(holder)) {
        return {
          ok: false,
          path: here,
          message: `${formatPath(keys.slice(0, i)) || 'the config'} is not a list`,
        };
      }
      if (key > holder.length) {
        return {
          ok: false,
          path: here,
          message: `the list has ${holder.length} entries: use an index from 0 to ${holder.length}`,
        };
      }
    } else if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) {
      return { ok: false, path: here, message: `${formatPath(keys.slice(0, i))} holds a value, not fields` };
    }
    const container = holder as Record<PathKey, unknown>;
    if (last) {
      container[key] = value;
      return { ok: true };
    }
    if (container[key] === undefined || container[key] === null) {
      container[key] = typeof keys[i + 1] === 'number' ? [] : {};
    }
    holder = container[key];
  }
  return { ok: true };
}

/** The value at `keys`, or undefined. */
export function getAtPath(root: unknown, keys: readonly PathKey[]): unknown {
  let holder = root;
  for (const key of keys) {
    if (typeof holder !== 'object' || holder === null) return undefined;
    holder = (holder as Record<PathKey, unknown>)[key];
  }
  return holder;
}
