// The engine names a keepalive target "transport:host[:port]" (IPv6 in brackets); a probe wants a
// SIP URI. Pure.

export interface TargetParts {
  transport: 'udp' | 'tcp' | 'tls';
  hostPort: string;
}

export function parseStatusTarget(target: string): TargetParts | undefined {
  const match = /^(udp|tcp|tls):(.+)$/.exec(target);
  if (!match) return undefined;
  return { transport: match[1] as TargetParts['transport'], hostPort: match[2]! };
}

/** sip:host:port;transport=tls for "tls:host:port" (no port: RFC 3263 finds it, as the engine does). */
export function probeUriOf(target: string): string | undefined {
  const parts = parseStatusTarget(target);
  return parts ? `sip:${parts.hostPort};transport=${parts.transport}` : undefined;
}
