// Browser mode is guarded by a random token that is part of every path: the page lives at
// /s/<token>/, its assets and API socket beside it. No cookie: a cookie for 127.0.0.1 would also
// be sent to every other service on that host, whatever its port.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PATH_PREFIX = '/s/';

export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type TokenVerdict = { verdict: 'valid'; rest: string } | { verdict: 'missing' } | { verdict: 'wrong' };

/** Splits "/s/<token>/rest" and checks the token; rest keeps its leading "/". */
export function checkPathToken(pathname: string, expected: string): TokenVerdict {
  if (!pathname.startsWith(TOKEN_PATH_PREFIX)) return { verdict: 'missing' };
  const after = pathname.slice(TOKEN_PATH_PREFIX.length);
  const slash = after.indexOf('/');
  const token = slash < 0 ? after : after.slice(0, slash);
  if (!token) return { verdict: 'missing' };
  if (!tokensEqual(token, expected)) return { verdict: 'wrong' };
  return { verdict: 'valid', rest: slash < 0 ? '/' : after.slice(slash) };
}

export function tokenUrl(base: string, token: string): string {
  return `${base}${TOKEN_PATH_PREFIX}${token}/`;
}
