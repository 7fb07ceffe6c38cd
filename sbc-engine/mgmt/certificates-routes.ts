// The certificate routes of the management API (/api/v1/certificates...), spread into the one
// contract table in contract.ts. Only schemas live here: no runtime import of contract.ts, so the
// two modules do not load each other in a circle. Key material never appears in an answer.
import { z } from 'zod';
import type { RouteSpec } from './contract.ts';

function certRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

// Listed again rather than imported: csr/create.ts loads @peculiar/x509, and this table is also
// read by the app (main, preload, renderer types). certificates-service.ts checks, at compile time,
// that this list and KEY_ALGORITHMS are the same.
export const REQUEST_ALGORITHMS = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384'] as const;

const NoBody = z.object({}).strict();
const Id = z.string().regex(/^[0-9a-f]{16}$/, 'expected the 16 hex digits of a certificate entry id');
const Label = z.string().min(1, 'give the entry a label').max(200);
/** A certificate file as text: PEM as it is, or DER/PKCS#7/PKCS#12 bytes as base64. */
const FileText = z.string().min(1, 'paste or upload the certificate file').max(1_000_000);
const NameProblem = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
});
const ChainProblem = NameProblem.extend({ subject: z.string().optional() });

export const CertificateSummary = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  subjectAltNames: z.object({ dns: z.array(z.string()), ip: z.array(z.string()), uri: z.array(z.string()) }),
  notBefore: z.string(),
  notAfter: z.string(),
  daysLeft: z.number(),
  key: z.object({ type: z.string(), bits: z.number(), curve: z.string().optional() }),
  signatureAlgorithm: z.string(),
  isCA: z.boolean(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  selfSigned: z.boolean(),
  sha256Fingerprint: z.string(),
  sha1Fingerprint: z.string(),
  pem: z.string(),
});

export const OwnCertificate = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  state: z.enum(['pending', 'issued']),
  request: z
    .object({ algorithm: z.string(), commonName: z.string(), dnsNames: z.array(z.string()) })
    .optional(),
  csrPem: z.string().optional(),
  certificate: CertificateSummary.optional(),
  chain: z.array(CertificateSummary),
});

export const TrustedCertificate = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  certificate: CertificateSummary,
});

export const CertificateListing = z.object({
  own: z.array(OwnCertificate),
  trustedCas: z.array(TrustedCertificate),
  /** The own entry the SIP TLS listeners serve; null while they serve the management certificate. */
  sipTlsCertificateId: z.string().nullable(),
});
export type CertificateListing = z.infer<typeof CertificateListing>;

/** What an import did to the chain: roots set aside (never sent), problems still found. */
export const ChainResult = z.object({
  setAsideRoots: z.array(z.string()),
  problems: z.array(ChainProblem),
});

/** A root shipped with the engine (resources/ca), and whether the trusted CAs already hold it. */
export const BundledRootView = z.object({
  name: z.string(),
  available: z.boolean(),
  why: z.string(),
  /** Why an unavailable root is missing from the bundle. */
  reason: z.string().optional(),
  sha256: z.string().optional(),
  notAfter: z.string().optional(),
  expired: z.boolean(),
  trusted: z.boolean(),
});
export const BundledRootsListing = z.object({ roots: z.array(BundledRootView) });
export type BundledRootsListing = z.infer<typeof BundledRootsListing>;
export const BundledRootBody = z.object({ name: z.string().min(1).max(200) }).strict();

export const StatusCertificate = z.object({ id: z.string(), label: z.string(), daysLeft: z.number() });
export type StatusCertificate = z.infer<typeof StatusCertificate>;

export const CreateRequestBody = z
  .object({
    label: Label,
    algorithm: z.enum(REQUEST_ALGORITHMS),
    commonName: z.string().min(1).max(253),
    dnsNames: z.array(z.string().max(253)).min(1, 'add at least one DNS name').max(100),
  })
  .strict();
export const CreateRequestResult = z.object({
  id: z.string(),
  csrPem: z.string(),
  nameProblems: z.array(NameProblem),
});
export const IdPemBody = z.object({ id: Id, pem: FileText }).strict();
export const Pkcs12Body = z
  .object({ label: Label, dataBase64: FileText, password: z.string().max(1024) })
  .strict();
export const TrustedBody = z.object({ label: Label, pem: FileText }).strict();
export const IdBody = z.object({ id: Id }).strict();

export const certificateRoutes = {
  certificatesList: certRoute({
    method: 'GET',
    path: '/certificates',
    auth: true,
    body: NoBody,
    response: CertificateListing,
  }),
  certificatesCreateRequest: certRoute({
    method: 'POST',
    path: '/certificates/requests',
    auth: true,
    body: CreateRequestBody,
    response: CreateRequestResult,
  }),
  certificatesImportSigned: certRoute({
    method: 'POST',
    path: '/certificates/signed',
    auth: true,
    body: IdPemBody,
    response: ChainResult,
  }),
  certificatesImportIntermediates: certRoute({
    method: 'POST',
    path: '/certificates/intermediates',
    auth: true,
    body: IdPemBody,
    response: ChainResult,
  }),
  certificatesImportPkcs12: certRoute({
    method: 'POST',
    path: '/certificates/pkcs12',
    auth: true,
    body: Pkcs12Body,
    response: ChainResult.extend({ id: z.string() }),
  }),
  certificatesAddTrusted: certRoute({
    method: 'POST',
    path: '/certificates/trusted',
    auth: true,
    body: TrustedBody,
    response: z.object({ ids: z.array(z.string()) }),
  }),
  certificatesBundledRoots: certRoute({
    method: 'GET',
    path: '/certificates/bundled-roots',
    auth: true,
    body: NoBody,
    response: BundledRootsListing,
  }),
  certificatesAddBundledRoot: certRoute({
    method: 'POST',
    path: '/certificates/trusted/bundled',
    auth: true,
    body: BundledRootBody,
    response: z.object({ ids: z.array(z.string()) }),
  }),
  certificatesRemove: certRoute({
    method: 'POST',
    path: '/certificates/remove',
    auth: true,
    body: IdBody,
    response: NoBody,
  }),
  certificatesUseForSipTls: certRoute({
    method: 'POST',
    path: '/certificates/use-for-sip-tls',
    auth: true,
    body: IdBody,
    /** How many SIP TLS listeners now serve it (0 when none is configured; the choice is kept). */
    response: z.object({ listeners: z.number().int() }),
  }),
} as const;
