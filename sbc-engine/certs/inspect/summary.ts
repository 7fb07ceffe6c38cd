// Turns a parsed certificate into the summary admins compare with their CA's portal and with
// Windows' certificate dialog: names, validity, key, usage and both fingerprints.
import 'reflect-metadata'; // @peculiar/x509 needs the Reflect polyfill before it loads
import * as x509 from '@peculiar/x509';
import type { X509Certificate } from 'node:crypto';
import { describeKey } from './key-info.ts';
import type { CertificateSummary, SubjectAltNames } from './types.ts';

const DAY_MS = 86_400_000;

// RFC 5280 §4.2.1.12 and RFC 3280's id-kp arc.
const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

// RFC 5280 §4.2.1.3 bit names, in the order of @peculiar/x509's KeyUsageFlags.
const KEY_USAGE_NAMES = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
]; // prettier-ignore

export function parseAltNames(text: string | undefined): SubjectAltNames {
  const names: SubjectAltNames = { dns: [], ip: [], uri: [] };
  for (const part of (text ?? '').split(/,\s*/)) {
    if (part.startsWith('DNS:')) names.dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) names.ip.push(part.slice(11));
    else if (part.startsWith('URI:')) names.uri.push(part.slice(4));
  }
  return names;
}

/** Node prints a DN one attribute per line; admins read it comma-separated. */
export function oneLineName(name: string): string {
  return name.split('\n').join(', ');
}

export function commonNameOf(name: string): string | undefined {
  return name
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3);
}

export function extendedKeyUsages(cert: X509Certificate): string[] {
  return (cert.keyUsage ?? []).map((oid) => EKU_NAMES[oid] ?? oid);
}

// RFC 5280 §3.2/§6.1: self-issued (subject = issuer) and signed by its own key. Not checkIssued:
// that also demands keyCertSign, which a self-signed server certificate usually lacks.
export function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.verify(cert.publicKey);
}

// HashedAlgorithm is typed against the DOM's Algorithm, which our Node-only lib settings lack.
function signatureAlgorithmName(algorithm: x509.HashedAlgorithm): string {
  const { name = 'unknown', hash } = algorithm as { name?: string; hash?: { name?: string } };
  const hashName = hash?.name ?? '';
  const shown = name === 'RSASSA-PKCS1-v1_5' ? 'RSA' : name;
  return hashName ? `${shown} with ${hashName}` : shown;
}

function pemOf(cert: X509Certificate): string {
  return cert.toString().replace(/\r?\n?$/, '\n');
}

export function summarizeCertificate(cert: X509Certificate, now: Date): CertificateSummary {
  const parsed = new x509.X509Certificate(cert.raw);
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  const notAfter = cert.validToDate;
  return {
    subject: oneLineName(cert.subject),
    issuer: oneLineName(cert.issuer),
    serial: cert.serialNumber.toUpperCase(),
    subjectAltNames: parseAltNames(cert.subjectAltName),
    notBefore: cert.validFromDate.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    key: describeKey(cert.publicKey),
    signatureAlgorithm: signatureAlgorithmName(parsed.signatureAlgorithm),
    isCA: cert.ca,
    keyUsage: keyUsage ? KEY_USAGE_NAMES.filter((_, bit) => keyUsage.usages & (1 << bit)) : [],
    extendedKeyUsage: extendedKeyUsages(cert),
    selfSigned: isSelfSigned(cert),
    sha256Fingerprint: cert.fingerprint256,
    sha1Fingerprint: cert.fingerprint,
    pem: pemOf(cert),
  };
}
