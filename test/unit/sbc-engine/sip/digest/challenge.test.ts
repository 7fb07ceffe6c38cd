import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseChallengeHeaders, parseChallenges } from '../../../../../sbc-engine/sip/digest/challenge.ts';
import type { DigestChallenge } from '../../../../../sbc-engine/sip/digest/types.ts';

type Expect = Partial<Omit<DigestChallenge, 'params'>>;

// One row per header value: what the first challenge must look like (and how many there are).
const valid: { name: string; value: string | string[]; count?: number; expect: Expect }[] = [
  {
    name: 'RFC 2617 §3.5 challenge',
    value:
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    expect: {
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      qop: ['auth', 'auth-int'],
      algorithm: 'MD5',
      stale: false,
    },
  },
  {
    name: 'RFC 3261 §22.4 style, algorithm token and stale',
    value: 'Digest realm="biloxi.com", qop="auth", nonce="abc", opaque="", stale=FALSE, algorithm=MD5',
    expect: { realm: 'biloxi.com', opaque: '', stale: false, algorithm: 'MD5', qop: ['auth'] },
  },
  {
    name: 'case-insensitive scheme, names and algorithm',
    value: 'dIgEsT REALM="r", NoNcE="n", Algorithm=sha-256-SESS, STALE=True, QOP="AUTH"',
    expect: { realm: 'r', nonce: 'n', algorithm: 'SHA-256-sess', stale: true, qop: ['auth'] },
  },
  {
    name: 'whitespace anywhere, tabs and folded lines',
    value: '  Digest\t realm \t=\t"r" ,\r\n nonce = "n"  ,algorithm =  SHA-256 , ',
    expect: { realm: 'r', nonce: 'n', algorithm: 'SHA-256' },
  },
  {
    name: 'backslash escapes and commas inside quotes',
    value: 'Digest realm="a \\"quoted\\", realm\\\\x", nonce="n,1=2"',
    expect: { realm: 'a "quoted", realm\\x', nonce: 'n,1=2' },
  },
  {
    name: 'token values and quoted algorithm are accepted',
    value: 'Digest realm=example.com, nonce=abc123, algorithm="SHA-256", qop=auth',
    expect: { realm: 'example.com', nonce: 'abc123', algorithm: 'SHA-256', qop: ['auth'] },
  },
  {
    name: 'domain list',
    value: 'Digest realm="r", nonce="n", domain="sip:a.example.com  sip:b.example.com"',
    expect: { domain: ['sip:a.example.com', 'sip:b.example.com'] },
  },
  {
    name: 'SHA-512-256 is recognised',
    value: 'Digest realm="r", nonce="n", algorithm=sha-512-256',
    expect: { algorithm: 'SHA-512-256' },
  },
  {
    name: 'unknown algorithm kept as sent',
    value: 'Digest realm="r", nonce="n", algorithm=AKAv1-MD5',
    expect: { algorithm: 'AKAv1-MD5' },
  },
  {
    name: 'two challenges in one value (RFC 8760 §2.4 offer)',
    value: 'Digest realm="r", nonce="n1", algorithm=SHA-256, Digest realm="r", nonce="n2", algorithm=MD5',
    count: 2,
    expect: { nonce: 'n1', algorithm: 'SHA-256' },
  },
  {
    name: 'Basic before Digest in one value is skipped',
    value: 'Basic realm="x", charset="UTF-8", Digest realm="r", nonce="n"',
    count: 1,
    expect: { realm: 'r' },
  },
  {
    name: 'token68 scheme before Digest is skipped',
    value: 'Negotiate YWJjZA==, Digest realm="r", nonce="n"',
    count: 1,
    expect: { realm: 'r' },
  },
  {
    name: 'several header lines',
    value: ['Digest realm="r", nonce="n1", algorithm=SHA-256', 'Digest realm="r", nonce="n2"'],
    count: 2,
    expect: { nonce: 'n1' },
  },
  {
    name: 'empty list elements',
    value: ',, Digest ,realm="r",, nonce="n" ,',
    expect: { realm: 'r', nonce: 'n' },
  },
];

for (const row of valid) {
  it(`parses: ${row.name}`, () => {
    const result = parseChallenges(row.value);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.value.length, row.count ?? 1);
    const first = result.value[0];
    assert.ok(first);
    for (const [key, value] of Object.entries(row.expect)) {
      assert.deepEqual(first[key as keyof DigestChallenge], value, key);
    }
  });
}

