import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineView } from '../../../../../electron/api/contract.ts';
import {
  commonNameOf,
  connectedEngines,
  describeKey,
  expiryBadge,
  expiryOf,
  listingRows,
  pickEngine,
  type CertificateListing,
} from '../../../../../renderer/pages/certificates/certificateViewModel.ts';

function summary(overrides: Partial<CertificateListing['trustedCas'][number]['certificate']> = {}) {
  return {
    subject: 'C=DE, O=Example, CN=sbc.example.com',
    issuer: 'C=DE, O=Example, CN=Example Issuing CA',
    serial: '01',
    subjectAltNames: { dns: ['sbc.example.com'], ip: ['192.0.2.1'], uri: [] },
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    daysLeft: 120,
    key: { type: 'ec', bits: 256, curve: 'P-256' },
    signatureAlgorithm: 'ECDSA with SHA-256',
    isCA: false,
    keyUsage: [],
    extendedKeyUsage: ['serverAuth'],
    selfSigned: false,
    sha256Fingerprint: 'AA:BB',
    sha1Fingerprint: 'CC:DD',
    pem: '-----BEGIN CERTIFICATE-----\n',
    ...overrides,
  };
}

describe('expiry', () => {
  const rows: [number, ReturnType<typeof expiryOf>, string][] = [
    [365, 'ok', 'success'],
    [30, 'ok', 'success'],
    [29, 'soon', 'warning'],
    [0, 'soon', 'warning'], // expires later today: floor of a fraction of a day
    [-1, 'expired', 'danger'],
  ];
  for (const [days, expiry, color] of rows) {
    it(`${days} days left is ${expiry}`, () => {
      assert.equal(expiryOf(days), expiry);
      assert.equal(expiryBadge(days).color, color);
    });
  }

  it('says "expired" rather than a negative count', () => {
    assert.deepEqual(expiryBadge(-5), { labelKey: 'expiry.expired', count: 0, color: 'danger' });
    assert.deepEqual(expiryBadge(12), { labelKey: 'expiry.daysLeft', count: 12, color: 'warning' });
  });
});

it('reads the CN of a one-line name, or shows the whole name without one', () => {
  assert.equal(commonNameOf('C=DE, O=Example, CN=sbc.example.com'), 'sbc.example.com');
  assert.equal(commonNameOf('O=No CN here'), 'O=No CN here');
});

it('describes a key with its curve when it has one', () => {
  assert.equal(describeKey({ type: 'rsa', bits: 3072 }), 'RSA 3072');
  assert.equal(describeKey({ type: 'ec', bits: 256, curve: 'P-256' }), 'EC 256 (P-256)');
});

it('turns a listing into rows: pending requests show what was asked, issued ones the certificate', () => {
  const listing: CertificateListing = {
    own: [
      {
        id: '0123456789abcdef',
        label: 'SIP TLS',
        createdAt: '2026-01-01T00:00:00.000Z',
        state: 'pending',
        request: { algorithm: 'ecdsa-p256', commonName: 'sbc.example.com', dnsNames: ['sbc.example.com'] },
        csrPem: '-----BEGIN CERTIFICATE REQUEST-----\n',
        chain: [],
      },
      {
        id: 'fedcba9876543210',
        label: 'Live',
        createdAt: '2026-01-01T00:00:00.000Z',
        state: 'issued',
        certificate: summary({ daysLeft: -2, pem: 'LEAF' }),
        chain: [summary({ pem: 'INTERMEDIATE' })],
      },
    ],
    trustedCas: [
      {
        id: '1111111111111111',
        label: 'Root',
        createdAt: '2026-01-01T00:00:00.000Z',
        certificate: summary({ subject: 'CN=Example Root', daysLeft: 3000 }),
      },
    ],
    sipTlsCertificateId: 'fedcba9876543210',
  };
  const { own, trusted } = listingRows(listing);
  assert.deepEqual(own[0], {
    id: '0123456789abcdef',
    label: 'SIP TLS',
    state: 'pending',
    commonName: 'sbc.example.com',
    subjectAltNames: ['sbc.example.com'],
    requestedAlgorithm: 'ecdsa-p256',
    csrPem: '-----BEGIN CERTIFICATE REQUEST-----\n',
    usedForSipTls: false,
    publicPems: [],
    usedBy: [],
  });
  assert.deepEqual(own[1]!.publicPems, ['LEAF', 'INTERMEDIATE'], 'export saves the leaf, then its chain');
  assert.equal(own[1]!.commonName, 'sbc.example.com');
  assert.deepEqual(own[1]!.subjectAltNames, ['sbc.example.com', '192.0.2.1']);
  assert.equal(own[1]!.expiry, 'expired');
  assert.equal(own[1]!.key, 'EC 256 (P-256)');
  assert.equal(own[1]!.sha1, 'CC:DD');
  assert.equal(own[1]!.usedForSipTls, true);
  assert.deepEqual(trusted, [
    {
      id: '1111111111111111',
      label: 'Root',
      subject: 'CN=Example Root',
      notAfter: '2027-01-01T00:00:00.000Z',
      daysLeft: 3000,
      expiry: 'ok',
      sha256: 'AA:BB',
      pem: '-----BEGIN CERTIFICATE-----\n',
      usedBy: [],
    },
  ]);
});

it('offers only connected engines and keeps the choice while it stays connected', () => {
  const engine = (id: string, state: EngineView['state']) =>
    ({ id, name: id, address: `${id}:8443`, bundled: false, state }) as EngineView;
  const connected = connectedEngines([
    engine('a', 'needs-login'),
    engine('b', 'connected'),
    engine('c', 'connected'),
  ]);
  assert.deepEqual(
    connected.map((e) => e.id),
    ['b', 'c'],
  );
  assert.equal(pickEngine(connected, 'c'), 'c');
  assert.equal(pickEngine(connected, 'a'), 'b');
  assert.equal(pickEngine(connected, undefined), 'b');
  assert.equal(pickEngine([], 'a'), undefined);
});
