import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseChallenges } from '../../../../../sbc-engine/sip/digest/challenge.ts';
import { chooseChallenge, chooseChallenges } from '../../../../../sbc-engine/sip/digest/choose.ts';

// Each row: the challenges offered (one header value each) and the nonce of the one to answer.
const rows: { name: string; offered: string[]; chosen: string }[] = [
  {
    name: 'SHA-256 over MD5 when SHA-256 is listed first (RFC 8760 §2.4)',
    offered: [
      'Digest realm="r", nonce="sha", algorithm=SHA-256',
      'Digest realm="r", nonce="md5", algorithm=MD5',
    ],
    chosen: 'sha',
  },
  {
    name: 'SHA-256 over MD5 even when MD5 comes first',
    offered: ['Digest realm="r", nonce="md5"', 'Digest realm="r", nonce="sha", algorithm=SHA-256'],
    chosen: 'sha',
  },
  {
    name: 'skips unsupported SHA-512-256 and falls back to SHA-256',
    offered: [
      'Digest realm="r", nonce="512", algorithm=SHA-512-256, qop=auth',
      'Digest realm="r", nonce="sha", algorithm=SHA-256, qop=auth',
      'Digest realm="r", nonce="md5", algorithm=MD5, qop=auth',
    ],
    chosen: 'sha',
  },
  {
    name: 'skips an unknown algorithm',
    offered: ['Digest realm="r", nonce="aka", algorithm=AKAv1-MD5', 'Digest realm="r", nonce="md5"'],
    chosen: 'md5',
  },
  {
    name: 'topmost wins among equals',
    offered: ['Digest realm="r", nonce="one"', 'Digest realm="r", nonce="two"'],
    chosen: 'one',
  },
  {
    name: 'skips a challenge with only an unknown qop',
    offered: [
      'Digest realm="r", nonce="x", algorithm=SHA-256, qop="auth-conf"',
      'Digest realm="r", nonce="md5"',
    ],
    chosen: 'md5',
  },
];

for (const row of rows) {
  it(`chooses: ${row.name}`, () => {
    const parsed = parseChallenges(row.offered);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const chosen = chooseChallenge(parsed.value);
    assert.ok(chosen.ok, chosen.ok ? '' : chosen.error);
    assert.equal(chosen.value.nonce, row.chosen);
  });
}

it('keeps one challenge per realm, in the order realms appear (RFC 3261 §22.3)', () => {
  const parsed = parseChallenges([
    'Digest realm="a", nonce="a-md5"',
    'Digest realm="b", nonce="b-md5"',
    'Digest realm="a", nonce="a-sha", algorithm=SHA-256',
  ]);
  assert.ok(parsed.ok);
  const chosen = chooseChallenges(parsed.value);
  assert.ok(chosen.ok);
  assert.deepEqual(
    chosen.value.map((c) => c.nonce),
    ['a-sha', 'b-md5'],
  );
});

it('explains why nothing is usable', () => {
  const parsed = parseChallenges('Digest realm="r", nonce="n", algorithm=SHA-512-256');
  assert.ok(parsed.ok);
  const chosen = chooseChallenge(parsed.value);
  assert.equal(chosen.ok, false);
  assert.match(chosen.ok ? '' : chosen.error, /no usable.*SHA-512-256 is not supported/);
});
