// The hash algorithms of the HTTP Digest framework (RFC 7616 §3.4.2, §6.1) as SIP uses them
// (RFC 8760 §2.2). SHA-512-256 is recognised so that a challenge offering it parses, but this
// client does not compute it (RFC 8760 allows a UAC to support a subset).
import type { SupportedAlgorithm } from './types.ts';

const KNOWN = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'];

const SUPPORTED: readonly SupportedAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];

/** Algorithm tokens are case-insensitive (RFC 7616 §3.3); return the registry spelling. */
export function canonicalAlgorithm(token: string): string {
  const lower = token.toLowerCase();
  return KNOWN.find((name) => name.toLowerCase() === lower) ?? token;
}

export function isSupportedAlgorithm(name: string): name is SupportedAlgorithm {
  return (SUPPORTED as readonly string[]).includes(name);
}

/** "-sess" variants hash nonce and cnonce into A1 (RFC 7616 §3.4.2). */
export function isSessionAlgorithm(name: SupportedAlgorithm): boolean {
  return name.endsWith('-sess');
}

/** node:crypto name of the hash behind an algorithm. */
export function hashName(name: SupportedAlgorithm): 'md5' | 'sha256' {
  return name.startsWith('SHA-256') ? 'sha256' : 'md5';
}

/**
 * Preference among supported algorithms: RFC 8760 §2.4 has the UAC prefer SHA-256 over MD5.
 * Higher is better; unsupported algorithms rank 0.
 */
export function algorithmStrength(name: string): number {
  if (name === 'SHA-256' || name === 'SHA-256-sess') return 2;
  if (name === 'MD5' || name === 'MD5-sess') return 1;
  return 0;
}
