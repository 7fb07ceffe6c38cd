// Chain building and checks on chains made by openssl, RSA and ECDSA, one row per problem an admin
// meets when importing a CA-signed certificate (seeds 001 and 003).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  buildChain,
  pickLeaf,
  type ChainOptions,
  type ProblemCode,
} from '../../../../../sbc-engine/certs/chain/index.ts';
import {
  createOpensslPki,
  daysFromNow,
  type Issued,
  type KeyType,
  type OpensslPki,
} from '../../../../helpers/openssl-pki.ts';

interface Material {
  pki: OpensslPki;
  other: OpensslPki; // same CA names, other keys: an impostor intermediate
  leaves: Record<string, Issued>;
}

interface Row {
  name: string;
  leaf: string;
  pool: (m: Material) => Issued[];
  trusted?: (m: Material) => Issued[];
  options?: ChainOptions;
  codes: ProblemCode[];
  chainLength?: number;
  toSend?: number;
  message?: RegExp;
}

const x = (issued: Issued) => new X509Certificate(issued.certPem);
const leafAndIntermediate = (m: Material) => [m.leaves.good!, m.pki.intermediate];
const root = (m: Material) => [m.pki.root];

const rows: Row[] = [
  { name: 'complete chain, trusted root', leaf: 'good', pool: leafAndIntermediate, codes: [], chainLength: 3, toSend: 2 },
  {
    name: 'missing intermediate',
    leaf: 'good',
    pool: (m) => [m.leaves.good!],
    codes: ['missing-issuer'],
    chainLength: 1,
    message: /Issuing CA.*unable to get local issuer certificate/,
  },
  { name: 'wrong order', leaf: 'good', pool: (m) => [m.pki.intermediate, m.leaves.good!], codes: ['wrong-order'], chainLength: 3 },
  { name: 'bundle with the root', leaf: 'good', pool: (m) => [m.leaves.good!, m.pki.intermediate, m.pki.root], codes: ['root-in-bundle'], chainLength: 3, toSend: 2 },
  {
    name: 'bundle with the root, reversed',
    leaf: 'good',
    pool: (m) => [m.pki.root, m.pki.intermediate, m.leaves.good!],
    codes: ['root-in-bundle', 'wrong-order'],
    chainLength: 3,
  },
  {
    name: 'root not trusted',
    leaf: 'good',
    pool: (m) => [m.leaves.good!, m.pki.intermediate, m.pki.root],
    trusted: () => [],
    codes: ['root-in-bundle', 'root-not-trusted'],
    message: /not among the trusted roots/,
  },
  { name: 'expired leaf', leaf: 'expired', pool: (m) => [m.leaves.expired!, m.pki.intermediate], codes: ['expired'], message: /expired on \d{4}-\d\d-\d\d/ },
  { name: 'not yet valid leaf', leaf: 'future', pool: (m) => [m.leaves.future!, m.pki.intermediate], codes: ['not-yet-valid'], message: /starts on/ },
  {
    name: 'everything expired two years from now',
    leaf: 'good',
    pool: leafAndIntermediate,
    options: { now: daysFromNow(730) },
    codes: ['expired', 'expired', 'expired'],
  },
  { name: 'right name', leaf: 'good', pool: leafAndIntermediate, options: { expectedName: 'sbc.example.com', nameCheck: 'exact' }, codes: [] },
  { name: 'wrong name', leaf: 'good', pool: leafAndIntermediate, options: { expectedName: 'sbc2.example.com' }, codes: ['name-mismatch'], message: /sbc2\.example\.com/ },
  { name: 'wildcard, one label deep', leaf: 'wildcard', pool: (m) => [m.leaves.wildcard!, m.pki.intermediate], options: { expectedName: 'sbc.example.com' }, codes: [] },
  { name: 'wildcard, two labels deep', leaf: 'wildcard', pool: (m) => [m.leaves.wildcard!, m.pki.intermediate], options: { expectedName: 'a.sbc.example.com' }, codes: ['name-mismatch'] },
  { name: 'wildcard under RFC 5922', leaf: 'wildcard', pool: (m) => [m.leaves.wildcard!, m.pki.intermediate], options: { expectedName: 'sbc.example.com', nameCheck: 'rfc5922' }, codes: ['name-mismatch'], message: /wildcards/ },
  { name: 'no serverAuth', leaf: 'clientOnly', pool: (m) => [m.leaves.clientOnly!, m.pki.intermediate], codes: ['missing-eku'], message: /serverAuth/ },
  { name: 'clientAuth for a mutual TLS client', leaf: 'clientOnly', pool: (m) => [m.leaves.clientOnly!, m.pki.intermediate], options: { purpose: 'client' }, codes: [] },
  { name: 'server certificate used as a client', leaf: 'good', pool: leafAndIntermediate, options: { purpose: 'client' }, codes: ['missing-eku'], message: /clientAuth/ },
  { name: 'no EKU at all', leaf: 'noEku', pool: (m) => [m.leaves.noEku!, m.pki.intermediate], codes: ['no-eku'] },
  { name: '1024-bit RSA key', leaf: 'weak', pool: (m) => [m.leaves.weak!, m.pki.intermediate], codes: ['key-too-small'], message: /1024-bit RSA/ },
  { name: 'self-signed leaf', leaf: 'self', pool: (m) => [m.leaves.self!], codes: ['self-signed-leaf'], chainLength: 1 },
  { name: 'impostor intermediate with the right name', leaf: 'good', pool: (m) => [m.leaves.good!, m.other.intermediate], codes: ['bad-signature', 'unused-certificate'] },
  { name: 'unrelated certificate in the bundle', leaf: 'good', pool: (m) => [m.leaves.good!, m.pki.intermediate, m.leaves.wildcard!], codes: ['unused-certificate'] },
]; // prettier-ignore