it('keeps unknown parameters, names lower-cased', () => {
  const result = parseChallenges('Digest realm="r", nonce="n", X-Extra="v", userhash=false');
  assert.ok(result.ok);
  assert.equal(result.value[0]?.params['x-extra'], 'v');
  assert.equal(result.value[0]?.params['userhash'], 'false');
});

it('stores a parameter named __proto__ as an ordinary parameter', () => {
  const result = parseChallenges('Digest realm="r", nonce="n", __proto__="x", constructor=y');
  assert.ok(result.ok);
  assert.equal(result.value[0]?.params['__proto__'], 'x');
  assert.equal(result.value[0]?.params['constructor'], 'y');
});

const invalid: { name: string; value: string; error: RegExp }[] = [
  {
    name: 'unterminated quote',
    value: 'Digest nonce="n", realm="r',
    error: /unterminated quoted string.*"realm"/,
  },
  { name: 'quote swallowing a comma', value: 'Digest realm="r, nonce="n"', error: /expected ",".*"realm"/ },
  {
    name: 'unterminated quote in nonce',
    value: 'Digest realm="r", nonce="abc',
    error: /unterminated.*"nonce"/,
  },
  { name: 'trailing backslash', value: 'Digest realm="r", nonce="abc\\', error: /unterminated.*"nonce"/ },
  { name: 'missing nonce', value: 'Digest realm="r", qop="auth"', error: /"nonce"/ },
  { name: 'empty nonce', value: 'Digest realm="r", nonce=""', error: /"nonce".*empty/ },
  { name: 'missing realm', value: 'Digest nonce="n"', error: /"realm"/ },
  { name: 'unknown scheme Basic', value: 'Basic realm="x"', error: /Basic/ },
  { name: 'empty header', value: '   ', error: /no challenge/ },
  {
    name: 'duplicate parameter',
    value: 'Digest realm="r", nonce="a", nonce="b"',
    error: /duplicate.*"nonce"/,
  },
  { name: 'missing comma', value: 'Digest realm="r" nonce="n"', error: /expected ",".*"realm"/ },
  { name: 'parameter without value', value: 'Digest realm="r", nonce=', error: /"nonce".*no value/ },
  { name: 'parameter before scheme', value: 'realm="r", Digest nonce="n"', error: /"realm".*before/ },
  { name: 'stray character', value: 'Digest realm="r", @nonce="n"', error: /unexpected "@"/ },
  { name: 'Digest with token68', value: 'Digest abcdef==', error: /name=value/ },
  { name: 'empty qop list', value: 'Digest realm="r", nonce="n", qop=" , "', error: /"qop"/ },
  { name: 'empty algorithm', value: 'Digest realm="r", nonce="n", algorithm=""', error: /"algorithm"/ },
];

for (const row of invalid) {
  it(`rejects: ${row.name}`, () => {
    const result = parseChallenges(row.value);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, row.error);
  });
}

it('tags challenges with their header and accepts header names in any case', () => {
  const result = parseChallengeHeaders([
    { name: 'proxy-authenticate', value: 'Digest realm="p", nonce="1"' },
    { name: 'WWW-AUTHENTICATE', value: 'Digest realm="w", nonce="2"' },
  ]);
  assert.ok(result.ok);
  assert.deepEqual(
    result.value.map((c) => [c.header, c.realm]),
    [
      ['Proxy-Authenticate', 'p'],
      ['WWW-Authenticate', 'w'],
    ],
  );
});

it('skips a header field offering only Basic, but not a malformed Digest field', () => {
  const skipped = parseChallengeHeaders([
    { name: 'WWW-Authenticate', value: 'Basic realm="x"' },
    { name: 'WWW-Authenticate', value: 'Digest realm="r", nonce="n"' },
  ]);
  assert.ok(skipped.ok);
  assert.equal(skipped.value.length, 1);
  const broken = parseChallengeHeaders([
    { name: 'WWW-Authenticate', value: 'Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth' },
    { name: 'WWW-Authenticate', value: 'Digest realm="r", nonce="n"' },
  ]);
  assert.equal(broken.ok, false);
  assert.match(broken.ok ? '' : broken.error, /unterminated.*"qop"/);
});

it('rejects a header that is not a challenge header', () => {
  const result = parseChallengeHeaders([{ name: 'Authorization', value: 'Digest realm="r", nonce="n"' }]);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /Authorization/);
});
