import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseChallenges } from '../../../../../sbc-engine/sip/digest/challenge.ts';
import {
  computeCredentials,
  formatNonceCount,
  quote,
} from '../../../../../sbc-engine/sip/digest/response.ts';
import type { DigestResponseInput } from '../../../../../sbc-engine/sip/digest/response.ts';
import type { DigestChallenge } from '../../../../../sbc-engine/sip/digest/types.ts';

function challenge(value: string, header: 'WWW-Authenticate' | 'Proxy-Authenticate' = 'WWW-Authenticate') {
  const parsed = parseChallenges(value, header);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.value[0] as DigestChallenge;
}

const RFC7616 = {
  challenge: (algorithm: string) =>
    `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
    'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  // RFC 7616 §3.9.1 uses a lower-case "of" (erratum 4495), unlike RFC 2617's "Circle Of Life".
  request: { method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle of Life' },
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};

const BILOXI = 'realm="biloxi.com", nonce="dc3a5ab2530aa93112cf5904ba7d88fa"';
const BOB = { username: 'bob', password: 'zanzibar' };

// Expected responses were computed independently with `openssl dgst` (md5 / sha256) over the
// A1/A2 strings of RFC 7616 §3.4, not with this code.
const vectors: {
  name: string;
  challenge: string;
  input: Omit<DigestResponseInput, 'challenge'>;
  response: string;
  value?: string;
}[] = [
  {
    name: 'RFC 2617 §3.5 (MD5, qop=auth)',
    challenge:
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    input: {
      method: 'GET',
      uri: '/dir/index.html',
      username: 'Mufasa',
      password: 'Circle Of Life',
      nc: 1,
      cnonce: '0a4f113b',
    },
    response: '6629fae49393a05397450978507c4ef1',
    value:
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
      'uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", ' +
      'qop=auth, nc=00000001, opaque="5ccc069c403ebaf9f0171e9517f40e41"',
  },
  {
    name: 'RFC 7616 §3.9.1 SHA-256',
    challenge: RFC7616.challenge('SHA-256'),
    input: { ...RFC7616.request, nc: 1, cnonce: RFC7616.cnonce },
    response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  },
  {
    name: 'RFC 7616 §3.9.1 MD5',
    challenge: RFC7616.challenge('MD5'),
    input: { ...RFC7616.request, nc: 1, cnonce: RFC7616.cnonce },
    response: '8ca523f5e9506fed4657c9700eebdbec',
  },
  {
    name: 'SHA-256-sess on the RFC 7616 values',
    challenge: RFC7616.challenge('SHA-256-sess'),
    input: { ...RFC7616.request, nc: 1, cnonce: RFC7616.cnonce },
    response: '2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7',
  },
  {
    name: 'SIP REGISTER, MD5 without qop (RFC 2069 form)',
    challenge: `Digest ${BILOXI}, algorithm=MD5`,
    input: { method: 'REGISTER', uri: 'sip:biloxi.com', ...BOB, nc: 1, cnonce: 'unused' },
    response: '42221b57055285ff14b964301e365f71',
    value:
      'Digest username="bob", realm="biloxi.com", nonce="dc3a5ab2530aa93112cf5904ba7d88fa", uri="sip:biloxi.com", ' +
      'response="42221b57055285ff14b964301e365f71", algorithm=MD5',
  },
  {
    name: 'SIP REGISTER, MD5, qop=auth, nc=2',
    challenge: `Digest ${BILOXI}, qop="auth"`,
    input: { method: 'REGISTER', uri: 'sip:biloxi.com', ...BOB, nc: 2, cnonce: '0a4f113b' },
    response: '98698d44c8004f1d2e41334363e7efad',
  },
  {
    name: 'MD5-sess',
    challenge: `Digest ${BILOXI}, qop="auth", algorithm=MD5-sess`,
    input: { method: 'REGISTER', uri: 'sip:biloxi.com', ...BOB, nc: 1, cnonce: '0a4f113b' },
    response: 'e5d2fa4293e47db8b98cc039fff24f8e',
  },
  {
    name: 'auth-int hashes the body',
    challenge: `Digest ${BILOXI}, qop="auth-int"`,
    input: {
      method: 'INVITE',
      uri: 'sip:alice@atlanta.com',
      ...BOB,
      nc: 1,
      cnonce: '0a4f113b',
      body: 'v=0\r\n',
    },
    response: '020290aa69600b00ac449e1e7a047e19',
  },
  {
    name: 'auth-int with bytes',
    challenge: `Digest ${BILOXI}, qop="auth-int"`,
    input: {
      method: 'INVITE',
      uri: 'sip:alice@atlanta.com',
      ...BOB,
      nc: 1,
      cnonce: '0a4f113b',
      body: new TextEncoder().encode('v=0\r\n'),
    },
    response: '020290aa69600b00ac449e1e7a047e19',
  },
  {
    name: 'auth-int without a body hashes the empty string (RFC 3261 §22.4)',
    challenge: `Digest ${BILOXI}, qop="auth-int"`,
    input: { method: 'INVITE', uri: 'sip:alice@atlanta.com', ...BOB, nc: 1, cnonce: '0a4f113b' },
    response: 'dbb810ccca93a060c14f5adef4141834',
  },
];

for (const row of vectors) {
  it(`computes ${row.name}`, () => {
    const result = computeCredentials({ challenge: challenge(row.challenge), ...row.input });
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.value.response, row.response);
    assert.match(result.value.value, new RegExp(`response="${row.response}"`));
    if (row.value !== undefined) assert.equal(result.value.value, row.value);
  });
}

it('answers 407 with Proxy-Authorization and 401 with Authorization', () => {
  const input = { method: 'INVITE', uri: 'sip:a@b', ...BOB, nc: 1, cnonce: 'c' };
  const proxy = computeCredentials({
    challenge: challenge(`Digest ${BILOXI}`, 'Proxy-Authenticate'),
    ...input,
  });
  const www = computeCredentials({ challenge: challenge(`Digest ${BILOXI}`), ...input });
  assert.equal(proxy.ok && proxy.value.name, 'Proxy-Authorization');
  assert.equal(www.ok && www.value.name, 'Authorization');
});

it('leaves qop, nc and algorithm unquoted and quotes the rest', () => {
  const result = computeCredentials({
    challenge: challenge(RFC7616.challenge('SHA-256')),
    ...RFC7616.request,
    nc: 26,
    cnonce: RFC7616.cnonce,
  });
  assert.ok(result.ok);
  const value = result.value.value;
  assert.match(value, /, qop=auth,/);
  assert.match(value, /, nc=0000001a(,|$)/);
  assert.match(value, /, algorithm=SHA-256,/);
  assert.match(value, /opaque="FQhe\/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"/);
  assert.match(value, /cnonce="f2\/wE4q74E6zIJEtWaHKaf5wv\/H5QzzpXusqGemxURZJ"/);
  assert.doesNotMatch(value, /Circle/);
});

it('escapes quotes and backslashes but hashes the unescaped values', () => {
  const escaped = challenge('Digest realm="a\\"b\\\\c", nonce="n"');
  assert.equal(escaped.realm, 'a"b\\c');
  const result = computeCredentials({
    challenge: escaped,
    method: 'REGISTER',
    uri: 'sip:x',
    username: 'u"v',
    password: 'p',
    nc: 1,
    cnonce: 'c',
  });
  assert.ok(result.ok);
  assert.match(result.value.value, /username="u\\"v", realm="a\\"b\\\\c"/);
  assert.equal(quote('plain'), '"plain"');
});

it('formats nonce counts as 8 lower-case hex digits', () => {
  assert.deepEqual([1, 2, 255, 0xffffffff].map(formatNonceCount), [
    '00000001',
    '00000002',
    '000000ff',
    'ffffffff',
  ]);
});

const refused: { name: string; challenge: string; patch?: Partial<DigestResponseInput>; error: RegExp }[] = [
  {
    name: 'SHA-512-256',
    challenge: `Digest ${BILOXI}, algorithm=SHA-512-256, qop=auth`,
    error: /SHA-512-256/,
  },
  { name: 'unknown qop', challenge: `Digest ${BILOXI}, qop="auth-conf"`, error: /qop auth-conf/ },
  { name: '-sess without qop', challenge: `Digest ${BILOXI}, algorithm=MD5-sess`, error: /requires a qop/ },
  { name: 'nc zero', challenge: `Digest ${BILOXI}, qop=auth`, patch: { nc: 0 }, error: /nonce count/ },
  {
    name: 'nc too large',
    challenge: `Digest ${BILOXI}, qop=auth`,
    patch: { nc: 2 ** 32 },
    error: /nonce count/,
  },
  { name: 'empty cnonce', challenge: `Digest ${BILOXI}, qop=auth`, patch: { cnonce: '' }, error: /cnonce/ },
  { name: 'CRLF in uri', challenge: `Digest ${BILOXI}`, patch: { uri: 'sip:a\r\nX: y' }, error: /uri/ },
  { name: 'CR in username', challenge: `Digest ${BILOXI}`, patch: { username: 'a\rb' }, error: /username/ },
  { name: 'bad method', challenge: `Digest ${BILOXI}`, patch: { method: 'REG ISTER' }, error: /method/ },
];

for (const row of refused) {
  it(`refuses ${row.name} without leaking the password`, () => {
    const result = computeCredentials({
      challenge: challenge(row.challenge),
      method: 'REGISTER',
      uri: 'sip:biloxi.com',
      ...BOB,
      nc: 1,
      cnonce: 'c',
      ...row.patch,
    });
    assert.equal(result.ok, false);
    const error = result.ok ? '' : result.error;
    assert.match(error, row.error);
    assert.doesNotMatch(error, /zanzibar/);
  });
}
