// Every format a Windows admin or a CA hands over, made by openssl, RSA and ECDSA; and the bad
// files they also hand over, which must fail with the format and the place named.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  inspectCertificateMaterial,
  keyMatches,
  type InspectOptions,
  type InspectResult,
} from '../../../../../sbc-engine/certs/inspect/index.ts';
import {
  createOpensslPki,
  openssl,
  type Issued,
  type KeyType,
  type OpensslPki,
} from '../../../../helpers/openssl-pki.ts';

const PASSWORD = 'Pfx-Secret 1';

interface FormatRow {
  name: string;
  file: (pki: OpensslPki, leaf: Issued) => string;
  options?: InspectOptions;
  format: InspectResult['format'];
  certificates: number;
  keys: number;
}

const formats: FormatRow[] = [
  { name: 'PEM certificate', file: (p, l) => l.certPath, format: 'pem', certificates: 1, keys: 0 },
  { name: 'PEM chain with its key', file: (p, l) => p.bundle('chain-key.pem', [l.certPem, p.intermediate.certPem, l.keyPem]), format: 'pem', certificates: 2, keys: 1 },
  { name: 'DER certificate', file: (p, l) => derOf(p, l), format: 'der-certificate', certificates: 1, keys: 0 },
  { name: 'PKCS#7 bundle (PEM)', file: (p, l) => p.pkcs7('chain.p7b', [l, p.intermediate]), format: 'pem', certificates: 2, keys: 0 },
  { name: 'PKCS#7 bundle (DER)', file: (p, l) => p.pkcs7('chain.p7c', [l, p.intermediate, p.root], true), format: 'pkcs7', certificates: 3, keys: 0 },
  { name: 'PKCS#12 (OpenSSL 3 defaults, AES)', file: (p, l) => p.pkcs12('modern.pfx', l, [p.intermediate], PASSWORD), options: { password: PASSWORD }, format: 'pkcs12', certificates: 2, keys: 1 },
  { name: 'PKCS#12 (legacy 3DES, as older Windows)', file: (p, l) => p.pkcs12('legacy.pfx', l, [p.intermediate, p.root], PASSWORD, true), options: { password: PASSWORD }, format: 'pkcs12', certificates: 3, keys: 1 },
  { name: 'encrypted PKCS#8 key with its passphrase', file: (p, l) => p.bundle('enc.pem', [l.certPem, encryptedKey(p, l)]), options: { password: 'key-pass' }, format: 'pem', certificates: 1, keys: 1 },
]; // prettier-ignore

function derOf(pki: OpensslPki, leaf: Issued): string {
  const path = join(pki.dir, 'leaf.cer');
  openssl(['x509', '-in', leaf.certPath, '-outform', 'DER', '-out', path]);
  return path;
}

function encryptedKey(pki: OpensslPki, leaf: Issued): string {
  return openssl(['pkey', '-in', leaf.keyPath, '-aes256', '-passout', 'pass:key-pass']);
}

