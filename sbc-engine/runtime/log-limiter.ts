// A flood of bad packets must not become a flood of log lines: at most `max` lines per window,
// then one line saying how many were left out.
export function createLogLimiter(
  log: (line: string) => void,
  max: number,
  windowMs: number,
  now = () => Date.now(),
): (line: string) => void {
  let windowStart = 0;
  let count = 0;
  let suppressed = 0;
  return (line) => {
    const time = now();
    if (time - windowStart >= windowMs) {
      if (suppressed) log(`[log] ${suppressed} similar lines left out`);
      windowStart = time;
      count = 0;
      suppressed = 0;
    }
    if (count++ < max) log(line);
    else suppressed++;
  };
}
