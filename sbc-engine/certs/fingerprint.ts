import { X509Certificate } from 'node:crypto';

/** SHA-256 fingerprint as colon-separated upper-case hex, the form Node, openssl and browsers show. */
export function fingerprintOfPem(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** The first bytes of a fingerprint, as printed on the engine's console for the user to compare. */
export function fingerprintPrefix(fingerprint: string, bytes = 8): string {
  return fingerprint.split(':').slice(0, bytes).join(':');
}

/** Accepts a fingerprint typed or pasted in any common form and returns the canonical one. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}
