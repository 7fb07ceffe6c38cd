import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseChallenges } from '../../../../../sbc-engine/sip/digest/challenge.ts';
import { NonceCounter } from '../../../../../sbc-engine/sip/digest/nonce-counter.ts';
import { retryDecision } from '../../../../../sbc-engine/sip/digest/retry.ts';
import type { PreviousAttempt } from '../../../../../sbc-engine/sip/digest/retry.ts';

it('counts uses of one nonce and restarts for a new nonce', () => {
  const counter = new NonceCounter();
  assert.deepEqual([counter.next('r', 'n1'), counter.next('r', 'n1'), counter.next('r', 'n1')], [1, 2, 3]);
  assert.equal(counter.next('r', 'n2'), 1);
  assert.equal(counter.next('other', 'n1'), 1, 'the same nonce in another realm is another count');
  assert.equal(counter.next('r', 'n1'), 4, 'an older nonce of the realm keeps its count');
  assert.equal(counter.current('r', 'n2'), 1);
  assert.equal(counter.current('r', 'never'), 0);
});

it('forgets the oldest nonces of a realm and whole realms', () => {
  const counter = new NonceCounter();
  counter.next('r', 'first');
  for (let i = 0; i < 8; i++) counter.next('r', `n${i}`);
  assert.equal(counter.current('r', 'first'), 0);
  assert.equal(counter.current('r', 'n7'), 1);
  counter.forget('r');
  assert.equal(counter.current('r', 'n7'), 0);
});

function challenge(value: string) {
  const parsed = parseChallenges(value);
  assert.ok(parsed.ok);
  const [first] = parsed.value;
  assert.ok(first);
  return first;
}

const decisions: { name: string; challenge: string; previous?: PreviousAttempt; expect: string }[] = [
  { name: 'first challenge', challenge: 'Digest realm="r", nonce="n"', expect: 'authenticate' },
  {
    name: 'stale=true with a new nonce',
    challenge: 'Digest realm="r", nonce="new", stale=true',
    previous: { realm: 'r', nonce: 'old' },
    expect: 'retry-stale',
  },
  {
    name: 'challenged again without stale',
    challenge: 'Digest realm="r", nonce="new"',
    previous: { realm: 'r', nonce: 'old' },
    expect: 'credentials-rejected',
  },
  {
    name: 'stale=false is not stale',
    challenge: 'Digest realm="r", nonce="new", stale=false',
    previous: { realm: 'r', nonce: 'old' },
    expect: 'credentials-rejected',
  },
  {
    name: 'stale=true with the same nonce does not loop',
    challenge: 'Digest realm="r", nonce="old", stale=TRUE',
    previous: { realm: 'r', nonce: 'old' },
    expect: 'credentials-rejected',
  },
  {
    name: 'a different realm (another proxy)',
    challenge: 'Digest realm="proxy", nonce="n"',
    previous: { realm: 'r', nonce: 'old' },
    expect: 'authenticate',
  },
];

for (const row of decisions) {
  it(`decides: ${row.name}`, () => {
    assert.equal(retryDecision(challenge(row.challenge), row.previous), row.expect);
  });
}
