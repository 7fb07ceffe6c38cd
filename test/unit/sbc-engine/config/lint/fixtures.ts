// One pair of configs per lint rule: one that triggers it and one that does not, each a small change
// to the sample config (Telekom CompanyFlex, Teams 1-3, Asterisk). lint-rules.test.ts fails when a
// rule in the registry has no pair here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintContext } from '../../../../../sbc-engine/config/lint/index.ts';
import type { CertificateListing } from '../../../../../sbc-engine/mgmt/certificates-routes.ts';
import { parseConfig, type Config, type ConfigInput } from '../../../../../sbc-engine/config/schema/index.ts';
import { sampleConfig } from '../schema/sample-config.ts';

export interface LintCase {
  config: Config;
  context?: LintContext;
}

export interface FixturePair {
  triggers: LintCase;
  passes: LintCase;
}

/** Indexes in the sample, named so the fixtures read as what they change. */
export const TELEKOM = 0;
export const TEAMS_1 = 1;
export const PBX = 4;
export const TLS_TEAMS_LISTENER = 1;
export const TEAMS_PROFILE = 0;
export const TELEKOM_PROFILE = 1;
export const UM = 5;

const UM_HOST = 'df6b236d-056d-416a-8f5f-f2e8e1a0238d.um.outlook.com';

function parse(input: unknown): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`fixture is not a valid config: ${JSON.stringify(result.errors)}`);
  return result.config;
}

/** The sample, parsed, with an optional change. */
export function sample(change?: (config: Config) => void): Config {
  const config = parse(sampleConfig());
  change?.(config);
  return config;
}

/** The sample plus an Exchange UM connection set up as the seeds describe. */
export function sampleWithUm(change?: (config: Config) => void): Config {
  const input = sampleConfig() as ConfigInput & { connections: unknown[] };
  input.connections.push({
    id: 'um',
    name: 'Exchange UM',
    profile: 'exchange-um',
    targets: [{ host: UM_HOST, port: 5061, transport: 'tls' }],
    headers: { fqdnInContact: true, toHost: UM_HOST },
    sdp: { stripIce: true, stripRtcpMux: true },
    mediaPolicy: 'srtp-required',
    tlsProfile: 'teams',
  });
  const config = parse(input);
  change?.(config);
  return config;
}

export const NOW = new Date('2026-01-15T12:00:00.000Z');
const DAY_MS = 86_400_000;

function summary(fields: {
  subject: string;
  issuer: string;
  dns?: string[];
  notAfter: Date;
  bits?: number;
  eku?: string[];
  isCA?: boolean;
  selfSigned?: boolean;
}) {
  return {
    subject: fields.subject,
    issuer: fields.issuer,
    serial: '01',
    subjectAltNames: { dns: fields.dns ?? [], ip: [], uri: [] },
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: fields.notAfter.toISOString(),
    daysLeft: Math.floor((fields.notAfter.getTime() - NOW.getTime()) / DAY_MS),
    key: { type: 'RSA', bits: fields.bits ?? 2048 },
    signatureAlgorithm: 'RSA with SHA-256',
    isCA: fields.isCA ?? false,
    keyUsage: [],
    extendedKeyUsage: fields.eku ?? ['serverAuth', 'clientAuth'],
    selfSigned: fields.selfSigned ?? false,
    sha256Fingerprint: 'AA',
    sha1Fingerprint: 'BB',
    pem: '',
  };
}

const INTERMEDIATE = 'C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1';
const G2_ROOT = 'C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert Global Root G2';

type LeafChange = Partial<Parameters<typeof summary>[0]> & { chain?: boolean };

/** The store of an SBC with a good public certificate for sbc.contoso.de (the Teams profile's). */
export function certificateListing(change: LeafChange = {}): CertificateListing {
  const leaf = summary({
    subject: 'CN=sbc.contoso.de',
    issuer: INTERMEDIATE,
    dns: ['sbc.contoso.de'],
    notAfter: new Date(NOW.getTime() + 200 * DAY_MS),
    ...change,
  });
  const intermediate = summary({
    subject: INTERMEDIATE,
    issuer: G2_ROOT,
    notAfter: new Date('2030-04-13T23:59:59.000Z'),
    isCA: true,
  });
  return {
    own: [
      {
        id: '0123456789abcdef',
        label: 'sbc.contoso.de 2026',
        createdAt: '2025-01-01T00:00:00.000Z',
        state: 'issued',
        certificate: leaf,
        chain: change.chain === false ? [] : [intermediate],
      },
      {
        id: '1111111111111111',
        label: 'pending renewal',
        createdAt: '2025-12-01T00:00:00.000Z',
        state: 'pending',
        chain: [],
      },
    ],
    trustedCas: [
      {
        id: 'fedcba9876543210',
        label: 'Contoso root',
        createdAt: '2025-01-01T00:00:00.000Z',
        certificate: summary({
          subject: 'O=Contoso, CN=Contoso Root',
          issuer: 'O=Contoso, CN=Contoso Root',
          notAfter: new Date('2035-01-01T00:00:00.000Z'),
          isCA: true,
          selfSigned: true,
        }),
      },
    ],
    sipTlsCertificateId: '0123456789abcdef',
  };
}

