// The diagnostics routes of the management API (/api/v1/diagnostics...), spread into the one
// contract table in contract.ts. Only schemas live here, as in certificates-routes.ts. The probe
// result mirrors sbc-engine/diag/types.ts; diagnostics-service.ts checks at compile time that the
// two agree, and parses every answer through this schema, so nothing else (no key) can leave.
import { z } from 'zod';
import { DIAGNOSIS_CODES, type DiagnosisCode } from '../diag/diagnosis.ts';
import { CertificateSummary } from './certificates-routes.ts';
import type { RouteSpec } from './contract.ts';

function diagRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

/** Probes one engine runs at once; more answer 429, so the API cannot be turned into a flood tool. */
export const MAX_CONCURRENT_PROBES = 4;
export const MAX_PROBE_COUNT = 5;
/** 32 s is RFC 3261 Timer F (64*T1), the longest an SBC waits for an OPTIONS answer. */
export const MAX_PROBE_TIMEOUT_SECONDS = 32;

const Transport = z.enum(['udp', 'tcp', 'tls']);
const NameCheck = z.enum(['exact', 'wildcard', 'rfc5922']);
const Severity = z.enum(['ok', 'warning', 'critical']);
const Code = z.enum(DIAGNOSIS_CODES as [DiagnosisCode, ...DiagnosisCode[]]);
const StoreId = z.string().regex(/^[0-9a-f]{16}$/, 'expected the 16 hex digits of a certificate entry id');

// A target is one token: no spaces or control characters, which also keeps the log line whole.
const Target = z
  .string()
  .min(1, 'give a SIP URI (sip:host:port;transport=tls) or host:port')
  .max(300)
  .regex(/^[\x21-\x7e]+$/, 'a SIP URI or host:port has no spaces or control characters');
const ContactHost = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'expected the SBC FQDN or an IP address');

export const ProbeTrust = z.union(
  [
    z.literal('store'),
    z.literal('public'),
    z.array(StoreId).min(1, 'name at least one trusted CA, or use "store" or "public"').max(100),
  ],
  { error: 'expected "store", "public" or a list of trusted CA ids' },
);
export const ProbeClientCertificate = z.union(
  [
    z.literal('sip-tls'),
    z.literal('none'),
    z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'expected "sip-tls", "none" or the 16 hex digits of an own certificate'),
  ],
  { error: 'expected "sip-tls", "none" or the id of an own certificate' },
);

export const DiagnosticsOptionsBody = z
  .object({
    /** "sip:host:port;transport=tls", "sips:host", "host:port" or "host" (RFC 3263 without a port). */
    target: Target,
    transport: Transport.optional(),
    /** Longest wait for each answer, connection set-up included. */
    timeoutSeconds: z
      .number()
      .min(1, `must be between 1 and ${MAX_PROBE_TIMEOUT_SECONDS} seconds`)
      .max(MAX_PROBE_TIMEOUT_SECONDS, `must be between 1 and ${MAX_PROBE_TIMEOUT_SECONDS} seconds`),
    /** OPTIONS sent one after another, a second apart, on the same connection. */
    count: z
      .number()
      .int(`must be a whole number from 1 to ${MAX_PROBE_COUNT}`)
      .min(1, `must be a whole number from 1 to ${MAX_PROBE_COUNT}`)
      .max(MAX_PROBE_COUNT, `must be a whole number from 1 to ${MAX_PROBE_COUNT}`),
    /** A 2xx slower than this is a warning (default 1000 ms). */
    slowMs: z.number().int().min(0).max(60_000).optional(),
    /** The SBC FQDN for Contact and From (Teams checks it); default the engine's local address. */
    contactHost: ContactHost.optional(),
    contactPort: z.number().int().min(1).max(65535).optional(),
    nameCheck: NameCheck.optional(),
    /**
     * Which CAs the peer is verified against: the engine's trusted CAs ("store"; an empty store
     * trusts nothing), Node's public roots ("public"), or the listed trusted CA entries.
     */
    trust: ProbeTrust,
    /** Mutual TLS: the certificate chosen for SIP TLS, an own entry by id, or none. */
    clientCertificate: ProbeClientCertificate,
  })
  .strict();
export type DiagnosticsOptionsBody = z.infer<typeof DiagnosticsOptionsBody>;

const Destination = z.object({
  transport: Transport,
  address: z.string(),
  port: z.number().int(),
  hostname: z.string(),
});

export const ProbeSipAnswer = z.object({
  status: z.number().int(),
  reason: z.string(),
  rttMs: z.number(),
  server: z.string().optional(),
  userAgent: z.string().optional(),
  allow: z.array(z.string()),
  supported: z.array(z.string()),
});

export const ProbeDiagnosis = z.object({ code: Code, severity: Severity, message: z.string() });

export const PeerCertificate = CertificateSummary.extend({
  /** The certificate is one of the CAs this probe trusted (the peer may have sent it, too). */
  inTrustStore: z.boolean(),
});

export const ProbeTlsReport = z.object({
  version: z.string().nullable(),
  cipher: z.string().nullable(),
  /** The peer's chain, leaf first, public certificates only. */
  chain: z.array(PeerCertificate),
  trust: z.object({ source: z.enum(['given', 'public-roots']), certificates: z.number().int() }),
  verified: z.boolean(),
  verifyError: z.string().optional(),
  nameCheck: z.object({ mode: NameCheck, host: z.string(), ok: z.boolean(), problem: z.string().optional() }),
  /** Whether a client certificate was offered; never the certificate or its key. */
  clientCertificate: z.boolean(),
});

export const ProbeAttempt = z.object({
  sequence: z.number().int(),
  sends: z.number().int(),
  answer: ProbeSipAnswer.optional(),
  diagnosis: ProbeDiagnosis,
});

export const ProbeResult = z.object({
  target: z.string(),
  requestUri: z.string(),
  transport: Transport,
  destination: Destination.optional(),
  alternatives: z.array(Destination),
  local: z.object({ address: z.string(), port: z.number().int() }).optional(),
  tls: ProbeTlsReport.optional(),
  attempts: z.array(ProbeAttempt),
  answer: ProbeSipAnswer.optional(),
  rtt: z.object({ min: z.number(), avg: z.number(), max: z.number() }).optional(),
  diagnosis: ProbeDiagnosis,
  severity: Severity,
});

export const DiagnosticsOptionsResult = ProbeResult.extend({
  /** What the engine adds in plain words, such as a trust store that trusts nothing. */
  notes: z.array(z.string()),
});
export type DiagnosticsOptionsResult = z.infer<typeof DiagnosticsOptionsResult>;

export const diagnosticsRoutes = {
  diagnosticsOptions: diagRoute({
    method: 'POST',
    path: '/diagnostics/options',
    auth: true,
    body: DiagnosticsOptionsBody,
    response: DiagnosticsOptionsResult,
  }),
} as const;
