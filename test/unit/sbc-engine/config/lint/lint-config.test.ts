// lintConfig's contract (order, skipped rules, purity) and the rules whose judgement has more than one
// case: listener overlap, per-peer certificate names, trust resolved through the store, the seed-003
// port trap.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  hasErrorFindings,
  lintConfig,
  type LintContext,
} from '../../../../../sbc-engine/config/lint/index.ts';
import type { Config } from '../../../../../sbc-engine/config/schema/index.ts';
import {
  bundledRoots,
  certificateListing,
  NOW,
  PBX,
  sample,
  sampleWithUm,
  TEAMS_PROFILE,
  TLS_TEAMS_LISTENER,
} from './fixtures.ts';

function found(config: Config, ruleId: string, context: LintContext = {}) {
  return lintConfig(config, context).findings.filter((f) => f.ruleId === ruleId);
}

describe('lintConfig', () => {
  it('the sample config has no errors, and says which rules it could not run and why', () => {
    const result = lintConfig(sample());
    assert.equal(hasErrorFindings(result), false);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['udp-leg-large-messages', 'telekom-sip-alg'],
    );
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.ruleId, s.reason]));
    assert.equal(reasons['cert-name'], 'not checked: no certificate facts');
    assert.equal(reasons['cert-expired'], 'not checked: no certificate facts');
    assert.equal(reasons['bundled-root-expired'], 'not checked: no list of the bundled CA roots');
    assert.equal(
      reasons['srtp-rtp-needs-media-relay'],
      'not checked: unknown whether the engine relays media',
    );
    assert.equal(reasons['teams-contact-fqdn'], undefined);
  });

  it('with every fact given, nothing is skipped', () => {
    const context = {
      certificates: certificateListing(),
      bundledRoots: bundledRoots(),
      now: NOW,
      mediaRelay: true,
    };
    assert.deepEqual(lintConfig(sample(), context).skipped, []);
  });

  it('sorts errors before warnings before info, then by path with indexes in numeric order', () => {
    const config = sample((c) => {
      c.logging.syslog.host = null; // info
      c.voip.optionsIntervalSeconds = 300; // errors on connections[1..3]
      for (let i = 0; i < 8; i++)
        c.connections.push({ ...structuredClone(c.connections[PBX]!), id: `pbx-${i}`, name: `PBX ${i}` });
      c.connections[11]!.mediaPolicy = 'srtp-required'; // warning at connections[11]
      c.connections[5]!.mediaPolicy = 'srtp-required'; // warning at connections[5]
    });
    const findings = lintConfig(config).findings;
    const order = findings.map((f) => `${f.severity} ${f.path}`);
    assert.deepEqual(
      order.filter((line) => line.includes('mediaPolicy')),
      ['warning connections[5].mediaPolicy', 'warning connections[11].mediaPolicy'],
    );
    const ranks = findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.equal(findings.at(-1)!.severity, 'info');
  });
});

describe('listeners', () => {
  const listener = (transport: 'udp' | 'tcp' | 'tls', address: string, port: number) => ({
    transport,
    address,
    port,
    tlsProfile: transport === 'tls' ? 'teams' : null,
  });
  const rows: [string, ReturnType<typeof listener>[], boolean][] = [
    ['TCP and TLS on one port share the TCP socket', [listener('tcp', '0.0.0.0', 5061), listener('tls', '0.0.0.0', 5061)], true],
    ['UDP and TCP on one port do not clash', [listener('udp', '0.0.0.0', 5060), listener('tcp', '0.0.0.0', 5060)], false],
    ['0.0.0.0 covers a specific IPv4 address', [listener('udp', '0.0.0.0', 5060), listener('udp', '10.0.0.5', 5060)], true],
    [':: is dual-stack and covers IPv4', [listener('tls', '::', 5061), listener('tls', '10.0.0.5', 5061)], true],
    ['0.0.0.0 does not cover IPv6', [listener('udp', '0.0.0.0', 5060), listener('udp', '2001:db8:10::5', 5060)], false],
    ['two addresses, one port', [listener('udp', '10.0.0.5', 5060), listener('udp', '192.168.178.5', 5060)], false],
    ['the same IPv6 address written twice', [listener('udp', '2001:db8::1', 5060), listener('udp', '2001:0db8:0::1', 5060)], true],
  ]; // prettier-ignore
  for (const [name, listeners, clash] of rows) {
    it(`${name}: ${clash ? 'clash' : 'no clash'}`, () => {
      const findings = found(
        sample((c) => (c.voip.listeners = listeners)),
        'duplicate-listener',
      );
      assert.equal(findings.length, clash ? 1 : 0);
      if (clash) assert.equal(findings[0]!.path, 'voip.listeners[1]');
      // Only an identical copy can be removed without guessing.
      if (clash) assert.equal(findings[0]!.fix, undefined);
    });
  }
});

