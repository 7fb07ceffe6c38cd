// TLS profiles: which certificate the engine presents and whom it trusts, shared by listeners and
// connections. Certificates are references into the certificate store (sbc-engine/certs/store) or to
// the CA roots bundled in resources/ca/, never PEM text in the config.
import { z } from 'zod';
import { DisplayName, Slug, StoreEntryId, uniqueList } from './primitives.ts';

export const TrustedCaRef = z.discriminatedUnion(
  'source',
  [
    z.strictObject({ source: z.literal('store'), id: StoreEntryId }),
    /** A root from resources/ca/index.json, by the name listed there (case is ignored). */
    z.strictObject({
      source: z.literal('bundled'),
      name: z
        .string()
        .min(1, 'must not be empty')
        .max(128, 'at most 128 characters')
        .describe('Name of a root bundled with SBC Studio, e.g. DigiCert Global Root G2'),
    }),
  ],
  { error: 'expected { "source": "store", "id": ... } or { "source": "bundled", "name": ... }' },
);

export const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;
/** Same values as sbc-engine/transport/tls-policy.ts MutualAuth (a unit test keeps them in step). */
export const MUTUAL_AUTH_MODES = ['off', 'request', 'require'] as const;
/** Same values as sbc-engine/certs/name-match.ts NameCheck. */
export const NAME_CHECKS = ['exact', 'wildcard', 'rfc5922'] as const;

// OpenSSL names (ECDHE-RSA-AES256-GCM-SHA384) and TLS 1.3 suite names (TLS_AES_128_GCM_SHA256).
const CipherName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,63}$/, 'expected an OpenSSL cipher name');

export const TlsProfile = z.strictObject({
  id: Slug,
  name: DisplayName,
  ownCertificate: StoreEntryId.nullable()
    .default(null)
    .describe("Certificate store id of the engine's own certificate; null = the management certificate"),
  trustedCas: uniqueList(TrustedCaRef, 64, (ref) =>
    ref.source === 'store' ? `store:${ref.id}` : `bundled:${ref.name.trim().toLowerCase()}`,
  ).default([]),
  // Teams has required TLS 1.2 or newer since April 2022 (providers.md).
  minVersion: z.enum(TLS_VERSIONS).default('TLSv1.2'),
  ciphers: uniqueList(CipherName, 64, (name) => name)
    .default([])
    .describe("Allowed cipher suites, in order of preference; empty = the engine's defaults"),
  mutualAuth: z.enum(MUTUAL_AUTH_MODES).default('off'),
  // RFC 2818 wildcards suit Teams; Exchange UM needs exact, strict SIP peers rfc5922.
  peerNameCheck: z.enum(NAME_CHECKS).default('wildcard'),
});

export const DEFAULT_TLS_PROFILE: z.input<typeof TlsProfile> = { id: 'default', name: 'Default' };

export type TlsProfile = z.infer<typeof TlsProfile>;
export type TrustedCaRef = z.infer<typeof TrustedCaRef>;
