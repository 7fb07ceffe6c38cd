// Receive times for the raw files: local time with milliseconds and the UTC offset
// (`2026-03-10T09:00:00.412+01:00`), as the engine writes its own timestamps, and the local day a
// time belongs to, which names the daily file. Formatting is cached per second: at 100,000
// messages/s a fresh Date per message would be a measurable share of the receive path.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function offsetText(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'Z';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The local day of a time: `2026-03-10`. */
export function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first millisecond of the local day after the one `ms` is in. */
export function nextLocalMidnight(ms: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

export function formatLocalTime(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    offsetText(date)
  );
}

/** formatLocalTime() with the work done once per second. */
export function createTimeFormatter(): (ms: number) => string {
  let second = NaN;
  let head = '';
  let tail = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      const full = formatLocalTime(ms);
      const dot = full.indexOf('.');
      second = s;
      head = full.slice(0, dot + 1);
      tail = full.slice(dot + 4);
    }
    return `${head}${pad(ms - s * 1000, 3)}${tail}`;
  };
}
