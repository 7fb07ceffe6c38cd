// The order a bundle lists its certificates in. TLS wants the leaf first and each certificate
// followed by its issuer (RFC 5246 §7.4.2; RFC 8446 §4.4.2 tolerates more, many SIP stacks do not).
import type { X509Certificate } from 'node:crypto';
import { label } from './checks.ts';
import { problem, type Problem } from './problem.ts';

export function checkOrder(chain: readonly X509Certificate[], pool: readonly X509Certificate[]): Problem[] {
  const positions = chain
    .map((cert) => pool.findIndex((c) => c.fingerprint256 === cert.fingerprint256))
    .filter((index) => index >= 0);
  const inOrder = positions.every((position, i) => i === 0 || position > positions[i - 1]!);
  if (inOrder) return [];
  const found = [...positions].sort((a, b) => a - b).map((index) => label(pool[index]!));
  const fixed = chain.filter((cert) => pool.some((c) => c.fingerprint256 === cert.fingerprint256)).map(label);
  return [problem('wrong-order', 'warning',
    `the file lists the chain out of order (${found.join(' → ')}); it was put in the order peers expect, leaf first: ${fixed.join(' → ')}`)]; // prettier-ignore
}
