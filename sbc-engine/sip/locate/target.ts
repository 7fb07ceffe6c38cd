// Turning a URI into a location target, and the transport rules of RFC 3263 §4.1 that need no DNS.
import { getParam } from '../text.ts';
import { isIpv6, type SipUri } from '../uri.ts';
import type { LocateTarget, SipTransport } from './types.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** RFC 3263 §4: maddr, when present, replaces the host as the target. */
export function targetFromUri(uri: SipUri): LocateTarget {
  const maddr = getParam(uri.params, 'maddr');
  const transport = getParam(uri.params, 'transport');
  return {
    host: typeof maddr === 'string' && maddr !== '' ? maddr : uri.host,
    ...(uri.port !== undefined ? { port: uri.port } : {}),
    ...(typeof transport === 'string' ? { transport } : {}),
    secure: uri.scheme === 'sips',
  };
}

/** 4 or 6 for a numeric address (IPv6 with or without brackets), undefined for a name. */
export function ipFamily(host: string): 4 | 6 | undefined {
  if (IPV4.test(host)) return 4;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIpv6(bare) ? 6 : undefined;
}

/** DNS names compare case-insensitively; a trailing dot (absolute name) is dropped. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export type TransportChoice = { ok: true; transport: SipTransport } | { ok: false; message: string };

/**
 * The transport parameter (RFC 3263 §4.1). For a SIPS URI, "tcp" means TLS over TCP; "tls" is the
 * RFC 2543 spelling still seen in the field.
 */
export function transportFromParam(param: string, secure: boolean): TransportChoice {
  const value = param.toLowerCase();
  if (value === 'tls') return { ok: true, transport: 'tls' };
  if (value === 'tcp') return { ok: true, transport: secure ? 'tls' : 'tcp' };
  if (value === 'udp') {
    // RFC 3261 §26.2.2: SIPS needs TLS all the way; there is no SIPS over UDP.
    return secure
      ? { ok: false, message: 'a SIPS URI cannot use transport=udp' }
      : { ok: true, transport: 'udp' };
  }
  return { ok: false, message: `transport "${param}" is not supported` };
}

/** RFC 3263 §4.1: with no NAPTR or SRV to say otherwise, UDP for SIP and TLS over TCP for SIPS. */
export function defaultTransport(
  secure: boolean,
  supported: readonly SipTransport[],
): SipTransport | undefined {
  if (secure) return supported.includes('tls') ? 'tls' : undefined;
  // A SIP URI may still be reached over TLS (RFC 3263 §4.1) when it is all we speak.
  return (['udp', 'tcp', 'tls'] as const).find((t) => supported.includes(t));
}

/** RFC 3261 §19.1.2: 5060 for UDP and TCP, 5061 for TLS. */
export function defaultPort(transport: SipTransport): number {
  return transport === 'tls' ? 5061 : 5060;
}

/** RFC 3263 §4.1: "_sips" for TLS (also for a SIP URI that asks for TLS), "_sip" otherwise. */
export function srvName(transport: SipTransport, domain: string): string {
  if (transport === 'tls') return `_sips._tcp.${domain}`;
  return transport === 'tcp' ? `_sip._tcp.${domain}` : `_sip._udp.${domain}`;
}

export function describeTarget(target: LocateTarget): string {
  const host = ipFamily(target.host) === 6 && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  const port = target.port !== undefined ? `:${target.port}` : '';
  const transport = target.transport !== undefined ? `;transport=${target.transport}` : '';
  return `${target.secure ? 'sips' : 'sip'}:${host}${port}${transport}`;
}
