// Checks on single certificates of a chain: validity period, key size, usage and name.
import type { X509Certificate } from 'node:crypto';
import { describeKey } from '../inspect/key-info.ts';
import { commonNameOf, oneLineName } from '../inspect/summary.ts';
import { checkCertificateName, namesFromAltNames, type NameCheck } from '../name-match.ts';
import { problem, type Problem } from './problem.ts';

export type Purpose = 'server' | 'client';

const EKU_OIDS: Record<Purpose, string> = { server: '1.3.6.1.5.5.7.3.1', client: '1.3.6.1.5.5.7.3.2' };
const EKU_NAMES: Record<Purpose, string> = { server: 'serverAuth', client: 'clientAuth' };
const ANY_EKU = '2.5.29.37.0';
// NIST SP 800-131A and the CA/Browser Forum baseline: RSA 2048 bits, EC P-256 at least.
const MIN_BITS: Record<string, number> = { RSA: 2048, 'RSA-PSS': 2048, EC: 256 };

export function label(cert: X509Certificate): string {
  return oneLineName(cert.subject);
}

function day(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** RFC 5280 §4.1.2.5: a certificate is valid from notBefore to notAfter inclusive. */
export function checkValidity(cert: X509Certificate, now: Date, role: string): Problem[] {
  const subject = label(cert);
  if (now < cert.validFromDate)
    return [
      problem(
        'not-yet-valid',
        'error',
        `the ${role} ${subject} is not valid yet: it starts on ${day(cert.validFromDate)} (check the clock of this machine, too)`,
        subject,
      ),
    ];
  if (now > cert.validToDate)
    return [
      problem('expired', 'error', `the ${role} ${subject} expired on ${day(cert.validToDate)}`, subject),
    ];
  return [];
}

export function checkKeySize(cert: X509Certificate, role: string): Problem[] {
  const key = describeKey(cert.publicKey);
  const minimum = MIN_BITS[key.type];
  if (minimum === undefined || key.bits >= minimum) return [];
  const subject = label(cert);
  return [
    problem(
      'key-too-small',
      'error',
      `the ${role} ${subject} has a ${key.bits}-bit ${key.type} key; peers refuse keys under ${minimum} bits: make a new key and request a new certificate`,
      subject,
    ),
  ];
}

/** RFC 5280 §4.2.1.12: when the EKU extension is present, the purpose (or anyExtendedKeyUsage) must be listed. */
export function checkPurpose(leaf: X509Certificate, purpose: Purpose): Problem[] {
  const usages = leaf.keyUsage ?? [];
  const subject = label(leaf);
  const wanted = EKU_NAMES[purpose];
  if (!usages.length)
    return [
      problem(
        'no-eku',
        'warning',
        `the certificate ${subject} lists no extended key usage; RFC 5280 then allows any use, but some peers insist on ${wanted}`,
        subject,
      ),
    ];
  if (usages.includes(EKU_OIDS[purpose]) || usages.includes(ANY_EKU)) return [];
  const role = purpose === 'server' ? 'a TLS server' : 'a TLS client (mutual TLS)';
  return [
    problem(
      'missing-eku',
      'error',
      `the certificate ${subject} is not allowed to act as ${role}: its extended key usage lacks ${wanted}; request it with the "${wanted}" usage (a web server template does this)`,
      subject,
    ),
  ];
}

export function checkName(leaf: X509Certificate, expected: string, mode: NameCheck): Problem[] {
  const names = namesFromAltNames(leaf.subjectAltName, commonNameOf(leaf.subject));
  const why = checkCertificateName(names, expected, mode);
  return why ? [problem('name-mismatch', 'error', `name check (${mode}): ${why}`, label(leaf))] : [];
}

/** RFC 5280 §4.2.1.9: only a CA certificate may issue others. */
export function checkIssuerIsCa(cert: X509Certificate): Problem[] {
  if (cert.ca) return [];
  const subject = label(cert);
  return [
    problem(
      'issuer-not-ca',
      'error',
      `${subject} signs another certificate of the chain but is not a CA certificate (basicConstraints CA:FALSE)`,
      subject,
    ),
  ];
}
