// A config as an admin would have it after adding a Telekom trunk, the three Teams proxies and a
// local PBX: the base for round trips, bad-input tables and the fuzz test. Fresh object per call.
import type { ConfigInput } from '../../../../../sbc-engine/config/schema/index.ts';

export const TELEKOM_PASSWORD = 'Tel3k0m-s3cret!';
export const PBX_PASSWORD = 'pbx-pa55word';

export function sampleConfig(): ConfigInput {
  const teams = (n: number, host: string) => ({
    id: `teams-${n}`,
    name: `Teams ${n}`,
    profile: 'teams-direct-routing',
    targets: [{ host, port: 5061, transport: 'tls' as const, priority: 1 }],
    headers: {
      fqdnInContact: true,
      fqdnInFrom: true,
      identity: 'p-asserted-identity' as const,
      xMsSbc: true,
    },
    sdp: { stripIce: false, cryptoOffer: ['AES_CM_128_HMAC_SHA1_80' as const] },
    mediaPolicy: 'srtp-required' as const,
    allowedSources: ['52.112.0.0/14', '52.120.0.0/14'],
    maxConcurrentCalls: 30,
    tlsProfile: 'teams',
  });
  return {
    schemaVersion: 1,
    system: {
      name: 'Berlin SBC',
      fqdn: 'sbc.contoso.de',
      interfaces: [
        { id: 'lan', role: 'lan', address: '10.0.0.5', prefixLength: 24, gateway: '10.0.0.1' },
        {
          id: 'wan',
          role: 'wan',
          address: '192.168.178.5',
          prefixLength: 24,
          gateway: '192.168.178.1',
          natPublicAddress: '203.0.113.7',
        },
        { id: 'lan6', role: 'lan', address: '2001:db8:10::5', prefixLength: 64 },
      ],
      dnsServers: ['10.0.0.1', '2001:db8::53'],
    },
    voip: {
      listeners: [
        { transport: 'tcp', address: '10.0.0.5', port: 5060 },
        { transport: 'tls', address: '0.0.0.0', port: 5061, tlsProfile: 'teams' },
        { transport: 'tls', address: '::', port: 5062, tlsProfile: 'telekom' },
      ],
      optionsIntervalSeconds: 60,
    },
    tlsProfiles: [
      {
        id: 'teams',
        name: 'Microsoft Teams',
        ownCertificate: '0123456789abcdef',
        trustedCas: [
          { source: 'bundled', name: 'DigiCert Global Root G2' },
          { source: 'store', id: 'fedcba9876543210' },
        ],
        minVersion: 'TLSv1.2',
        ciphers: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256'],
        peerNameCheck: 'wildcard',
      },
      {
        id: 'telekom',
        name: 'Telekom CompanyFlex',
        trustedCas: [{ source: 'bundled', name: 'T-TeleSec GlobalRoot Class 2' }],
        mutualAuth: 'request',
        peerNameCheck: 'rfc5922',
      },
    ],
    media: { codecs: ['PCMA', 'G722', 'PCMU'], t38: 'refuse' },
    connections: [
      {
        id: 'telekom',
        name: 'Telekom CompanyFlex',
        profile: 'telekom-companyflex',
        targets: [
          { host: '1234567.primary.companyflex.de', transport: 'tls', priority: 1 },
          { host: '1234567.secondary.companyflex.de', transport: 'tls', priority: 2 },
        ],
        registration: {
          user: '+4930123456',
          authUser: '+4930123456@tel.t-online.de',
          password: TELEKOM_PASSWORD,
          domain: 'tel.t-online.de',
        },
        numberBlock: { first: '+493012345600', last: '+493012345699' },
        headers: { identity: 'p-preferred-identity' },
        mediaPolicy: 'srtp-required',
        tlsProfile: 'telekom',
      },
      teams(1, 'sip.pstnhub.microsoft.com'),
      teams(2, 'sip2.pstnhub.microsoft.com'),
      teams(3, 'sip3.pstnhub.microsoft.com'),
      {
        id: 'pbx',
        name: 'Asterisk',
        targets: [{ host: '10.0.0.20', port: 5060, transport: 'udp' }],
        registration: { user: 'sbc', password: PBX_PASSWORD },
        allowedSources: ['10.0.0.20/32', 'fd00::/8'],
        options: { enabled: true, intervalSeconds: 30 },
      },
    ],
    failoverGroups: [{ id: 'teams', name: 'Microsoft Teams', members: ['teams-1', 'teams-2', 'teams-3'] }],
    routes: [
      {
        id: 'emergency',
        sourceConnections: ['pbx'],
        called: { match: '^(110|112)$' },
        target: { connection: 'telekom' },
        emergency: true,
      },
      { id: 'normalize', called: { match: '^0(\\d+)$', replace: '+49$1' }, onMatch: 'continue' },
      { id: 'to-teams', sourceConnections: ['telekom'], target: { failoverGroup: 'teams' } },
      {
        id: 'from-teams',
        sourceConnections: ['teams-1', 'teams-2', 'teams-3'],
        calling: { match: '^\\+4930123456(\\d\\d)$', replace: '$1' },
        target: { connection: 'pbx' },
      },
    ],
    logging: { syslog: { host: '10.0.0.9', transport: 'tcp', port: 514 }, sipTrace: true },
  };
}

/** The sample with one change at `path` (undefined deletes the field). */
export function sampleWith(path: readonly (string | number)[], value: unknown): unknown {
  const config = structuredClone(sampleConfig()) as unknown;
  let holder = config as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return config;
}
