import assert from 'node:assert/strict';
import { it } from 'node:test';
import { authorize, NonceCounter } from '../../../../../sbc-engine/sip/digest/index.ts';
import type { AuthorizeInput } from '../../../../../sbc-engine/sip/digest/index.ts';

const REGISTER = { method: 'REGISTER', uri: 'sip:biloxi.com', username: 'bob', password: 'zanzibar' };
const www = (value: string) => [{ name: 'WWW-Authenticate', value }];

function param(headerValue: string, name: string): string | undefined {
  return new RegExp(`(?:^Digest |, )${name}=("[^"]*"|[^,]*)`).exec(headerValue)?.[1];
}

function cnonces(): () => string {
  let i = 0;
  return () => `cnonce${++i}`;
}

it('answers a REGISTER challenge with the expected MD5 response and counts nonce uses', () => {
  const counter = new NonceCounter();
  const base: AuthorizeInput = {
    ...REGISTER,
    challengeHeaders: www('Digest realm="biloxi.com", nonce="dc3a5ab2530aa93112cf5904ba7d88fa", qop="auth"'),
    counter,
    cnonce: '0a4f113b',
  };
  const first = authorize(base);
  const second = authorize(base);
  assert.ok(first.ok && second.ok);
  assert.equal(first.value.name, 'Authorization');
  assert.equal(param(first.value.value, 'nc'), '00000001');
  assert.equal(param(second.value.value, 'nc'), '00000002');
  assert.equal(second.value.nc, 2);
  // Computed with openssl for nc=00000002 (see response.test.ts).
  assert.equal(param(second.value.value, 'response'), '"98698d44c8004f1d2e41334363e7efad"');
});

it('restarts nc at 1 and retries silently when the nonce went stale', () => {
  const counter = new NonceCounter();
  const cnonce = cnonces();
  const initial = authorize({
    ...REGISTER,
    challengeHeaders: www('Digest realm="biloxi.com", nonce="old", qop=auth'),
    counter,
    cnonce,
  });
  assert.ok(initial.ok);
  authorize({
    ...REGISTER,
    challengeHeaders: www('Digest realm="biloxi.com", nonce="old", qop=auth'),
    counter,
    cnonce,
  });
  const stale = authorize({
    ...REGISTER,
    challengeHeaders: www('Digest realm="biloxi.com", nonce="new", qop=auth, stale=true'),
    counter,
    cnonce,
    previous: { realm: initial.value.realm, nonce: initial.value.nonce },
  });
  assert.ok(stale.ok, stale.ok ? '' : stale.error);
  assert.equal(param(stale.value.value, 'nc'), '00000001');
  assert.equal(param(stale.value.value, 'nonce'), '"new"');
  assert.equal(param(stale.value.value, 'cnonce'), '"cnonce3"', 'a fresh cnonce per request');
});

it('stops when the same realm challenges again without stale', () => {
  const result = authorize({
    ...REGISTER,
    challengeHeaders: www('Digest realm="biloxi.com", nonce="new", qop=auth'),
    counter: new NonceCounter(),
    cnonce: 'c',
    previous: { realm: 'biloxi.com', nonce: 'old' },
  });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /rejected the credentials of "bob"/);
  assert.doesNotMatch(result.ok ? '' : result.error, /zanzibar/);
});

it('answers a 407 with Proxy-Authorization, choosing SHA-256 over MD5', () => {
  const result = authorize({
    method: 'INVITE',
    uri: 'sip:alice@atlanta.com',
    username: 'bob',
    password: 'zanzibar',
    challengeHeaders: [
      {
        name: 'Proxy-Authenticate',
        value: 'Digest realm="atlanta.com", nonce="m", algorithm=MD5, qop="auth"',
      },
      {
        name: 'Proxy-Authenticate',
        value: 'Digest realm="atlanta.com", nonce="s", algorithm=SHA-256, qop="auth"',
      },
    ],
    counter: new NonceCounter(),
    cnonce: () => 'abc',
  });
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(result.value.name, 'Proxy-Authorization');
  assert.equal(param(result.value.value, 'algorithm'), 'SHA-256');
  assert.equal(param(result.value.value, 'response')?.length, 66);
});

it('does not call the cnonce source without qop', () => {
  const result = authorize({
    ...REGISTER,
    challengeHeaders: www(
      'Digest realm="biloxi.com", nonce="dc3a5ab2530aa93112cf5904ba7d88fa", algorithm=MD5',
    ),
    counter: new NonceCounter(),
    cnonce: () => assert.fail('cnonce requested'),
  });
  assert.ok(result.ok);
  assert.equal(param(result.value.value, 'response'), '"42221b57055285ff14b964301e365f71"');
  assert.equal(param(result.value.value, 'nc'), undefined);
});

const failures: { name: string; headers: AuthorizeInput['challengeHeaders']; error: RegExp }[] = [
  { name: 'only Basic', headers: www('Basic realm="x"'), error: /unsupported scheme Basic/ },
  {
    name: 'only SHA-512-256',
    headers: www('Digest realm="r", nonce="n", algorithm=SHA-512-256'),
    error: /no usable/,
  },
  { name: 'malformed', headers: www('Digest realm="r", nonce="n'), error: /unterminated.*"nonce"/ },
  { name: 'no headers', headers: [], error: /no challenge/ },
];

for (const row of failures) {
  it(`fails with a reason: ${row.name}`, () => {
    const counter = new NonceCounter();
    const result = authorize({ ...REGISTER, challengeHeaders: row.headers, counter, cnonce: 'c' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, row.error);
  });
}
