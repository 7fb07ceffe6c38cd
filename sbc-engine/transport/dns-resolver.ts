// The DnsResolver of sbc-engine/sip/locate over node:dns (c-ares), with explicit servers so that
// a deployment can name its DNS servers and a test can point at a server on loopback.
import { Resolver } from 'node:dns/promises';
import type { DnsAnswer, DnsErrorKind, DnsResolver, NaptrRecord, SrvRecord } from '../sip/locate/types.ts';

export interface DnsResolverOptions {
  /** "127.0.0.1:5353", "[::1]:53", "192.0.2.53"; empty or missing: the system's servers. */
  servers?: readonly string[];
  /** Per-try timeout in milliseconds. Default 2000. */
  timeoutMs?: number;
  /** Tries per server before giving up. Default 2. */
  tries?: number;
}

export interface NodeDnsResolver extends DnsResolver {
  /** Ends every outstanding query with a "servfail" (ECANCELLED) answer. */
  cancel(): void;
}

export function createDnsResolver(options: DnsResolverOptions = {}): NodeDnsResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);

  return {
    naptr: (name) =>
      ask(
        () => resolver.resolveNaptr(name),
        (r): NaptrRecord => ({
          order: r.order,
          preference: r.preference,
          flags: r.flags,
          service: r.service,
          regexp: r.regexp,
          // c-ares gives the root name as "".
          replacement: r.replacement === '' ? '.' : r.replacement,
        }),
      ),
    srv: (name) =>
      ask(
        () => resolver.resolveSrv(name),
        (r): SrvRecord => ({
          priority: r.priority,
          weight: r.weight,
          port: r.port,
          target: r.name === '' ? '.' : r.name,
        }),
      ),
    a: (name) =>
      ask(
        () => resolver.resolve4(name),
        (address: string) => address,
      ),
    aaaa: (name) =>
      ask(
        () => resolver.resolve6(name),
        (address: string) => address,
      ),
    cancel: () => resolver.cancel(),
  };
}

async function ask<R, T>(query: () => Promise<R[]>, map: (record: R) => T): Promise<DnsAnswer<T>> {
  try {
    const records = await query();
    return records.length > 0 ? { ok: true, records: records.map(map) } : { ok: false, error: 'nodata' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: dnsErrorKind(code), detail: code ?? String(error) };
  }
}

/** Node's (c-ares') error codes, in the four kinds server location tells apart. */
export function dnsErrorKind(code: string | undefined): DnsErrorKind {
  switch (code) {
    case 'ENOTFOUND': // NXDOMAIN
    case 'EBADNAME': // a name that cannot exist
      return 'nxdomain';
    case 'ENODATA': // NOERROR with no answer of that type
      return 'nodata';
    case 'ETIMEOUT':
      return 'timeout';
    default:
      // ESERVFAIL, EREFUSED, ECONNREFUSED, EBADRESP, EFORMERR, ENOTIMP, ECANCELLED ...: no usable
      // answer from the server; the detail keeps the code.
      return 'servfail';
  }
}
