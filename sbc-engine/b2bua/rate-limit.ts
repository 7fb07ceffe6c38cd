// A token bucket per source address for new calls, so a flood from one source is refused (503)
// while other sources keep their share. The table is bounded: past `maxSources` the source not
// seen for longest is forgotten (it starts again with a full bucket, which a flood cannot exploit:
// it is the flooder that stays in the table). Pure: time comes in.

export interface RateLimitOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: the burst one source may send at once. */
  burst: number;
  maxSources: number;
}

/** 20 new calls a second per source, bursts of 40; a trunk's peak busy hour is far below. */
export const DEFAULT_INVITE_RATE: RateLimitOptions = { perSecond: 20, burst: 40, maxSources: 10_000 };

export class SourceRateLimiter {
  private readonly options: RateLimitOptions;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: RateLimitOptions = DEFAULT_INVITE_RATE) {
    this.options = options;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** True when `source` may start one more call at `now` (ms); takes a token if so. */
  take(source: string, now: number): boolean {
    const { perSecond, burst, maxSources } = this.options;
    let bucket = this.buckets.get(source);
    if (bucket) this.buckets.delete(source);
    else {
      bucket = { tokens: burst, at: now };
      if (this.buckets.size >= maxSources) this.buckets.delete(this.buckets.keys().next().value!);
    }
    // Map order is insertion order: re-inserting keeps the most recently seen source last.
    this.buckets.set(source, bucket);
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
