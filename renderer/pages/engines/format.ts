// Numbers and dates as an admin reads them. Units come from the caller (translated).

export type UptimeUnit = 'days' | 'hours' | 'minutes' | 'seconds';

/** Splits seconds into whole days, hours, minutes and seconds. */
export function uptimeParts(totalSeconds: number): Record<UptimeUnit, number> {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  return {
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}

/**
 * "3 d 4 h 5 min": the two most significant non-zero units (an admin wants "how long", not
 * every second), starting from the largest unit present; seconds only below an hour.
 */
export function formatUptime(
  totalSeconds: number,
  unit: (name: UptimeUnit, count: number) => string,
): string {
  const parts = uptimeParts(totalSeconds);
  const order: UptimeUnit[] = ['days', 'hours', 'minutes', 'seconds'];
  const first = order.findIndex((name) => parts[name] > 0);
  if (first < 0) return unit('seconds', 0);
  return order
    .slice(first, first + 2)
    .filter((name) => parts[name] > 0)
    .map((name) => unit(name, parts[name]))
    .join(' ');
}

/** A timestamp in the UI language, with seconds; the ISO text itself when it cannot be parsed. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

/** "UDP 0.0.0.0:5060", "TLS [::1]:5061": how SIP sockets are written in SBC documentation. */
export function formatSocket(socket: { transport: string; host: string; port: number }): string {
  const host = socket.host.includes(':') ? `[${socket.host}]` : socket.host;
  return `${socket.transport.toUpperCase()} ${host}:${socket.port}`;
}

/** The port of a "host:port" or "[v6]:port" address as the engine list shows it. */
export function portOf(address: string): number | undefined {
  const match = /:(\d{1,5})$/.exec(address);
  return match ? Number(match[1]) : undefined;
}