describe('seed 003: the 5067/5061 trap', () => {
  it('names both ports and the tenant, and the fix moves the listener to 5061', () => {
    const config = sample((c) => (c.voip.listeners[TLS_TEAMS_LISTENER]!.port = 5067));
    const [finding] = found(config, 'teams-signalling-port');
    assert.match(finding!.message, /OPTIONS.*Contact.*SipSignalingPort \(5061.*not to 5067/);
    const fixed = finding!.fix!.apply(config);
    assert.equal(fixed.voip.listeners[TLS_TEAMS_LISTENER]!.port, 5061);
    assert.equal(config.voip.listeners[TLS_TEAMS_LISTENER]!.port, 5067, 'the original is left alone');
  });

  it('offers no fix when another TCP-based listener already holds 5061', () => {
    const config = sample((c) => {
      c.voip.listeners[TLS_TEAMS_LISTENER]!.port = 5067;
      c.voip.listeners.push({ transport: 'tcp', address: '10.0.0.5', port: 5061, tlsProfile: null });
    });
    assert.equal(found(config, 'teams-signalling-port')[0]!.fix, undefined);
  });
});

describe('certificates', () => {
  const context = (change: Parameters<typeof certificateListing>[0] = {}): LintContext => ({
    certificates: certificateListing(change),
    now: NOW,
  });

  it('a wildcard certificate suits Teams (RFC 2818) but not Exchange UM (exact name)', () => {
    const wildcard = context({ subject: 'CN=*.contoso.de', dns: ['*.contoso.de'] });
    assert.deepEqual(found(sample(), 'cert-name', wildcard), []);
    const [finding] = found(sampleWithUm(), 'cert-name', wildcard);
    assert.match(finding!.message, /"Exchange UM" checks the SBC's name by an exact match.*403/);
  });

  it('a wildcard never satisfies a strict RFC 5922 peer', () => {
    const config = sample((c) => {
      c.connections[PBX]!.targets[0]!.transport = 'tls';
      c.connections[PBX]!.tlsProfile = 'teams';
      c.connections[PBX]!.allowedSources = [];
      c.tlsProfiles[TEAMS_PROFILE]!.peerNameCheck = 'rfc5922';
    });
    const [finding] = found(
      config,
      'cert-name',
      context({ subject: 'CN=*.contoso.de', dns: ['*.contoso.de'] }),
    );
    assert.match(finding!.message, /"Asterisk" checks the SBC's name by RFC 5922/);
  });

  it('a chain out of order is reported; a leaf straight from a trusted root needs no intermediate', () => {
    const swapped = certificateListing();
    swapped.own[0]!.chain[0]!.subject = 'CN=Someone Else CA';
    assert.match(
      found(sample(), 'cert-chain', { certificates: swapped })[0]!.message,
      /followed by "CN=Someone Else CA", which did not issue it/,
    );
    const direct = context({ chain: false, issuer: 'O=Contoso, CN=Contoso Root' });
    assert.deepEqual(found(sample(), 'cert-chain', direct), []);
  });

  it('an expiring intermediate is reported too; expiry counts from the injected clock', () => {
    const listing = certificateListing();
    listing.own[0]!.chain[0]!.notAfter = '2026-02-01T00:00:00.000Z';
    const [finding] = found(sample(), 'cert-expiring', { certificates: listing, now: NOW });
    assert.match(finding!.message, /intermediate .* expires in 16 days/);
    // Without `now`, the listing's own daysLeft counts.
    const stale = certificateListing();
    stale.own[0]!.certificate!.daysLeft = 3;
    assert.equal(found(sample(), 'cert-expiring', { certificates: stale }).length, 1);
  });

  it('an EC P-256 key is large enough; RSA 2048 is the floor', () => {
    const ec = certificateListing();
    ec.own[0]!.certificate!.key = { type: 'EC', bits: 256, curve: 'P-256' };
    assert.deepEqual(found(sample(), 'cert-key-size', { certificates: ec }), []);
  });
});

describe('trust stores', () => {
  it('a DigiCert Global Root G2 imported into the store counts, once the listing shows it', () => {
    const config = sample(
      (c) => (c.tlsProfiles[TEAMS_PROFILE]!.trustedCas = [{ source: 'store', id: 'fedcba9876543210' }]),
    );
    // Without the listing the store entry could be anything: no guess either way.
    assert.deepEqual(found(config, 'teams-trusted-root'), []);
    const listing = certificateListing();
    assert.equal(found(config, 'teams-trusted-root', { certificates: listing }).length, 1);
    listing.trustedCas[0]!.certificate.subject =
      'C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert Global Root G2';
    assert.deepEqual(found(config, 'teams-trusted-root', { certificates: listing }), []);
  });

  it('bundled root names are matched without regard to case', () => {
    const config = sample(
      (c) =>
        (c.tlsProfiles[TEAMS_PROFILE]!.trustedCas = [{ source: 'bundled', name: 'digicert global root g2' }]),
    );
    assert.deepEqual(found(config, 'teams-trusted-root'), []);
    assert.deepEqual(found(config, 'bundled-root-unknown', { bundledRoots: bundledRoots() }), []);
  });
});

describe('purity', () => {
  it('the linter imports nothing from Node, so the renderer can run it', () => {
    const dir = join(import.meta.dirname, '../../../../../sbc-engine/config/lint');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from '(node:|fs|path)/, file);
    }
  });
});
