// "udp:HOST:PORT" or "tcp:HOST:PORT" (IPv6 in brackets): where the engine sends its syslog.
import { formatHostPort, parseHostPort } from '../config/host-port.ts';

export type SyslogTransport = 'udp' | 'tcp';

export interface SyslogTarget {
  transport: SyslogTransport;
  host: string;
  port: number;
}

/** RFC 5426 §3.3 (UDP) and common practice for RFC 6587 TCP. */
export const DEFAULT_SYSLOG_PORT = 514;

export function parseSyslogTarget(
  text: string,
): { ok: true; value: SyslogTarget } | { ok: false; error: string } {
  const match = /^(udp|tcp):(.+)$/i.exec(text.trim());
  if (!match) return { ok: false, error: `"${text}": expected udp:HOST:PORT or tcp:HOST:PORT` };
  const transport = match[1]!.toLowerCase() as SyslogTransport;
  const address = parseHostPort(match[2]!, DEFAULT_SYSLOG_PORT);
  if (!address.ok) return { ok: false, error: `"${text}": ${address.error}` };
  if (address.value.port === 0) return { ok: false, error: `"${text}": port 0 cannot be a destination` };
  return { ok: true, value: { transport, ...address.value } };
}

export function formatSyslogTarget(target: SyslogTarget): string {
  return `${target.transport}:${formatHostPort(target)}`;
}
