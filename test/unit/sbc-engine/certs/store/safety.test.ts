// Refusals: each leaves the store exactly as it was (same store.json, same key files), and each
// message says what is wrong in words an admin can act on.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CertificateStore, CertificateStoreError } from '../../../../../sbc-engine/certs/store/index.ts';
import { createOpensslPki, signRequest, type OpensslPki } from '../../../../helpers/openssl-pki.ts';
import { tempStore, type TempStore } from './fixtures.ts';

let pki: OpensslPki;
let t: TempStore;
let pending = '';
let issued = '';
const spec = {
  algorithm: 'ecdsa-p256' as const,
  commonName: 'sbc.example.com',
  dnsNames: ['sbc.example.com'],
};

before(async () => {
  pki = createOpensslPki('ec');
  t = tempStore();
  pending = (await t.store.createRequest('pending', spec)).id;
  const other = await t.store.createRequest('issued', spec);
  issued = other.id;
  t.store.importSigned(issued, signRequest(pki, other.csrPem));
});
after(() => {
  pki.cleanup();
  t.cleanup();
});

function unchanged(action: () => unknown, message: RegExp): void {
  const index = t.indexText();
  const keys = readdirSync(join(t.dir, 'keys')).sort();
  assert.throws(action, message);
  assert.equal(t.indexText(), index, 'store.json changed');
  assert.deepEqual(readdirSync(join(t.dir, 'keys')).sort(), keys, 'key files changed');
}

describe('CertificateStore refusals', () => {
  it('refuses a certificate made for another key', () => {
    const foreign = pki.leaf({ commonName: 'sbc.example.com' });
    unchanged(
      () => t.store.importSigned(pending, Buffer.from(foreign.certPem)),
      /does not belong to this request/,
    );
    assert.equal(t.store.list().own.find((e) => e.id === pending)?.state, 'pending');
  });

  const garbage: [string, Buffer][] = [
    ['random bytes', Buffer.from([0x13, 0x37, 0x00, 0xff, 0x42])],
    ['text', Buffer.from('hello, this is not a certificate')],
    ['truncated PEM', Buffer.from(truncatedPem())],
    ['empty file', Buffer.alloc(0)],
  ];
  for (const [name, bytes] of garbage) {
    it(`gives a clear error for ${name} on every import`, () => {
      const clear = /not a certificate file|no BEGIN|empty|no certificate|END|not a valid/i;
      unchanged(() => t.store.importSigned(pending, bytes), clear);
      unchanged(() => t.store.importIntermediates(issued, bytes), clear);
      unchanged(() => t.store.addTrustedCa('x', bytes), clear);
      unchanged(() => t.store.importPkcs12('x', bytes, 'pw'), clear);
    });
  }

  it('refuses a leaf among intermediates, and steps out of order', () => {
    const stranger = pki.leaf({ commonName: 'other.example.com' });
    unchanged(
      () => t.store.importIntermediates(issued, Buffer.from(stranger.certPem)),
      /is not a CA certificate/,
    );
    unchanged(
      () => t.store.importIntermediates(pending, Buffer.from(pki.intermediate.certPem)),
      /import the signed certificate first/,
    );
    unchanged(() => t.store.tlsMaterial(pending), /no certificate yet/);
    unchanged(() => t.store.importSigned('0123456789abcdef', Buffer.from('x')), /no own certificate entry/);
    unchanged(() => t.store.importPkcs12('PEM', Buffer.from(pki.root.certPem), 'pw'), /not a PKCS#12/);
    unchanged(() => t.store.addTrustedCa(' ', Buffer.from(pki.root.certPem)), /give the entry a label/);
  });
});

describe('CertificateStore on disk', () => {
  it('refuses a damaged store.json with the field named, and does not overwrite it', () => {
    const path = join(t.dir, 'store.json');
    const good = readFileSync(path, 'utf8');
    const damaged = JSON.parse(good) as { own: { id: string }[] };
    damaged.own[1]!.id = '../../etc/passwd';
    writeFileSync(path, JSON.stringify(damaged));
    assert.throws(
      () => t.reopen(),
      (error: Error) => {
        assert.ok(error instanceof CertificateStoreError);
        assert.match(error.message, /store\.json is damaged at own\.1\.id: expected 16 hex digits/);
        return true;
      },
    );
    writeFileSync(path, good.slice(0, 50));
    assert.throws(() => t.reopen(), /store\.json is damaged \(not valid JSON/);
    assert.equal(readFileSync(path, 'utf8'), good.slice(0, 50), 'left as found for the admin to restore');
    writeFileSync(path, good);
  });

  it('needs the same store key to read the keys', () => {
    const original = readFileSync(t.keyFile);
    rmSync(t.keyFile);
    assert.throws(() => t.reopen(), /store key file .* is missing/);
    writeFileSync(t.keyFile, Buffer.alloc(32, 7));
    assert.throws(() => t.reopen().tlsMaterial(issued), /cannot be decrypted/);
    writeFileSync(t.keyFile, Buffer.alloc(5));
    assert.throws(() => t.reopen(), /must hold 32 bytes/);
    writeFileSync(t.keyFile, original);
    assert.match(t.reopen().tlsMaterial(issued).key, /BEGIN PRIVATE KEY/);
  });

  it('creates the store key with mode 0600', { skip: process.platform === 'win32' }, () => {
    const keyFile = join(t.dir, 'fresh.key');
    assert.equal(CertificateStore.open(join(t.dir, 'fresh'), { keyFile }).list().own.length, 0);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  });
});

// A PEM certificate cut off in transit (a half-pasted mail): a BEGIN line and no END line.
function truncatedPem(): string {
  return `-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(40)}\n`;
}
