// Real time for the probe's transactions. The engine's runtime has its own adapter; diag/ is a
// library the app imports too, so it does not reach into the engine's runtime for one.
import { performance } from 'node:perf_hooks';
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';

export function createProbeTimers(): TimerHost {
  const running = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    // Monotonic, with sub-millisecond resolution: round-trip times on loopback are short.
    now: () => performance.now(),
    start(name, ms, callback) {
      const handle: TimerHandle = { id: nextId++, name };
      const timer = setTimeout(() => {
        running.delete(handle.id);
        callback();
      }, ms);
      running.set(handle.id, timer);
      return handle;
    },
    cancel(handle) {
      clearTimeout(running.get(handle.id));
      running.delete(handle.id);
    },
  };
}
