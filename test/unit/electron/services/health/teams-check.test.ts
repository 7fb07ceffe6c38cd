// The Teams check's own-side steps, from a config and what the engine reports: the 5067/5061 trap
// of seed 003, the FQDN in DNS against the public address, the chain and the trusted root. The
// probes are stand-ins here; the integration test runs real ones from an engine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  runTeamsCheck,
  TEAMS_PROXIES,
  type TeamsCheckInput,
} from '../../../../../electron/services/health/teams-check.ts';
import { parseConfig } from '../../../../../sbc-engine/config/schema/parse.ts';
import type { Config } from '../../../../../sbc-engine/config/schema/config.ts';

function config(tlsPort: number, extra: Record<string, unknown> = {}): Config {
  const parsed = parseConfig({
    schemaVersion: 1,
    system: {
      fqdn: 'sbc.example.com',
      interfaces: [{ id: 'wan', role: 'wan', address: '10.0.0.5', prefixLength: 24, natPublicAddress: '203.0.113.5' }],
    },
    voip: { listeners: [{ transport: 'tls', address: '0.0.0.0', port: tlsPort, tlsProfile: 'teams' }] },
    tlsProfiles: [
      { id: 'default', name: 'Default' },
      { id: 'teams', name: 'Teams', ownCertificate: 'aaaaaaaaaaaaaaaa', trustedCas: [{ source: 'bundled', name: 'DigiCert Global Root G2' }] },
    ],
    connections: [
      { id: 'teams-1', name: 'Teams 1', tlsProfile: 'teams', targets: [{ host: 'sip.pstnhub.microsoft.com', port: 5061, transport: 'tls' }] },
    ],
    ...extra,
  }); // prettier-ignore
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

const summary = (subject: string, issuer: string) => ({
  subject, issuer, serial: '01', subjectAltNames: { dns: [], ip: [], uri: [] }, notBefore: '', notAfter: '',
  daysLeft: 200, key: { type: 'rsa', bits: 2048 }, signatureAlgorithm: 'sha256', isCA: false, keyUsage: [],
  extendedKeyUsage: [], selfSigned: subject === issuer, sha256Fingerprint: '', sha1Fingerprint: '', pem: '',
}); // prettier-ignore

function input(cfg: Config, extra: Partial<TeamsCheckInput> = {}): TeamsCheckInput & { probed: string[] } {
  const probed: string[] = [];
  return {
    probed,
    engineId: 'e1',
    config: cfg,
    listening: [{ transport: 'tls', host: '0.0.0.0', port: cfg.voip.listeners[0]!.port }],
    certificates: {
      own: [{ id: 'aaaaaaaaaaaaaaaa', label: 'SBC 2025', createdAt: '', state: 'issued', certificate: summary('CN=sbc.example.com', 'CN=Issuing CA'), chain: [summary('CN=Issuing CA', 'CN=Root CA')] }],
      trustedCas: [],
      sipTlsCertificateId: 'aaaaaaaaaaaaaaaa',
    }, // prettier-ignore
    sipSignalingPort: 5061,
    proxies: TEAMS_PROXIES,
    probe: async (body) => {
      probed.push(body.target);
      return {
        target: body.target, requestUri: body.target, transport: 'tls', alternatives: [], attempts: [],
        diagnosis: { code: 'OK', severity: 'ok', message: `${body.target} answered 200 OK in 3 ms.` }, severity: 'ok', notes: [],
      }; // prettier-ignore
    },
    resolve: async () => ['203.0.113.5'],
    now: () => Date.parse('2025-06-01T00:00:00Z'),
    ...extra,
  };
}

const byId = (result: { steps: { id: string; status: string; detail: string; fix: string | null }[] }, id: string) =>
  result.steps.find((s) => s.id === id)!; // prettier-ignore

describe('Teams check', () => {
  it('probes sip, sip2 and sip3 in that order with the SBC FQDN and TLS port in Contact, then passes when all agrees', async () => {
    const given = input(config(5061));
    const bodies: unknown[] = [];
    const probe = given.probe;
    given.probe = (body) => (bodies.push(body), probe(body));
    const result = await runTeamsCheck(given);
    assert.deepEqual(given.probed, [
      'sip:sip.pstnhub.microsoft.com:5061;transport=tls',
      'sip:sip2.pstnhub.microsoft.com:5061;transport=tls',
      'sip:sip3.pstnhub.microsoft.com:5061;transport=tls',
    ]);
    assert.deepEqual(
      result.steps.map((s) => s.status),
      result.steps.map(() => 'ok'),
      JSON.stringify(result.steps, null, 1),
    );
    assert.equal(result.status, 'ok');
    assert.partialDeepStrictEqual(bodies[0], {
      contactHost: 'sbc.example.com',
      contactPort: 5061,
      nameCheck: 'wildcard',
    });
  });

  it('reports the 5067/5061 trap: Contact and listener say 5067, Teams sends to SipSignalingPort 5061', async () => {
    const result = await runTeamsCheck(input(config(5067)));
    const step = byId(result, 'contact-port');
    assert.equal(step.status, 'critical');
    assert.match(step.detail, /listens for TLS on 5067 and writes 5067 into Contact/);
    assert.match(step.detail, /Teams sends its own OPTIONS to 5061/);
    assert.match(step.fix!, /-SipSignalingPort 5067/);
    assert.equal(result.status, 'critical');
    // Paired on 5067 on purpose: no trap.
    assert.equal(
      byId(await runTeamsCheck({ ...input(config(5067)), sipSignalingPort: 5067 }), 'contact-port').status,
      'ok',
    );
  });

  it('says when the configured port has no open socket', async () => {
    const result = await runTeamsCheck({ ...input(config(5061)), listening: [] });
    assert.match(byId(result, 'contact-port').detail, /no TLS socket open on it/);
  });

  it('compares the FQDN in DNS with the NAT public address, and names NXDOMAIN', async () => {
    const wrong = await runTeamsCheck(input(config(5061), { resolve: async () => ['198.51.100.9'] }));
    assert.match(
      byId(wrong, 'fqdn-dns').detail,
      /resolves to 198\.51\.100\.9, but the configured public address is 203\.0\.113\.5/,
    );
    const missing = await runTeamsCheck(
      input(config(5061), { resolve: async () => { throw Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' }); } }),
    ); // prettier-ignore
    assert.match(byId(missing, 'fqdn-dns').detail, /does not resolve \(ENOTFOUND\)/);
  });

  it('finds a chain sent without its intermediate, and a trust store without DigiCert Global Root G2', async () => {
    const given = input(config(5061));
    given.certificates.own[0]!.chain = [];
    const cfg = config(5061);
    cfg.tlsProfiles[1]!.trustedCas = [{ source: 'bundled', name: 'Baltimore CyberTrust Root' }];
    const result = await runTeamsCheck({ ...given, config: cfg });
    assert.match(byId(result, 'chain').detail, /sent without its issuer CN=Issuing CA/);
    assert.equal(byId(result, 'root').status, 'critical');
    assert.match(byId(result, 'root').fix!, /DigiCert Global Root G2/);
  });

  it('a failed probe carries the diagnosis sentence and its fix', async () => {
    const given = input(config(5061));
    given.probe = async (body) => ({
      target: body.target, requestUri: body.target, transport: 'tls', alternatives: [], attempts: [],
      diagnosis: { code: 'TCP_REFUSED', severity: 'critical', message: 'tls:127.0.0.1:5061 refused the connection.' },
      severity: 'critical', notes: [],
    }); // prettier-ignore
    const result = await runTeamsCheck(given);
    assert.equal(byId(result, 'probe-1').status, 'critical');
    assert.match(byId(result, 'probe-1').fix!, /port and transport/);
  });
});
