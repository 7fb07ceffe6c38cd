// "udp:HOST:PORT", "tcp:[::1]:5060", "tls:0.0.0.0:5061": the SIP sockets an engine listens on.
import { parseHostPort } from './host-port.ts';

export type SipTransport = 'udp' | 'tcp' | 'tls';

export interface ListenSpec {
  transport: SipTransport;
  host: string;
  port: number;
}

/** RFC 3261 §18: 5060 for UDP and TCP, 5061 for TLS. */
export const DEFAULT_SIP_PORTS: Record<SipTransport, number> = { udp: 5060, tcp: 5060, tls: 5061 };

export function parseListenSpec(
  text: string,
): { ok: true; value: ListenSpec } | { ok: false; error: string } {
  const match = /^(udp|tcp|tls):(.+)$/i.exec(text.trim());
  if (!match)
    return { ok: false, error: `"${text}": expected udp:HOST:PORT, tcp:HOST:PORT or tls:HOST:PORT` };
  const transport = match[1]!.toLowerCase() as SipTransport;
  const address = parseHostPort(match[2]!, DEFAULT_SIP_PORTS[transport]);
  if (!address.ok) return { ok: false, error: `"${text}": ${address.error}` };
  return { ok: true, value: { transport, ...address.value } };
}