for (const keyType of ['rsa', 'ec'] as KeyType[]) {
  describe(`reading certificate files (${keyType.toUpperCase()})`, () => {
    let pki: OpensslPki;
    let leaf: Issued;
    let other: Issued;
    before(() => {
      pki = createOpensslPki(keyType);
      leaf = pki.leaf({ commonName: 'sbc.example.com', dns: ['sbc.example.com', 'sbc2.example.com'] });
      other = pki.leaf({ commonName: 'other.example.com' });
    });
    after(() => pki.cleanup());

    for (const row of formats) {
      it(row.name, () => {
        const result = inspectCertificateMaterial(readFileSync(row.file(pki, leaf)), row.options);
        assert.equal(result.format, row.format);
        assert.equal(result.certificates.length, row.certificates);
        assert.equal(result.keys.length, row.keys);
        assert.deepEqual(result.problems, []);
        const summary = result.certificates.find((c) => c.subject.endsWith('CN=sbc.example.com'));
        assert.ok(summary, 'the leaf is among the certificates');
        assert.equal(summary.sha256Fingerprint, new X509Certificate(leaf.certPem).fingerprint256);
        if (row.keys) assert.equal(result.keys[0]!.matchesCertificate, result.certificates.indexOf(summary));
        assert.ok(!JSON.stringify(result).includes('PRIVATE KEY'), 'no key material in the result');
      });
    }

    it('summarises the leaf as admins compare it', () => {
      const [cert] = inspectCertificateMaterial(Buffer.from(leaf.certPem)).certificates;
      assert.ok(cert);
      assert.deepEqual(cert.subjectAltNames, {
        dns: ['sbc.example.com', 'sbc2.example.com'],
        ip: [],
        uri: [],
      });
      assert.deepEqual(
        cert.key,
        keyType === 'rsa' ? { type: 'RSA', bits: 2048 } : { type: 'EC', bits: 256, curve: 'P-256' },
      );
      assert.equal(cert.signatureAlgorithm, keyType === 'rsa' ? 'RSA with SHA-256' : 'ECDSA with SHA-256');
      assert.deepEqual(cert.extendedKeyUsage, ['serverAuth']);
      assert.deepEqual(cert.keyUsage, ['digitalSignature', 'keyEncipherment']);
      assert.equal(cert.isCA, false);
      assert.equal(cert.selfSigned, false);
      assert.ok(cert.daysLeft >= 363 && cert.daysLeft <= 365, String(cert.daysLeft));
      assert.match(cert.sha1Fingerprint, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
      assert.match(cert.serial, /^[0-9A-F]+$/);
      const root = inspectCertificateMaterial(Buffer.from(pki.root.certPem)).certificates[0];
      assert.equal(root?.selfSigned, true);
      assert.deepEqual(root?.keyUsage, ['keyCertSign', 'cRLSign']);
    });

    it('keyMatches tells the right key from a wrong one', () => {
      assert.equal(keyMatches(leaf.certPem, leaf.keyPem), true);
      assert.equal(keyMatches(leaf.certPem, other.keyPem), false);
    });

    const bad: [string, () => Buffer, InspectOptions, RegExp][] = [
      ['an empty file', () => Buffer.from(' \n'), {}, /the file is empty/],
      ['garbage', () => Buffer.from('this is not a certificate\n'), {}, /not a certificate file/],
      ['a truncated PEM', () => Buffer.from(leaf.certPem.slice(0, 200)), {}, /BEGIN CERTIFICATE at line 1 has no END line/],
      ['a damaged certificate', () => Buffer.from(leaf.certPem.replace(/\n(.{8})/, '\nAAAAAAAA')), {}, /line 1 is not a valid X\.509 certificate/],
      ['a truncated DER file', () => readFileSync(derOf(pki, leaf)).subarray(0, 100), {}, /not a certificate file/],
      ['a PFX with the wrong password', () => readFileSync(pki.pkcs12('w.pfx', leaf, [], PASSWORD)), { password: 'nope' }, /the PFX password is wrong/],
      ['a PFX without its password', () => readFileSync(pki.pkcs12('n.pfx', leaf, [], PASSWORD)), {}, /protected by a password/],
    ]; // prettier-ignore
    for (const [name, bytes, options, message] of bad) {
      it(`rejects ${name} with a clear error`, () => {
        assert.throws(() => inspectCertificateMaterial(bytes(), options), {
          name: 'CertificateInputError',
          message,
        });
      });
    }

    const flawed: [string, () => string[], InspectOptions, string][] = [
      ['a key that does not match the certificate', () => [leaf.certPem, other.keyPem], {}, 'key-mismatch'],
      ['an encrypted key without its passphrase', () => [leaf.certPem, encryptedKey(pki, leaf)], {}, 'key-encrypted'],
      ['an encrypted key with a wrong passphrase', () => [leaf.certPem, encryptedKey(pki, leaf)], { password: 'x' }, 'key-unreadable'],
      ['a key alone', () => [leaf.keyPem], {}, 'no-certificate'],
      ['a CSR next to the certificate', () => [leaf.certPem, readFileSync(leaf.certPath.replace(/\.pem$/, '.csr'), 'utf8')], {}, 'ignored-block'],
    ]; // prettier-ignore
    for (const [name, parts, options, code] of flawed) {
      it(`reports ${name}`, () => {
        const file = join(pki.dir, 'flawed.pem');
        writeFileSync(file, parts().join(''));
        const result = inspectCertificateMaterial(readFileSync(file), options);
        assert.deepEqual(
          result.problems.map((p) => p.code),
          [code],
        );
      });
    }
  });
}
