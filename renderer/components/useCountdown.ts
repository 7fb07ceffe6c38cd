// Seconds left until a moment, re-rendering once a second until it has passed.
import { useEffect, useState } from 'react';
import { secondsLeft } from './countdown.ts';

export function useCountdown(until: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    let timer: number | undefined;
    function tick() {
      const current = Date.now();
      setNow(current);
      if (current < until!) timer = window.setTimeout(tick, 1000);
    }
    // At once (not in this effect's body, as React asks), then every second.
    timer = window.setTimeout(tick, 0);
    return () => window.clearTimeout(timer);
  }, [until]);
  return until === undefined ? undefined : secondsLeft(until, now);
}
