// Certificate files as the engine's API takes them, and the files the page offers to save. Pure,
// so the rules are tested without a browser.

/**
 * What to send for a file the user picked: PEM stays text (the engine reads every block in it);
 * anything else (DER, PKCS#7 .p7b, PKCS#12 .pfx) goes as base64 of the bytes.
 */
export function fileToPayload(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(
    bytes.subarray(0, Math.min(bytes.length, 64 * 1024)),
  );
  if (head.includes('-----BEGIN ') && bytes.length <= 64 * 1024) return head;
  if (head.includes('-----BEGIN ')) return new TextDecoder().decode(bytes);
  return toBase64(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The engine accepts files up to this size (its body limit is 1 MiB; base64 grows by a third). */
export const MAX_CERTIFICATE_FILE_BYTES = 700 * 1024;

/** A file name made from a label: letters, digits, dot, dash and underscore; never empty. */
export function fileNameFor(label: string, extension: 'csr' | 'pem' | 'crt'): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${base || 'certificate'}.${extension}`;
}

/** The public part of an entry as one PEM file: leaf first, then its chain (what a peer is sent). */
export function chainPem(pems: string[]): string {
  return pems.map((pem) => (pem.endsWith('\n') ? pem : `${pem}\n`)).join('');
}
