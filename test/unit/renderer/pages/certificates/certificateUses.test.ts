// "Used by" on the Certificates page: which listeners and connections present or trust an entry,
// read from the engine's config through its TLS profiles.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig } from '../../../../../sbc-engine/config/schema/parse.ts';
import { certificateUses, describeUses } from '../../../../../renderer/pages/certificates/certificateUses.ts';

const OWN = '0123456789abcdef';
const CHOSEN = 'fedcba9876543210';
const CA = '1111111111111111';

function config() {
  const parsed = parseConfig({
    schemaVersion: 1,
    system: { fqdn: 'sbc.example.com' },
    voip: {
      listeners: [
        { transport: 'tls', address: '0.0.0.0', port: 5061, tlsProfile: 'teams' },
        { transport: 'tls', address: '0.0.0.0', port: 5062, tlsProfile: 'pbx' },
      ],
    },
    tlsProfiles: [
      { id: 'teams', name: 'Teams', ownCertificate: OWN, trustedCas: [{ source: 'store', id: CA }] },
      { id: 'pbx', name: 'PBX', ownCertificate: null },
    ],
    connections: [
      {
        id: 'teams-1',
        name: 'Teams 1',
        targets: [{ host: 'sip.pstnhub.microsoft.com', port: 5061, transport: 'tls' }],
        tlsProfile: 'teams',
      },
      {
        id: 'pbx',
        name: 'Asterisk',
        targets: [{ host: '192.0.2.10', port: 5061, transport: 'tls' }],
        tlsProfile: 'pbx',
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}

it('names the listeners and connections that present a certificate or trust a CA', () => {
  const uses = certificateUses(config(), CHOSEN);
  assert.deepEqual(describeUses(uses.own.get(OWN)), ['tls 0.0.0.0:5061 (Teams)', 'Teams 1 (Teams)']);
  // A profile without its own certificate presents the SIP TLS choice.
  assert.deepEqual(describeUses(uses.own.get(CHOSEN)), ['tls 0.0.0.0:5062 (PBX)', 'Asterisk (PBX)']);
  assert.deepEqual(describeUses(uses.trusted.get(CA)), ['tls 0.0.0.0:5061 (Teams)', 'Teams 1 (Teams)']);
});

it('says nothing without a config or a SIP TLS choice', () => {
  assert.equal(certificateUses(undefined, CHOSEN).own.size, 0);
  const uses = certificateUses(config(), null);
  assert.equal(uses.own.get(CHOSEN), undefined);
  assert.deepEqual(describeUses(undefined), []);
});
