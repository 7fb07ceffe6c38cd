import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lockedUntil, secondsLeft } from '../../../../renderer/components/countdown.ts';

it('a lock-out ends retryAfterSeconds after the answer arrived', () => {
  assert.equal(lockedUntil(60, 1_000_000), 1_060_000);
  assert.equal(lockedUntil(undefined, 1_000_000), undefined);
  assert.equal(lockedUntil(-5, 1_000), 1_000);
});

it('counts whole seconds up, never below zero', () => {
  assert.equal(secondsLeft(1_060_000, 1_000_000), 60);
  assert.equal(secondsLeft(1_060_000, 1_059_001), 1);
  assert.equal(secondsLeft(1_060_000, 1_060_000), 0);
  assert.equal(secondsLeft(1_060_000, 2_000_000), 0);
});
