// Addresses as log lines write them: "udp:192.0.2.10:5060", "tls:[2001:db8::1]:5061",
// "192.0.2.10:5060", "10.1.1.1/5060" (Ribbon), "[2001:db8::1]:5061".
import type { Endpoint } from './types.ts';

const TRANSPORTS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

export function parseEndpoint(text: string): Endpoint | undefined {
  let rest = text.trim();
  let transport: string | undefined;
  const scheme = /^([A-Za-z]{2,4}):(?=\[|[0-9A-Za-z])/.exec(rest);
  if (scheme && TRANSPORTS.has(scheme[1]!.toLowerCase())) {
    transport = scheme[1]!.toUpperCase();
    rest = rest.slice(scheme[0].length);
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after && !/^[:/]\d{1,5}$/.test(after)) return undefined;
    portText = after ? after.slice(1) : undefined;
  } else {
    const m = /^([0-9A-Za-z.-]+|[0-9A-Fa-f:]+)(?:[:/](\d{1,5}))?$/.exec(rest);
    if (!m) return undefined;
    host = m[1]!;
    portText = m[2];
  }
  if (!host) return undefined;
  const endpoint: Endpoint = { host: host.toLowerCase() };
  if (transport) endpoint.transport = transport;
  if (portText !== undefined && Number(portText) <= 65535) endpoint.port = Number(portText);
  return endpoint;
}

export function formatEndpoint(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  const port = endpoint.port !== undefined ? `:${endpoint.port}` : '';
  return `${endpoint.transport ? `${endpoint.transport.toLowerCase()}:` : ''}${host}${port}`;
}
