// Key and request creation: every request must verify with openssl, the program CAs run, and carry
// the names and key the admin asked for.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  createKeyAndRequest,
  validateRequestSpec,
  type KeyAlgorithm,
} from '../../../../../sbc-engine/certs/csr/index.ts';
import { openssl } from '../../../../helpers/openssl-pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'sbc-csr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const rows: { algorithm: KeyAlgorithm; type: string; detail: Record<string, unknown> }[] = [
  { algorithm: 'rsa-2048', type: 'rsa', detail: { modulusLength: 2048 } },
  { algorithm: 'rsa-3072', type: 'rsa', detail: { modulusLength: 3072 } },
  { algorithm: 'rsa-4096', type: 'rsa', detail: { modulusLength: 4096 } },
  { algorithm: 'ecdsa-p256', type: 'ec', detail: { namedCurve: 'prime256v1' } },
  { algorithm: 'ecdsa-p384', type: 'ec', detail: { namedCurve: 'secp384r1' } },
];

describe('createKeyAndRequest', () => {
  for (const row of rows) {
    it(`makes a ${row.algorithm} key and a request that verifies`, async () => {
      const dnsNames = ['sbc.example.com', 'sbc2.example.com'];
      const { keyPem, csrPem } = await createKeyAndRequest({
        algorithm: row.algorithm,
        commonName: 'sbc.example.com',
        dnsNames,
        organization: 'Contoso, Ltd + Partners',
        country: 'DE',
      });
      assert.match(keyPem, /^-----BEGIN PRIVATE KEY-----/);
      const key = createPrivateKey(keyPem);
      assert.equal(key.asymmetricKeyType, row.type);
      for (const [name, value] of Object.entries(row.detail))
        assert.equal((key.asymmetricKeyDetails as Record<string, unknown>)[name], value);

      const path = join(dir, `${row.algorithm}.csr`);
      writeFileSync(path, csrPem);
      openssl(['req', '-verify', '-noout', '-in', path]); // throws when the signature is bad

      const request = new x509.Pkcs10CertificateRequest(csrPem);
      assert.equal(await request.verify(), true);
      assert.equal(request.subjectName.getField('CN')[0], 'sbc.example.com');
      assert.equal(request.subjectName.getField('O')[0], 'Contoso, Ltd + Partners');
      assert.equal(request.subjectName.getField('C')[0], 'DE');
      const san = request.extensions.find(
        (ext): ext is x509.SubjectAlternativeNameExtension =>
          ext instanceof x509.SubjectAlternativeNameExtension,
      );
      assert.deepEqual(
        san?.names.items.map((name) => name.value),
        dnsNames,
      );
      // The request carries the public half of the returned key, not some other key.
      const requestKey = createPublicKey({
        key: Buffer.from(request.publicKey.rawData),
        format: 'der',
        type: 'spki',
      });
      assert.ok(requestKey.equals(createPublicKey(key)));
    });
  }

  it('refuses bad arguments before generating a key', async () => {
    const base = {
      algorithm: 'rsa-2048' as const,
      commonName: 'sbc.example.com',
      dnsNames: ['sbc.example.com'],
    };
    assert.throws(
      () => validateRequestSpec({ ...base, algorithm: 'rsa-1024' as KeyAlgorithm }),
      /unknown key algorithm "rsa-1024"/,
    );
    assert.throws(() => validateRequestSpec({ ...base, dnsNames: [] }), /at least one DNS name/);
    assert.throws(() => validateRequestSpec({ ...base, commonName: ' ' }), /common name/);
    assert.throws(
      () => validateRequestSpec({ ...base, dnsNames: ['other.example.com'] }),
      /must also be one of the DNS names/,
    );
    assert.throws(() => validateRequestSpec({ ...base, country: 'Germany' }), /two-letter code/);
    await assert.rejects(createKeyAndRequest({ ...base, dnsNames: [] }), /at least one DNS name/);
  });
});