for (const keyType of ['rsa', 'ec'] as KeyType[]) {
  describe(`chain checks (${keyType.toUpperCase()})`, () => {
    const m = {} as Material;
    before(() => {
      m.pki = createOpensslPki(keyType);
      m.other = createOpensslPki(keyType);
      const leaf = m.pki.leaf.bind(m.pki);
      m.leaves = {
        good: leaf({ commonName: 'sbc.example.com' }),
        expired: leaf({
          commonName: 'old.example.com',
          notBefore: daysFromNow(-400),
          notAfter: daysFromNow(-10),
        }),
        future: leaf({
          commonName: 'new.example.com',
          notBefore: daysFromNow(10),
          notAfter: daysFromNow(400),
        }),
        wildcard: leaf({ commonName: '*.example.com' }),
        clientOnly: leaf({ commonName: 'client.example.com', eku: 'clientAuth' }),
        noEku: leaf({ commonName: 'any.example.com', eku: 'none' }),
        weak: leaf({ commonName: 'weak.example.com', keyType: 'rsa', rsaBits: 1024 }),
        self: leaf({ commonName: 'self.example.com', issuer: 'self' }),
      };
    });
    after(() => {
      m.pki.cleanup();
      m.other.cleanup();
    });

    for (const row of rows) {
      it(row.name, () => {
        const result = buildChain(
          x(m.leaves[row.leaf]!),
          row.pool(m).map(x),
          (row.trusted ?? root)(m).map(x),
          row.options,
        );
        const codes = result.problems.map((p) => p.code).sort();
        assert.deepEqual(codes, [...row.codes].sort(), JSON.stringify(result.problems, null, 2));
        if (row.chainLength !== undefined) assert.equal(result.chain.length, row.chainLength);
        if (row.toSend !== undefined) assert.equal(result.toSend.length, row.toSend);
        if (row.message)
          assert.ok(
            result.problems.some((p) => row.message!.test(p.message)),
            row.message.source,
          );
        for (const p of result.problems) assert.ok(p.message.length > 20 && !p.message.includes('undefined'));
      });
    }

    it('puts the chain in issuing order whatever the input order', () => {
      const result = buildChain(
        x(m.leaves.good!),
        [m.pki.root, m.pki.intermediate, m.leaves.good!].map(x),
        [],
      );
      assert.deepEqual(
        result.chain.map((c) => c.subject.split('\n').at(-1)),
        ['CN=sbc.example.com', `CN=${m.pki.intermediate.name}`, `CN=${m.pki.root.name}`],
      );
    });

    it('picks the leaf of a reversed bundle', () => {
      const certs = [m.pki.root, m.pki.intermediate, m.leaves.good!].map(x);
      assert.equal(pickLeaf(certs)?.subject, x(m.leaves.good!).subject);
    });
  });
}
