// A 30-day chart needs no 86 400 points: the history is cut into at most ~1000 buckets of a round
// size, each with its mean and worst round-trip time and how many samples failed. The store does
// this in SQL; this module picks the bucket and holds the same rule in plain code for tests.
import type { HistoryPoint, HistoryRange } from '../../api/health-views.ts';

export const MAX_POINTS = 1000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NICE_BUCKETS = [
  10 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR,
]; // prettier-ignore

export const RANGE_MS: Record<HistoryRange, number> = { '1h': HOUR, '24h': 24 * HOUR, '30d': 30 * 24 * HOUR };

/** The smallest round bucket that keeps the span within maxPoints and is no finer than the samples. */
export function bucketSize(spanMs: number, minBucketMs: number, maxPoints = MAX_POINTS): number {
  const wanted = Math.max(spanMs / maxPoints, minBucketMs);
  return NICE_BUCKETS.find((size) => size >= wanted) ?? Math.ceil(wanted / (24 * HOUR)) * 24 * HOUR;
}

export interface RawSample {
  t: number;
  rttMs: number | null;
  ok: boolean;
}

/** Buckets aligned to `from`; empty buckets are left out (the chart draws a gap). */
export function downsample(
  samples: readonly RawSample[],
  from: number,
  to: number,
  bucketMs: number,
): HistoryPoint[] {
  const buckets = new Map<
    number,
    { sum: number; n: number; max: number | null; samples: number; failures: number }
  >();
  for (const sample of samples) {
    if (sample.t < from || sample.t >= to) continue;
    const index = Math.floor((sample.t - from) / bucketMs);
    let bucket = buckets.get(index);
    if (!bucket) {
      bucket = { sum: 0, n: 0, max: null, samples: 0, failures: 0 };
      buckets.set(index, bucket);
    }
    bucket.samples++;
    if (!sample.ok) bucket.failures++;
    if (sample.rttMs !== null) {
      bucket.sum += sample.rttMs;
      bucket.n++;
      bucket.max = bucket.max === null ? sample.rttMs : Math.max(bucket.max, sample.rttMs);
    }
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, b]) => ({
      t: from + index * bucketMs,
      avgRttMs: b.n ? b.sum / b.n : null,
      maxRttMs: b.max,
      samples: b.samples,
      failures: b.failures,
    }));
}
