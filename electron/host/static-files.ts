// The built UI's files, for both ways of showing it: the desktop window's app:// protocol and
// browser mode's HTTP host. One resolver, so both refuse the same escapes.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under root that a URL path (still %-encoded) names, or undefined for a path that would
 * leave root (also through %2e%2e or %5c), a NUL byte, or a file type the UI does not have.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const inside = relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    return undefined;
  return CONTENT_TYPES[extname(file).toLowerCase()] ? file : undefined;
}

export async function readStatic(
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  const path = resolveInside(root, urlPath);
  if (!path) return undefined;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return { body: await readFile(path), type: CONTENT_TYPES[extname(path).toLowerCase()]! };
  } catch {
    return undefined;
  }
}
