// IP addresses, networks and host names as admins type them into a config. Pure (no node:net): the
// renderer validates a config with the same code as the engine.

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

export type CidrResult =
  { ok: true; family: IpFamily; bytes: number[]; prefix: number } | { ok: false; reason: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
// The longest IPv6 text form: eight groups with an IPv4 tail, "ffff:...:ffff:255.255.255.255".
const MAX_IPV6_TEXT = 45;

export function parseIPv4(text: string): number[] | null {
  if (!IPV4.test(text)) return null;
  return text.split('.').map(Number);
}

/** RFC 4291 §2.2 text forms: full, "::"-compressed, and with an IPv4 tail. No zone ids. */
export function parseIPv6(text: string): number[] | null {
  if (text.length > MAX_IPV6_TEXT || !text.includes(':')) return null;
  let body = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (!v4) return null;
    body = `${text.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    if (!groups.every((group) => HEX_GROUP.test(group))) return null;
    return groups.map((group) => parseInt(group, 16));
  };
  const head = groupsOf(halves[0]!);
  if (!head) return null;
  let groups: number[];
  if (halves.length === 2) {
    const rest = groupsOf(halves[1]!);
    // "::" stands for one or more groups of zeros.
    if (!rest || head.length + rest.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

export function parseIpAddress(text: string): IpAddress | null {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  return v6 ? { family: 6, bytes: v6 } : null;
}

/** Text form of an address: dotted quad, or RFC 5952's canonical IPv6 form. */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) return address.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((address.bytes[i]! << 8) | address.bytes[i + 1]!);
  // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
    i = end;
  }
  const hex = (list: number[]) => list.map((group) => group.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/**
 * A network as ADDRESS/PREFIX. A network with host bits set (52.113.0.0/14) is refused with the
 * network the admin probably meant: in an allow list the two readings differ by whole subnets.
 */
export function parseCidr(text: string): CidrResult {
  const slash = text.indexOf('/');
  if (slash < 0) {
    return {
      ok: false,
      reason: `"${text}" is not a network: write ADDRESS/PREFIX, e.g. 52.112.0.0/14, 2001:db8::/32, or 192.0.2.10/32 for one address`,
    };
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = parseIpAddress(addressText);
  if (!address) return { ok: false, reason: `"${addressText}" is not an IPv4 or IPv6 address` };
  const maxPrefix = address.family === 4 ? 32 : 128;
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > maxPrefix) {
    return {
      ok: false,
      reason: `"/${prefixText}" is not a prefix length for IPv${address.family} (0 to ${maxPrefix})`,
    };
  }
  const prefix = Number(prefixText);
  const network = maskBytes(address.bytes, prefix);
  if (network.some((byte, i) => byte !== address.bytes[i])) {
    const meant = `${formatIpAddress({ family: address.family, bytes: network })}/${prefix}`;
    return {
      ok: false,
      reason: `${text} has bits set after the first ${prefix}; the network is ${meant} (for one address use /${maxPrefix})`,
    };
  }
  return { ok: true, family: address.family, bytes: address.bytes, prefix };
}

function maskBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((byte, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - bits)) & 0xff);
  });
}

/** One spelling per address, so 2001:DB8::1 and 2001:db8:0::1 count as the same. */
export function canonicalAddress(text: string): string {
  const address = parseIpAddress(text);
  return address ? formatIpAddress(address) : text;
}

export function canonicalCidr(text: string): string {
  const slash = text.indexOf('/');
  return slash < 0 ? text : `${canonicalAddress(text.slice(0, slash))}${text.slice(slash)}`;
}

const LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/**
 * A DNS host name (RFC 1123): labels of letters, digits and inner dashes, at most 253 characters, no
 * trailing dot. A name whose last label is all digits is refused, so "300.1.1.1" is not taken for
 * a name.
 */
export function isHostname(text: string): boolean {
  if (text.length < 1 || text.length > 253) return false;
  const labels = text.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]!);
}

/** A fully qualified name: a host name with at least two labels (sbc.example.com). */
export function isFqdn(text: string): boolean {
  return isHostname(text) && text.includes('.');
}
