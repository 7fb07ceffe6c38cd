// What an admin types into "scan": addresses, host names and IPv4 ranges in CIDR form, each with
// an optional port, separated by commas, spaces or new lines. Expanded to host:port pairs, with
// the total bounded so a slip of the finger (/8) is refused instead of probing 16 million hosts.
import { isIP } from 'node:net';
import { formatHostPort, parseHostPort, type HostPort } from '../../../sbc-engine/config/host-port.ts';

export const MAX_SCAN_ADDRESSES = 4096;

export interface ScanTarget extends HostPort {
  /** From a range: a silent address is expected there and only counted. */
  fromRange: boolean;
}

export type ScanTargetsResult = { ok: true; targets: ScanTarget[] } | { ok: false; error: string };

const CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})(?::(\d{1,5}))?$/;

function ipv4ToNumber(text: string): number | undefined {
  if (isIP(text) !== 4) return undefined;
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parsePort(text: string | undefined, fallback: number): number | string {
  if (text === undefined) return fallback;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : `port ${text} is out of range (1-65535)`;
}

/** Addresses of an IPv4 prefix; without network and broadcast address below /31 (RFC 3021). */
function expandCidr(base: number, bits: number): number[] {
  const size = 2 ** (32 - bits);
  const first = base - (base % size);
  if (size <= 2) return Array.from({ length: size }, (_, i) => first + i);
  return Array.from({ length: size - 2 }, (_, i) => first + 1 + i);
}

function cidrSize(bits: number): number {
  const size = 2 ** (32 - bits);
  return size <= 2 ? size : size - 2;
}

export function parseScanTargets(input: string, defaultPort: number): ScanTargetsResult {
  const entries = input.split(/[\s,;]+/).filter(Boolean);
  if (entries.length === 0) return { ok: false, error: 'Enter at least one address, host name or range.' };
  const targets: ScanTarget[] = [];
  const seen = new Set<string>();
  const add = (target: ScanTarget) => {
    const key = formatHostPort(target);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };
  for (const entry of entries) {
    const cidr = CIDR.exec(entry);
    if (cidr) {
      const base = ipv4ToNumber(cidr[1]!);
      const bits = Number(cidr[2]);
      if (base === undefined) return { ok: false, error: `"${entry}": ${cidr[1]} is not an IPv4 address` };
      if (bits > 32) return { ok: false, error: `"${entry}": the prefix length must be 0 to 32` };
      const port = parsePort(cidr[3], defaultPort);
      if (typeof port === 'string') return { ok: false, error: `"${entry}": ${port}` };
      if (targets.length + cidrSize(bits) > MAX_SCAN_ADDRESSES) {
        return {
          ok: false,
          error: `"${entry}" holds ${cidrSize(bits)} addresses; a scan covers at most ${MAX_SCAN_ADDRESSES} (a /20). Split the range.`,
        };
      }
      for (const value of expandCidr(base, bits)) add({ host: numberToIpv4(value), port, fromRange: true });
      continue;
    }
    if (entry.includes('/'))
      return { ok: false, error: `"${entry}": ranges are IPv4 CIDR, e.g. 192.0.2.0/24` };
    const parsed = parseHostPort(entry, defaultPort);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (parsed.value.port < 1) return { ok: false, error: `"${entry}": port 0 cannot be probed` };
    if (targets.length + 1 > MAX_SCAN_ADDRESSES) {
      return { ok: false, error: `A scan covers at most ${MAX_SCAN_ADDRESSES} addresses.` };
    }
    add({ ...parsed.value, fromRange: false });
  }
  return { ok: true, targets };
}
