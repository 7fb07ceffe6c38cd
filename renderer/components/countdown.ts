// Lock-out countdowns: the engine says "retry after N s"; the UI counts down from when it heard.

/** The moment (ms since epoch) a lock-out ends, or undefined when the server gave no time. */
export function lockedUntil(retryAfterSeconds: number | undefined, receivedAt: number): number | undefined {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return undefined;
  return receivedAt + Math.max(0, retryAfterSeconds) * 1000;
}

/** Whole seconds left until `until`, never negative; rounds up so "0 s" means "now". */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
