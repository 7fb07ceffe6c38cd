import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runBounded } from '../../../../../electron/services/discovery/bounded-pool.ts';

it('never has more than the bound in flight, and does every item once', async () => {
  let inFlight = 0;
  let most = 0;
  const seen: number[] = [];
  const items = Array.from({ length: 100 }, (_, i) => i);
  await runBounded(
    items,
    async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(item);
      inFlight--;
    },
    { parallelism: 7, shouldStop: () => false },
  );
  assert.equal(most, 7);
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    items,
  );
});

it('starts nothing more once told to stop', async () => {
  let started = 0;
  await runBounded(
    Array.from({ length: 50 }, (_, i) => i),
    async () => {
      started++;
      await new Promise((resolve) => setImmediate(resolve));
    },
    { parallelism: 4, shouldStop: () => started >= 10 },
  );
  assert.equal(started, 10);
});
