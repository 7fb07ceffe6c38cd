// What the Certificates page shows for an engine's certificate store, decided from the listing
// alone, so the rules (expiry badge, which columns say what) are tested without rendering.
import type { EngineView, Output } from '../../../electron/api/contract.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import { certificateUses, describeUses } from './certificateUses.ts';

export type CertificateListing = Output<'certificates.list'>;
type OwnEntry = CertificateListing['own'][number];
type TrustedEntry = CertificateListing['trustedCas'][number];

/** Under this many days left a certificate gets a warning: time to order the next one. */
export const EXPIRY_WARNING_DAYS = 30;

export type Expiry = 'ok' | 'soon' | 'expired';

/** The engine counts whole days (floor), so a certificate past its notAfter has daysLeft < 0. */
export function expiryOf(daysLeft: number): Expiry {
  if (daysLeft < 0) return 'expired';
  if (daysLeft < EXPIRY_WARNING_DAYS) return 'soon';
  return 'ok';
}

/** The CN of a one-line name ("C=DE, O=Example, CN=sbc.example.com"); the whole name without one. */
export function commonNameOf(subject: string): string {
  const cn = subject
    .split(/,\s*/)
    .reverse()
    .find((part) => part.startsWith('CN='));
  return cn ? cn.slice(3) : subject;
}

/** "RSA 2048", "EC 256 (P-256)". */
export function describeKey(key: { type: string; bits: number; curve?: string }): string {
  const base = `${key.type.toUpperCase()} ${key.bits}`;
  return key.curve ? `${base} (${key.curve})` : base;
}

export interface OwnRow {
  id: string;
  label: string;
  state: 'pending' | 'issued';
  /** From the certificate when issued, from the request while pending. */
  commonName: string;
  subjectAltNames: string[];
  issuer?: string;
  notAfter?: string;
  daysLeft?: number;
  expiry?: Expiry;
  key?: string;
  /** The algorithm asked for while the request waits for its certificate. */
  requestedAlgorithm?: string;
  sha256?: string;
  sha1?: string;
  usedForSipTls: boolean;
  /** The request as sent to the CA, while pending. */
  csrPem?: string;
  /** The public certificates a peer gets, leaf first: what "Export" saves. */
  publicPems: string[];
  /** The listeners and connections that present it, from the engine's config. */
  usedBy: string[];
}

export function ownRow(entry: OwnEntry, sipTlsCertificateId: string | null, usedBy: string[] = []): OwnRow {
  const cert = entry.certificate;
  const usedForSipTls = entry.id === sipTlsCertificateId;
  if (!cert) {
    return {
      id: entry.id,
      label: entry.label,
      state: entry.state,
      commonName: entry.request?.commonName ?? '',
      subjectAltNames: entry.request?.dnsNames ?? [],
      ...(entry.request ? { requestedAlgorithm: entry.request.algorithm } : {}),
      ...(entry.csrPem ? { csrPem: entry.csrPem } : {}),
      usedForSipTls,
      publicPems: [],
      usedBy,
    };
  }
  const sans = cert.subjectAltNames;
  return {
    id: entry.id,
    label: entry.label,
    state: entry.state,
    commonName: commonNameOf(cert.subject),
    subjectAltNames: [...sans.dns, ...sans.ip, ...sans.uri],
    issuer: cert.issuer,
    notAfter: cert.notAfter,
    daysLeft: cert.daysLeft,
    expiry: expiryOf(cert.daysLeft),
    key: describeKey(cert.key),
    sha256: cert.sha256Fingerprint,
    sha1: cert.sha1Fingerprint,
    usedForSipTls,
    publicPems: [cert.pem, ...entry.chain.map((link) => link.pem)],
    usedBy,
  };
}

export interface TrustedRow {
  id: string;
  label: string;
  subject: string;
  notAfter: string;
  daysLeft: number;
  expiry: Expiry;
  sha256: string;
  pem: string;
  /** The listeners and connections whose TLS profile trusts it. */
  usedBy: string[];
}

export function trustedRow(entry: TrustedEntry, usedBy: string[] = []): TrustedRow {
  const cert = entry.certificate;
  return {
    id: entry.id,
    label: entry.label,
    subject: cert.subject,
    notAfter: cert.notAfter,
    daysLeft: cert.daysLeft,
    expiry: expiryOf(cert.daysLeft),
    sha256: cert.sha256Fingerprint,
    pem: cert.pem,
    usedBy,
  };
}

export function listingRows(
  listing: CertificateListing,
  config?: Config,
): { own: OwnRow[]; trusted: TrustedRow[] } {
  const uses = certificateUses(config, listing.sipTlsCertificateId);
  return {
    own: listing.own.map((entry) =>
      ownRow(entry, listing.sipTlsCertificateId, describeUses(uses.own.get(entry.id))),
    ),
    trusted: listing.trustedCas.map((entry) => trustedRow(entry, describeUses(uses.trusted.get(entry.id)))),
  };
}

/** Only a logged-in engine can be asked for its certificates. */
export function connectedEngines(engines: EngineView[]): EngineView[] {
  return engines.filter((engine) => engine.state === 'connected');
}

/** Keeps the user's choice while that engine stays connected; otherwise the first connected one. */
export function pickEngine(connected: EngineView[], chosenId: string | undefined): string | undefined {
  if (chosenId && connected.some((engine) => engine.id === chosenId)) return chosenId;
  return connected[0]?.id;
}

export type BadgeColor = 'success' | 'warning' | 'danger';

export interface ExpiryBadge {
  /** Key in the 'certificates' namespace (plural forms by count). */
  labelKey: string;
  count: number;
  color: BadgeColor;
}

const EXPIRY_COLORS: Record<Expiry, BadgeColor> = { ok: 'success', soon: 'warning', expired: 'danger' };

export function expiryBadge(daysLeft: number): ExpiryBadge {
  const expiry = expiryOf(daysLeft);
  return {
    labelKey: expiry === 'expired' ? 'expiry.expired' : 'expiry.daysLeft',
    count: Math.max(0, daysLeft),
    color: EXPIRY_COLORS[expiry],
  };
}
