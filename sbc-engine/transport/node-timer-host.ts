// The real clock for the pure SIP state machines: Node timers behind the TimerHost interface. The
// engine's runtime and the diag library (which the app's CLI imports too) share it.
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';

export interface NodeTimerHostOptions {
  /** Default Date.now; the probe passes performance.now for sub-millisecond round-trip times. */
  now?: () => number;
  /** Default true: a pending retransmission must not keep a stopping engine alive. */
  unref?: boolean;
}

export function createNodeTimerHost(options: NodeTimerHostOptions = {}): TimerHost {
  const running = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  const unref = options.unref ?? true;
  return {
    now: options.now ?? (() => Date.now()),
    start(name, ms, callback) {
      const handle: TimerHandle = { id: nextId++, name };
      const timer = setTimeout(() => {
        running.delete(handle.id);
        callback();
      }, ms);
      if (unref) timer.unref();
      running.set(handle.id, timer);
      return handle;
    },
    cancel(handle) {
      clearTimeout(running.get(handle.id));
      running.delete(handle.id);
    },
  };
}
