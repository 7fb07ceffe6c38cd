// The seed-001 flow on the store: request → CA signs → import signed → import intermediates → the
// engine serves it over TLS to a client that trusts only the root. Plus PFX and trusted-CA imports.
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { buildChain, hasErrors } from '../../../../../sbc-engine/certs/chain/index.ts';
import { keyMatches } from '../../../../../sbc-engine/certs/inspect/index.ts';
import { CertificateStore } from '../../../../../sbc-engine/certs/store/index.ts';
import { createOpensslPki, signRequest, type OpensslPki } from '../../../../helpers/openssl-pki.ts';
import { tempStore, type TempStore } from './fixtures.ts';

let pki: OpensslPki;
let t: TempStore;
before(() => {
  pki = createOpensslPki('rsa');
  t = tempStore();
});
after(() => {
  pki.cleanup();
  t.cleanup();
});

async function handshake(material: { key: string; cert: string }, ca: string): Promise<string> {
  const server: Server = createServer(material, (socket) => socket.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca, servername: 'sbc.example.com' }, () => {
        socket.setEncoding('utf8');
        let text = '';
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('end', () => resolve(text));
      });
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('CertificateStore: request, sign, import, serve', () => {
  let id = '';

  it('creates a pending request whose key is encrypted at rest', async () => {
    const spec = {
      algorithm: 'ecdsa-p256' as const,
      commonName: 'sbc.example.com',
      dnsNames: ['sbc.example.com'],
    };
    const created = await t.store.createRequest('Teams SBC', spec);
    id = created.id;
    assert.match(created.csrPem, /BEGIN CERTIFICATE REQUEST/);
    const [entry] = t.store.list().own;
    assert.equal(entry?.state, 'pending');
    assert.deepEqual(entry?.request?.dnsNames, ['sbc.example.com']);
    const keyFiles = readdirSync(join(t.dir, 'keys'));
    assert.deepEqual(keyFiles, [`${id}.key`]);
    assert.ok(!readFileSync(join(t.dir, 'keys', keyFiles[0]!)).includes('BEGIN'));
    assert.ok(!t.indexText().includes('PRIVATE KEY'));
  });

  it('imports the signed certificate, then the intermediates with the root set aside', () => {
    const signed = t.store.importSigned(id, signRequest(pki, t.store.list().own[0]!.csrPem!));
    assert.ok(
      signed.problems.some((p) => p.code === 'missing-issuer'),
      'the intermediate is still missing',
    );
    const bundle = readFileSync(pki.bundle('ca-bundle.pem', [pki.intermediate.certPem, pki.root.certPem]));
    const result = t.store.importIntermediates(id, bundle);
    assert.deepEqual(result.setAsideRoots, [`O=SBC Studio Tests, CN=${pki.root.name}`]);
    assert.equal(hasErrors(result.problems), false);
    const [entry] = t.store.list().own;
    assert.equal(entry?.state, 'issued');
    assert.equal(entry?.chain.length, 1);
    assert.ok(!JSON.stringify(t.store.list()).includes('PRIVATE KEY'));
  });

  it('calls a chain complete when it ends below a public root the peers have, without trusting that root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbc-store-public-'));
    try {
      const store = CertificateStore.open(dir, {
        keyFile: join(dir, 'store.key'),
        publicRoots: () => [new X509Certificate(pki.root.certPem)],
      });
      const spec = {
        algorithm: 'rsa-2048' as const,
        commonName: 'sbc.example.com',
        dnsNames: ['sbc.example.com'],
      };
      const created = await store.createRequest('Public CA', spec);
      const signed = store.importSigned(created.id, signRequest(pki, created.csrPem));
      const missing = signed.problems.filter((p) => p.code === 'missing-issuer');
      assert.equal(missing.length, 1, 'the leaf alone still lacks its intermediate');
      assert.match(missing[0]!.message, new RegExp(pki.intermediate.name));
      const result = store.importIntermediates(created.id, Buffer.from(pki.intermediate.certPem));
      assert.deepEqual(
        result.problems.filter((p) => p.code === 'missing-issuer'),
        [],
      );
      assert.deepEqual(store.list().trustedCas, [], 'a public root is known, not trusted by the store');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the leaf and chain over TLS to a client that trusts only the root', async () => {
    const material = t.store.tlsMaterial(id);
    assert.equal(await handshake(material, pki.root.certPem), 'hello');
    const [leaf, ...chain] = material.cert
      .split(/(?<=-----END CERTIFICATE-----\n)/)
      .map((pem) => new X509Certificate(pem));
    const built = buildChain(leaf!, chain, [new X509Certificate(pki.root.certPem)]);
    assert.equal(hasErrors(built.problems), false, JSON.stringify(built.problems));
    assert.equal(built.trusted, true);
  });

  it('reopening the store from disk gives the same list', () => {
    assert.deepEqual(t.reopen().list(), t.store.list());
  });

  it('removes an entry and its key file', async () => {
    const spec = {
      algorithm: 'rsa-2048' as const,
      commonName: 'gone.example.com',
      dnsNames: ['gone.example.com'],
    };
    const created = await t.store.createRequest('to remove', spec);
    t.store.remove(created.id);
    assert.deepEqual(readdirSync(join(t.dir, 'keys')), [`${id}.key`]);
    assert.deepEqual(
      t
        .reopen()
        .list()
        .own.map((e) => e.id),
      [id],
    );
    assert.throws(() => t.store.remove(created.id), /no certificate entry/);
  });
});

describe('CertificateStore: PKCS#12 and trusted CAs', () => {
  it('imports a PFX with the right password: key, leaf and chain at once', () => {
    const leaf = pki.leaf({ commonName: 'pfx.example.com' });
    const pfx = readFileSync(pki.pkcs12('sbc.pfx', leaf, [pki.intermediate, pki.root], 'Secret1'));
    const before = t.indexText();
    assert.throws(() => t.store.importPkcs12('PFX', pfx, 'wrong'), /PFX password is wrong/);
    assert.equal(t.indexText(), before, 'a refused PFX changes nothing');
    const result = t.store.importPkcs12('From Windows', pfx, 'Secret1');
    assert.equal(result.setAsideRoots.length, 1);
    const material = t.store.tlsMaterial(result.id);
    assert.ok(keyMatches(leaf.certPem, material.key));
    assert.equal(createPrivateKey(material.key).asymmetricKeyType, 'rsa');
    assert.equal(material.cert.match(/BEGIN CERTIFICATE/g)?.length, 2);
  });

  it('trusts a root, ignores a duplicate and refuses a leaf', () => {
    const { ids } = t.store.addTrustedCa('Test root', Buffer.from(pki.root.certPem));
    assert.equal(ids.length, 1);
    assert.deepEqual(t.store.addTrustedCa('Again', Buffer.from(pki.root.certPem)).ids, []);
    const before = t.indexText();
    const leaf = pki.leaf({ commonName: 'leaf.example.com' });
    assert.throws(() => t.store.addTrustedCa('Leaf', Buffer.from(leaf.certPem)), /is not a CA certificate/);
    assert.equal(t.indexText(), before);
    assert.deepEqual(
      t.store.trustedCaPems(),
      [pki.root.certPem.trim() + '\n'].map((p) => new X509Certificate(p).toString()),
    );
    assert.deepEqual(
      t
        .reopen()
        .list()
        .trustedCas.map((e) => e.label),
      ['Test root'],
    );
  });
});
