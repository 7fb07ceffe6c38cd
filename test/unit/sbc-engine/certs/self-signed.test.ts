import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { it } from 'node:test';
import {
  fingerprintOfPem,
  fingerprintPrefix,
  normalizeFingerprint,
} from '../../../../sbc-engine/certs/fingerprint.ts';
import { createSelfSignedCertificate } from '../../../../sbc-engine/certs/self-signed.ts';

it('creates a key and a self-signed server certificate that belong together', async () => {
  const { keyPem, certPem } = await createSelfSignedCertificate({
    commonName: 'engine-1',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  const certificate = new X509Certificate(certPem);
  assert.ok(certificate.checkPrivateKey(createPrivateKey(keyPem)));
  assert.ok(certificate.verify(certificate.publicKey), 'self-signed');
  assert.match(certificate.subject, /CN=engine-1/);
  assert.match(certificate.subjectAltName ?? '', /DNS:localhost/);
  assert.match(certificate.subjectAltName ?? '', /IP Address:127.0.0.1/);
  assert.equal(certificate.ca, false);
  assert.match(fingerprintOfPem(certPem), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});

it('fingerprints are compared in one canonical form', () => {
  assert.equal(normalizeFingerprint('ab cd-EF:01'), 'AB:CD:EF:01');
  assert.equal(fingerprintPrefix('AB:CD:EF:01:23:45:67:89:AA', 8), 'AB:CD:EF:01:23:45:67:89');
});
