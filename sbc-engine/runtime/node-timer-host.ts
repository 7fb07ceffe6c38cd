// The real clock for the pure SIP state machines: Node timers behind the TimerHost interface.
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';

export function createNodeTimerHost(): TimerHost {
  const running = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    start(name, ms, callback) {
      const handle: TimerHandle = { id: nextId++, name };
      const timer = setTimeout(() => {
        running.delete(handle.id);
        callback();
      }, ms);
      // A pending retransmission must not keep a stopping engine alive.
      timer.unref();
      running.set(handle.id, timer);
      return handle;
    },
    cancel(handle) {
      clearTimeout(running.get(handle.id));
      running.delete(handle.id);
    },
  };
}
