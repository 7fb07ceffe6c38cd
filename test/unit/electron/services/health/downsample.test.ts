// The chart's buckets: round sizes, at most ~1000 points for 30 days, and SQLite's aggregation
// equal to the plain rule (so the fast path cannot drift from the one a person can read).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bucketSize,
  downsample,
  MAX_POINTS,
  RANGE_MS,
  type RawSample,
} from '../../../../../electron/services/health/downsample.ts';
import { SampleStore } from '../../../../../electron/services/health/sample-store.ts';

describe('bucketSize', () => {
  it('keeps every range within the point budget and no finer than the poll interval', () => {
    for (const range of ['1h', '24h', '30d'] as const) {
      const size = bucketSize(RANGE_MS[range], 30_000);
      assert.ok(RANGE_MS[range] / size <= MAX_POINTS, range);
      assert.ok(size >= 30_000, range);
    }
    assert.equal(bucketSize(RANGE_MS['30d'], 30_000), 60 * 60 * 1000, '30 days in hours: 720 points');
    assert.equal(bucketSize(RANGE_MS['24h'], 30_000), 2 * 60 * 1000);
    assert.equal(bucketSize(RANGE_MS['1h'], 30_000), 30_000);
    assert.equal(bucketSize(RANGE_MS['1h'], 5_000), 10_000);
  });
});

describe('downsample', () => {
  it('averages and maxes round-trip times per bucket and counts failures; empty buckets are gaps', () => {
    const samples: RawSample[] = [
      { t: 0, rttMs: 10, ok: true },
      { t: 500, rttMs: 30, ok: true },
      { t: 999, rttMs: null, ok: false },
      { t: 3000, rttMs: 5, ok: true },
      { t: 5000, rttMs: 1, ok: true }, // outside [0, 4000)
    ];
    assert.deepEqual(downsample(samples, 0, 4000, 1000), [
      { t: 0, avgRttMs: 20, maxRttMs: 30, samples: 3, failures: 1 },
      { t: 3000, avgRttMs: 5, maxRttMs: 5, samples: 1, failures: 0 },
    ]);
  });

  it('SQLite gives the same buckets as the plain rule, for 30 days of random samples', async () => {
    const store = await SampleStore.open(':memory:');
    const to = Date.parse('2025-06-30T00:00:00Z');
    const from = to - RANGE_MS['30d'];
    const raw: RawSample[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = from; t < to; t += 5 * 60_000 + Math.floor(random() * 1000)) {
      const ok = random() > 0.1;
      raw.push({ t, ok, rttMs: ok ? Math.round(random() * 200) : null });
    }
    store.insert(
      raw.map((s) => ({
        engineId: 'e', connectionId: 'c', target: 'tls:x:5061', t: s.t, source: 'poll' as const,
        ok: s.ok, code: s.ok ? 200 : null, rttMs: s.rttMs, tlsDaysLeft: null, detail: null,
      })),
    ); // prettier-ignore
    const bucket = bucketSize(RANGE_MS['30d'], 30_000);
    const sql = store.history('e', 'c', from, to, bucket);
    const plain = downsample(raw, from, to, bucket);
    assert.equal(sql.length, plain.length);
    assert.ok(sql.length <= MAX_POINTS);
    sql.forEach((point, i) => {
      const expected = plain[i]!;
      assert.equal(point.t, expected.t);
      assert.equal(point.samples, expected.samples);
      assert.equal(point.failures, expected.failures);
      assert.equal(point.maxRttMs, expected.maxRttMs);
      assert.ok(Math.abs((point.avgRttMs ?? 0) - (expected.avgRttMs ?? 0)) < 1e-9);
    });
    store.close();
  });

  it('prunes what is older than the retention and keeps the rest', async () => {
    const store = await SampleStore.open(':memory:');
    const sample = (t: number) => ({
      engineId: 'e', connectionId: 'c', target: 'udp:127.0.0.1:5060', t, source: 'poll' as const,
      ok: true, code: 200, rttMs: 1, tlsDaysLeft: null, detail: null,
    }); // prettier-ignore
    store.insert([sample(1000), sample(2000), sample(3000)]);
    assert.equal(store.prune(2000), 1);
    assert.equal(store.count(), 2);
    assert.equal(store.oldest(), 2000);
    assert.equal(store.lastAnswer('e', 'c', 'udp:127.0.0.1:5060'), 3000);
    store.close();
  });
});
