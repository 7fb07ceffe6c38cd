// What list() shows: public facts only. No key material, no key file paths.
import { X509Certificate } from 'node:crypto';
import { summarizeCertificate } from '../inspect/summary.ts';
import type { CertificateSummary } from '../inspect/types.ts';
import type { OwnEntry, TrustedCa } from './schema.ts';

export interface OwnSummary {
  id: string;
  label: string;
  createdAt: string;
  /** 'pending': the request waits for the CA's answer; 'issued': usable for TLS. */
  state: 'pending' | 'issued';
  request?: { algorithm: string; commonName: string; dnsNames: string[] };
  /** The PEM request, public: what the admin sends to the CA. */
  csrPem?: string;
  certificate?: CertificateSummary;
  chain: CertificateSummary[];
}

export interface TrustedSummary {
  id: string;
  label: string;
  createdAt: string;
  certificate: CertificateSummary;
}

export interface StoreListing {
  own: OwnSummary[];
  trustedCas: TrustedSummary[];
}

function summarize(pem: string): CertificateSummary {
  return summarizeCertificate(new X509Certificate(pem), new Date());
}

export function summarizeOwn(entry: OwnEntry): OwnSummary {
  return {
    id: entry.id,
    label: entry.label,
    createdAt: entry.createdAt,
    state: entry.leafPem ? 'issued' : 'pending',
    ...(entry.request ? { request: entry.request } : {}),
    ...(entry.csrPem ? { csrPem: entry.csrPem } : {}),
    ...(entry.leafPem ? { certificate: summarize(entry.leafPem) } : {}),
    chain: entry.chainPems.map((pem) => summarize(pem)),
  };
}

export function summarizeTrusted(entry: TrustedCa): TrustedSummary {
  return {
    id: entry.id,
    label: entry.label,
    createdAt: entry.createdAt,
    certificate: summarize(entry.certPem),
  };
}
