// Runs work over a list with at most `parallelism` items in flight, stopping early when told:
// a scan of a /20 must not open 4094 sockets at once.
export interface PoolOptions {
  parallelism: number;
  /** Checked before each item is started; items not started are left out. */
  shouldStop: () => boolean;
}

export async function runBounded<T>(
  items: readonly T[],
  worker: (item: T) => Promise<void>,
  options: PoolOptions,
): Promise<void> {
  let next = 0;
  async function lane(): Promise<void> {
    while (next < items.length && !options.shouldStop()) {
      const item = items[next++]!;
      await worker(item);
    }
  }
  const lanes = Math.max(1, Math.min(options.parallelism, items.length));
  await Promise.all(Array.from({ length: lanes }, () => lane()));
}
