// What reading a certificate file yields. Plain data: it crosses the CLI's --json, the management
// API and the renderer. It never holds private key material, only a description of each key.
import type { Problem } from '../chain/problem.ts';

export type FileFormat = 'pem' | 'der-certificate' | 'der-key' | 'pkcs7' | 'pkcs12';

export interface SubjectAltNames {
  dns: string[];
  ip: string[];
  uri: string[];
}

export interface PublicKeyInfo {
  /** 'RSA', 'EC', 'Ed25519' ... */
  type: string;
  /** Modulus length for RSA, curve size for EC. */
  bits: number;
  /** NIST name of an EC curve ('P-256'), when EC. */
  curve?: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Serial number as upper-case hex, as openssl and Windows show it. */
  serial: string;
  subjectAltNames: SubjectAltNames;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired), counted from the `now` given. */
  daysLeft: number;
  key: PublicKeyInfo;
  signatureAlgorithm: string;
  isCA: boolean;
  /** RFC 5280 §4.2.1.3 key usage bits by name; empty when the extension is absent. */
  keyUsage: string[];
  /** RFC 5280 §4.2.1.12 extended key usages by name (serverAuth, clientAuth) or OID. */
  extendedKeyUsage: string[];
  selfSigned: boolean;
  sha256Fingerprint: string;
  sha1Fingerprint: string;
  pem: string;
}

export interface KeySummary extends PublicKeyInfo {
  /** Where the key was found: 'PEM line 31', 'PKCS#12'. */
  source: string;
  /** Index into `certificates` of the certificate this key belongs to, or null. */
  matchesCertificate: number | null;
}

export interface InspectResult {
  format: FileFormat;
  certificates: CertificateSummary[];
  keys: KeySummary[];
  problems: Problem[];
}

/** Input that cannot be read at all: garbage, truncated, wrong password. Nothing is half-imported. */
export class CertificateInputError extends Error {
  readonly format: string;

  constructor(format: string, message: string) {
    super(message);
    this.name = 'CertificateInputError';
    this.format = format;
  }
}
