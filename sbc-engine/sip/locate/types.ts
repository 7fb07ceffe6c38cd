// Types of RFC 3263 server location: what the resolver answers, what the locator returns.
// The resolver is the only door to DNS, so the locator stays pure and a test can fake it.

/** Why a query produced no records. `nodata`: the name exists but has no record of that type. */
export type DnsErrorKind = 'nxdomain' | 'nodata' | 'timeout' | 'servfail';

export type DnsAnswer<T> = { ok: true; records: T[] } | { ok: false; error: DnsErrorKind; detail?: string };

/** RFC 3403 §4.1. SIP uses the replacement field, never the regexp (RFC 3263 §4.1). */
export interface NaptrRecord {
  order: number;
  preference: number;
  flags: string;
  service: string;
  regexp: string;
  replacement: string;
}

/** RFC 2782. A target of "." means the service is decidedly not available at this domain. */
export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface DnsResolver {
  naptr(name: string): Promise<DnsAnswer<NaptrRecord>>;
  srv(name: string): Promise<DnsAnswer<SrvRecord>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export type SipTransport = 'udp' | 'tcp' | 'tls';

export interface Destination {
  transport: SipTransport;
  address: string;
  port: number;
  family: 4 | 6;
  /** The name the address came from (the URI host or an SRV target), or the address itself. */
  hostname: string;
}

/** The parts of a SIP or SIPS URI that server location looks at (RFC 3263 §4). */
export interface LocateTarget {
  /** Host name or IP address (IPv6 without brackets). */
  host: string;
  port?: number;
  /** The URI's transport parameter as written, if any. */
  transport?: string;
  /** A SIPS URI: only TLS may be used (RFC 3261 §26.2.2). */
  secure: boolean;
}

export type AddressPreference = 'ipv4-first' | 'ipv6-first' | 'ipv4-only' | 'ipv6-only';

export interface LocateOptions {
  /** Uniform in [0, 1), for the RFC 2782 weighted selection; inject a seeded one in tests. */
  random: () => number;
  /** Which address families to use and which first. Default 'ipv4-first'. */
  addressPreference?: AddressPreference;
  /** The transports this client supports. Default udp, tcp, tls. */
  transports?: readonly SipTransport[];
  /** Records used from one answer; the rest are dropped. Default 16. */
  maxRecords?: number;
  /** Destinations returned at most. Default 32. */
  maxDestinations?: number;
  /** Non-terminal NAPTR replacements followed at most in a chain. Default 4. */
  maxNaptrDepth?: number;
  /** DNS queries made at most for one target. Default 40. */
  maxLookups?: number;
}

export type LookupType = 'NAPTR' | 'SRV' | 'A' | 'AAAA';

/** One query made, for logs and for the message when nothing resolves. */
export interface Lookup {
  type: LookupType;
  name: string;
  result: 'ok' | DnsErrorKind;
  records: number;
}

export type LocateErrorKind =
  | 'invalid-target'
  | 'unsupported-transport'
  | 'not-found'
  | 'service-unavailable'
  | 'dns-failure'
  | 'limit-exceeded';

export interface LocateError {
  kind: LocateErrorKind;
  message: string;
}

export type LocateResult =
  | { ok: true; destinations: Destination[]; lookups: Lookup[]; notes: string[] }
  | { ok: false; error: LocateError; lookups: Lookup[]; notes: string[] };
