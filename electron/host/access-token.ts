// Browser mode is guarded by a random token that travels in the URL once and then in a cookie, so
// another local user or a web page cannot drive SBC Studio through its port.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'sbc_token';

export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

export type TokenVerdict = 'valid-url' | 'valid-cookie' | 'missing' | 'wrong';

/** A token in the URL wins over the cookie: a new URL from the console replaces an old cookie. */
export function checkRequestToken(request: IncomingMessage, url: URL, expected: string): TokenVerdict {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) return tokensEqual(fromUrl, expected) ? 'valid-url' : 'wrong';
  const fromCookie = cookieToken(request.headers.cookie);
  if (fromCookie === undefined) return 'missing';
  return tokensEqual(fromCookie, expected) ? 'valid-cookie' : 'wrong';
}
