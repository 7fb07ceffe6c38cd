// Reading and changing a config draft at a path (['connections', 2, 'targets', 0, 'port']) without
// mutating it: every edit yields a new object, which makes undo a matter of keeping the old one.
import { formatPath } from '../../../sbc-engine/config/schema/parse.ts';

export type ConfigPath = readonly (string | number)[];

/** The path as parseConfig and the linter write it: connections[2].targets[0].port. */
export function pathText(path: ConfigPath): string {
  return formatPath(path);
}

export function getAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function copyOf(node: unknown, key: string | number): Record<string | number, unknown> | unknown[] {
  if (Array.isArray(node)) return [...node];
  if (node !== null && typeof node === 'object') return { ...(node as Record<string, unknown>) };
  return typeof key === 'number' ? [] : {};
}

/** A new root with `value` at `path`; `undefined` removes an object key. */
export function setAt(root: unknown, path: ConfigPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = copyOf(root, key) as Record<string | number, unknown>;
  const next = setAt(copy[key], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = next;
  return copy;
}

export function removeAt(root: unknown, path: ConfigPath): unknown {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = getAt(root, parentPath);
  if (Array.isArray(parent) && typeof key === 'number') {
    return setAt(
      root,
      parentPath,
      parent.filter((_item, index) => index !== key),
    );
  }
  return setAt(root, path, undefined);
}

/** Moves a list item up (-1) or down (+1); a move past either end changes nothing. */
export function moveAt(root: unknown, path: ConfigPath, by: -1 | 1): unknown {
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  const list = getAt(root, parentPath);
  if (!Array.isArray(list) || typeof index !== 'number') return root;
  const target = index + by;
  if (target < 0 || target >= list.length) return root;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return setAt(root, parentPath, copy);
}
