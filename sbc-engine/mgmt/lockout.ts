// Login throttling per source address. Rule: 5 failures from one source within 15 minutes lock it
// out for 60 s; each further failure after a lockout doubles the time, up to 15 minutes. While
// locked, even the right password is refused, so a guesser learns nothing from the answer.
import type { Clock } from '../runtime/clock.ts';

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const FAILURES_BEFORE_LOCKOUT = 5;
export const FIRST_LOCKOUT_MS = 60 * 1000;
export const MAX_LOCKOUT_MS = 15 * 60 * 1000;
// Bounds memory when many sources fail: the oldest idle entries go first.
const MAX_TRACKED_SOURCES = 10_000;

interface SourceState {
  failures: number[];
  lockedUntil: number;
  lastLockMs: number;
}

export type LockoutVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginLockout {
  private readonly sources = new Map<string, SourceState>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  check(source: string): LockoutVerdict {
    const state = this.sources.get(source);
    const now = this.clock.now();
    if (state && state.lockedUntil > now) {
      return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
    }
    return { allowed: true };
  }

  /** Records a failure; returns the verdict for the next attempt. */
  recordFailure(source: string): LockoutVerdict {
    const now = this.clock.now();
    const state = this.sources.get(source) ?? { failures: [], lockedUntil: 0, lastLockMs: 0 };
    this.sources.delete(source);
    this.sources.set(source, state); // re-insert: Map order doubles as least-recently-used order
    state.failures = state.failures.filter((t) => now - t < FAILURE_WINDOW_MS);
    state.failures.push(now);
    // After a lockout, the next failure locks again at once, for twice as long; the ladder
    // forgets itself once a whole window passes after the last lock ended.
    const onLadder = state.lastLockMs > 0 && now - state.lockedUntil < FAILURE_WINDOW_MS;
    if (!onLadder) state.lastLockMs = 0;
    if (onLadder || state.failures.length >= FAILURES_BEFORE_LOCKOUT) {
      const lockMs = state.lastLockMs ? Math.min(state.lastLockMs * 2, MAX_LOCKOUT_MS) : FIRST_LOCKOUT_MS;
      state.lastLockMs = lockMs;
      state.lockedUntil = now + lockMs;
    }
    this.evictOldest();
    return this.check(source);
  }

  recordSuccess(source: string): void {
    this.sources.delete(source);
  }

  private evictOldest(): void {
    while (this.sources.size > MAX_TRACKED_SOURCES) {
      const oldest = this.sources.keys().next().value;
      if (oldest === undefined) return;
      this.sources.delete(oldest);
    }
  }
}
