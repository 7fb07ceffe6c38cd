// Via header values (RFC 3261 §20.42): sent-protocol, sent-by and parameters.
import { isIpv6 } from './uri.ts';
import { formatParams, isToken, parseParams, type Params } from './text.ts';

export interface Via {
  protocol: string;
  version: string;
  /** Upper-cased: UDP, TCP, TLS, SCTP, WS, WSS … */
  transport: string;
  /** IPv6 without brackets. */
  host: string;
  port?: number;
  params: Params;
}

export type ViaResult = { ok: true; value: Via } | { ok: false; error: string };

/** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
export const BRANCH_COOKIE = 'z9hG4bK';

export function parseVia(text: string): ViaResult {
  // LWS is allowed around the slashes of sent-protocol (RFC 3261 §25.1, SLASH = SWS "/" SWS).
  const match = /^\s*([^\s/]+)\s*\/\s*([^\s/]+)\s*\/\s*([^\s/]+)\s+([^;]+?)\s*(;.*)?$/.exec(text);
  if (!match)
    return { ok: false, error: `"${text.slice(0, 60)}" is not a Via value (SIP/2.0/UDP host:port;params)` };
  const [, protocol, version, transport, sentBy, paramText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (!isToken(protocol) || !isToken(version) || !isToken(transport))
    return { ok: false, error: 'the sent-protocol is malformed' };
  let host: string;
  let portText: string | undefined;
  if (sentBy.startsWith('[')) {
    const end = sentBy.indexOf(']');
    if (end < 0) return { ok: false, error: 'the IPv6 reference lacks its "]"' };
    host = sentBy.slice(1, end);
    if (!isIpv6(host)) return { ok: false, error: `"${host}" is not an IPv6 address` };
    const rest = sentBy.slice(end + 1).replace(/\s+/g, '');
    if (rest && !rest.startsWith(':'))
      return { ok: false, error: 'unexpected text after the IPv6 reference' };
    portText = rest ? rest.slice(1) : undefined;
  } else {
    const parts = sentBy.split(/\s*:\s*/);
    if (parts.length > 2) return { ok: false, error: 'an IPv6 sent-by must be in brackets' };
    host = parts[0]!;
    portText = parts[1];
    if (!/^[A-Za-z0-9.-]+$/.test(host)) return { ok: false, error: `"${host}" is not a valid sent-by host` };
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
      return { ok: false, error: `"${portText}" is not a valid port` };
    port = Number(portText);
  }
  const params = parseParams(paramText ?? '');
  if (!params) return { ok: false, error: 'the Via parameters are malformed' };
  return {
    ok: true,
    value: {
      protocol: protocol.toUpperCase(),
      version,
      transport: transport.toUpperCase(),
      host: host.toLowerCase(),
      ...(port !== undefined ? { port } : {}),
      params,
    },
  };
}

export function formatVia(via: Via): string {
  const host = via.host.includes(':') ? `[${via.host}]` : via.host;
  return `${via.protocol}/${via.version}/${via.transport} ${host}${via.port !== undefined ? `:${via.port}` : ''}${formatParams(via.params)}`;
}