/** The bundled roots as resources/ca/index.json lists them, judged at NOW (Baltimore has expired). */
export function bundledRoots(): LintContext['bundledRoots'] {
  const index = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../../../resources/ca/index.json'), 'utf8'),
  ) as { roots: { name: string; available: boolean; notAfter?: string }[] };
  return index.roots.map((root) => ({
    name: root.name,
    available: root.available,
    ...(root.notAfter ? { notAfter: root.notAfter } : {}),
    expired: root.notAfter !== undefined && Date.parse(root.notAfter) < NOW.getTime(),
  }));
}

function certs(change?: LeafChange): LintContext {
  return { certificates: certificateListing(change), now: NOW };
}

const same = (config: Config, context?: LintContext): LintCase =>
  context ? { config, context } : { config };

export function lintFixtures(): Record<string, FixturePair> {
  return {
    // General
    'duplicate-listener': {
      triggers: same(sample((c) => c.voip.listeners.push({ ...c.voip.listeners[0]! }))),
      passes: same(sample()),
    },
    'tls-target-without-listener': {
      triggers: same(sample((c) => (c.voip.listeners = [c.voip.listeners[0]!]))),
      passes: same(sample()),
    },
    'srtp-rtp-needs-media-relay': {
      triggers: same(sample(), { mediaRelay: false }),
      passes: same(
        sample((c) => (c.connections[PBX]!.mediaPolicy = 'relay')),
        { mediaRelay: false },
      ),
    },
    'sdes-keys-in-clear': {
      triggers: same(sample((c) => (c.connections[PBX]!.mediaPolicy = 'srtp-required'))),
      passes: same(sample()),
    },
    'udp-leg-large-messages': {
      triggers: same(sample()),
      passes: same(sample((c) => (c.connections[PBX]!.sdp.stripIce = true))),
    },
    'media-port-pool': {
      triggers: same(sample((c) => (c.media.rtpPortRange = { first: 40000, last: 40019 }))),
      passes: same(sample((c) => (c.media.rtpPortRange = { first: 40000, last: 40059 }))),
    },
    'nat-public-address': {
      triggers: same(sample((c) => (c.system.interfaces[1]!.natPublicAddress = null))),
      passes: same(sample()),
    },
    'syslog-target-missing': {
      triggers: same(sample((c) => (c.logging.syslog.host = null))),
      passes: same(sample()),
    },
    'peer-name-check-mode': {
      triggers: same(sample((c) => (c.tlsProfiles[TEAMS_PROFILE]!.peerNameCheck = 'rfc5922'))),
      passes: same(sample()),
    },
    // Teams
    'teams-proxy-order': {
      triggers: same(sample((c) => (c.failoverGroups[0]!.members = ['teams-2', 'teams-1', 'teams-3']))),
      passes: same(sample()),
    },
    'teams-proxies-complete': {
      triggers: same(
        sample((c) => {
          c.connections.splice(3, 1);
          c.failoverGroups[0]!.members = ['teams-1', 'teams-2'];
          c.routes[3]!.sourceConnections = ['teams-1', 'teams-2'];
        }),
      ),
      passes: same(sample()),
    },
    'teams-route-failover': {
      triggers: same(sample((c) => (c.routes[2]!.target = { connection: 'teams-1' }))),
      passes: same(sample()),
    },
    'teams-fqdn-not-ip': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.targets[0]!.host = '52.114.148.0'))),
      passes: same(sample()),
    },
    'teams-tls-5061': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.targets[0]!.port = 5060))),
      passes: same(sample((c) => (c.connections[TEAMS_1]!.targets[0]!.port = null))),
    },
    'teams-signalling-port': {
      triggers: same(sample((c) => (c.voip.listeners[TLS_TEAMS_LISTENER]!.port = 5067))),
      passes: same(sample()),
    },
    'teams-tls-listener': {
      triggers: same(sample((c) => (c.voip.listeners[TLS_TEAMS_LISTENER]!.tlsProfile = 'telekom'))),
      passes: same(sample()),
    },
    'teams-contact-fqdn': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.headers.fqdnInContact = false))),
      passes: same(sample()),
    },
    'teams-from-fqdn': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.headers.fqdnInFrom = false))),
      passes: same(sample()),
    },
    'sbc-fqdn-missing': {
      triggers: same(sample((c) => (c.system.fqdn = null))),
      passes: same(sample()),
    },
    'sbc-fqdn-onmicrosoft': {
      triggers: same(sample((c) => (c.system.fqdn = 'sbc.contoso.onmicrosoft.com'))),
      passes: same(sample()),
    },
    'no-sips-toward-teams': {
      triggers: same(sample((c) => (c.routes[2]!.called = { match: '^\\+(\\d+)$', replace: 'sips:+$1' }))),
      passes: same(sample((c) => (c.routes[2]!.called = { match: '^\\+(\\d+)$', replace: '+$1' }))),
    },
    'microsoft-public-certificate': {
      triggers: same(sample((c) => (c.tlsProfiles[TEAMS_PROFILE]!.ownCertificate = null))),
      passes: same(sample()),
    },
    'teams-trusted-root': {
      triggers: same(
        sample(
          (c) =>
            (c.tlsProfiles[TEAMS_PROFILE]!.trustedCas = [
              { source: 'bundled', name: 'Baltimore CyberTrust Root' },
            ]),
        ),
      ),
      passes: same(sample()),
    },
    'teams-tls-cipher': {
      triggers: same(sample((c) => (c.tlsProfiles[TEAMS_PROFILE]!.ciphers = ['AES128-SHA']))),
      passes: same(sample((c) => (c.tlsProfiles[TEAMS_PROFILE]!.ciphers = []))),
    },
    'teams-firewall-ranges': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.allowedSources = ['52.114.148.0/32']))),
      passes: same(sample()),
    },
    'teams-srtp-required': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.mediaPolicy = 'rtp'))),
      passes: same(sample()),
    },
    'teams-srtp-suite': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.sdp.cryptoOffer = ['AES_CM_128_HMAC_SHA1_32']))),
      passes: same(sample((c) => (c.connections[TEAMS_1]!.sdp.cryptoOffer = null))),
    },
    'teams-options-disabled': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.options.enabled = false))),
      passes: same(sample()),
    },
    'teams-options-interval': {
      triggers: same(sample((c) => (c.connections[TEAMS_1]!.options.intervalSeconds = 120))),
      passes: same(sample((c) => (c.connections[TEAMS_1]!.options.intervalSeconds = 30))),
    },
    'teams-options-demoted': {
      triggers: same(sample((c) => (c.voip.optionsIntervalSeconds = 300))),
      passes: same(sample((c) => (c.voip.optionsIntervalSeconds = 120))),
    },
    'teams-e164-called': {
      triggers: same(sample((c) => (c.routes[2]!.called = { match: '^\\+49(\\d+)$', replace: '0$1' }))),
      passes: same(sample((c) => (c.routes[2]!.called = { match: '^0(\\d+)$', replace: '+49$1' }))),
    },
    // Telekom
    'telekom-proxy-by-name': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.targets[0]!.host = '192.0.2.1'))),
      passes: same(sample()),
    },
    'telekom-proxy-srv': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.targets[0]!.port = 5061))),
      passes: same(sample()),
    },
    'telekom-user-auth-swapped': {
      triggers: same(
        sample((c) => {
          const registration = c.connections[TELEKOM]!.registration!;
          registration.user = '+4930123456@tel.t-online.de';
          registration.authUser = '+4930123456';
        }),
      ),
      passes: same(sample()),
    },
    'telekom-user-e164': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.registration!.user = '030123456'))),
      passes: same(sample()),
    },
    'telekom-tls-with-srtp': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.mediaPolicy = 'rtp'))),
      passes: same(sample()),
    },
    'companyflex-tls': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.targets[1]!.transport = 'tcp'))),
      passes: same(sample()),
    },
    'companyflex-trust-root': {
      triggers: same(sample((c) => (c.tlsProfiles[TELEKOM_PROFILE]!.trustedCas = []))),
      passes: same(sample()),
    },
    'telekom-no-t38-encrypted': {
      triggers: same(sample((c) => (c.media.t38 = 'pass'))),
      passes: same(sample()),
    },
    'telekom-identity-header': {
      triggers: same(sample((c) => (c.connections[TELEKOM]!.headers.identity = 'as-received'))),
      passes: same(sample()),
    },
    'telekom-calling-from-block': {
      triggers: same(sample((c) => (c.routes[0]!.calling = { match: '^(\\d\\d)$', replace: '+4940999$1' }))),
      passes: same(sample((c) => (c.routes[0]!.calling = { match: '^(\\d\\d)$', replace: '+4930123456$1' }))),
    },
    'telekom-g711a': {
      triggers: same(sample((c) => (c.media.codecs = ['PCMU', 'G722']))),
      passes: same(sample()),
    },
    'telekom-sip-alg': {
      triggers: same(sample()),
      passes: same(
        sample((c) => {
          const trunk = c.connections[TELEKOM]!;
          trunk.profile = null;
          trunk.targets = [{ host: 'sip.carrier.example', port: null, transport: 'tls', priority: 1 }];
          trunk.registration!.domain = null;
        }),
      ),
    },
    // Exchange UM
    'um-legacy': {
      triggers: same(sampleWithUm()),
      passes: same(sample()),
    },
    'um-to-host': {
      triggers: same(sampleWithUm((c) => (c.connections[UM]!.headers.toHost = null))),
      passes: same(sampleWithUm()),
    },
    'um-srtp-required': {
      triggers: same(sampleWithUm((c) => (c.connections[UM]!.mediaPolicy = 'rtp'))),
      passes: same(sampleWithUm()),
    },
    'um-no-ice': {
      triggers: same(sampleWithUm((c) => (c.connections[UM]!.sdp.stripIce = false))),
      passes: same(sampleWithUm()),
    },
    'um-no-rtcp-mux': {
      triggers: same(sampleWithUm((c) => (c.connections[UM]!.sdp.stripRtcpMux = false))),
      passes: same(sampleWithUm()),
    },
    'um-authenticated-srtp': {
      triggers: same(sampleWithUm((c) => (c.media.authenticatedSrtp = false))),
      passes: same(sampleWithUm()),
    },
    // Certificates and bundled roots
    'cert-missing': {
      triggers: same(
        sample((c) => (c.tlsProfiles[TEAMS_PROFILE]!.ownCertificate = '1111111111111111')),
        certs(),
      ),
      passes: same(sample(), certs()),
    },
    'cert-name': {
      triggers: same(sample(), certs({ subject: 'CN=other.contoso.de', dns: ['other.contoso.de'] })),
      passes: same(sample(), certs({ subject: 'CN=wild', dns: ['*.contoso.de'] })),
    },
    'cert-chain': {
      triggers: same(sample(), certs({ chain: false })),
      passes: same(sample(), certs()),
    },
    'cert-eku': {
      triggers: same(sample(), certs({ eku: ['clientAuth'] })),
      passes: same(sample(), certs()),
    },
    'cert-key-size': {
      triggers: same(sample(), certs({ bits: 1024 })),
      passes: same(sample(), certs()),
    },
    'cert-expiring': {
      triggers: same(sample(), certs({ notAfter: new Date(NOW.getTime() + 10 * DAY_MS) })),
      passes: same(sample(), certs({ notAfter: new Date(NOW.getTime() + 31 * DAY_MS) })),
    },
    'cert-expired': {
      triggers: same(sample(), certs({ notAfter: new Date(NOW.getTime() - DAY_MS) })),
      passes: same(sample(), certs({ notAfter: new Date(NOW.getTime() + DAY_MS) })),
    },
    'bundled-root-expired': {
      triggers: same(
        sample((c) =>
          c.tlsProfiles[TEAMS_PROFILE]!.trustedCas.push({
            source: 'bundled',
            name: 'Baltimore CyberTrust Root',
          }),
        ),
        { bundledRoots: bundledRoots(), now: NOW },
      ),
      passes: same(sample(), { bundledRoots: bundledRoots(), now: NOW }),
    },
    'bundled-root-unknown': {
      triggers: same(
        sample((c) =>
          c.tlsProfiles[TEAMS_PROFILE]!.trustedCas.push({
            source: 'bundled',
            name: 'DigiCert Global Root G9',
          }),
        ),
        { bundledRoots: bundledRoots() },
      ),
      passes: same(sample(), { bundledRoots: bundledRoots() }),
    },
  };
}
