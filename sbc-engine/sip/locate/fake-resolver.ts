// An in-memory DnsResolver for tests: a zone as data, with injectable failures and a query log.
import { normalizeName } from './target.ts';
import type { DnsAnswer, DnsErrorKind, DnsResolver, NaptrRecord, SrvRecord } from './types.ts';

export interface FakeZone {
  naptr?: Record<string, NaptrRecord[]>;
  srv?: Record<string, SrvRecord[]>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
  /** Forced outcomes, keyed "TYPE name" (e.g. "SRV _sip._udp.example.com"). */
  errors?: Record<string, DnsErrorKind>;
}

export interface FakeResolver extends DnsResolver {
  /** Every query made, as "TYPE name", in order. */
  readonly queries: string[];
}

/**
 * A name that holds any record answers "no data" for the other types; an unknown name answers
 * NXDOMAIN, unless a longer name in the zone ends with it (an empty non-terminal, RFC 8020).
 */
export function createFakeResolver(zone: FakeZone): FakeResolver {
  const queries: string[] = [];
  const tables = { NAPTR: zone.naptr ?? {}, SRV: zone.srv ?? {}, A: zone.a ?? {}, AAAA: zone.aaaa ?? {} };
  const names = Object.values(tables).flatMap((table) => Object.keys(table).map(normalizeName));

  function answer<T>(type: keyof typeof tables, name: string): Promise<DnsAnswer<T>> {
    const key = normalizeName(name);
    queries.push(`${type} ${key}`);
    const forced = zone.errors?.[`${type} ${key}`];
    if (forced) return Promise.resolve({ ok: false, error: forced, detail: 'fake' });
    const table = tables[type] as Record<string, T[]>;
    const found = Object.entries(table).find(([n]) => normalizeName(n) === key)?.[1];
    if (found && found.length > 0) return Promise.resolve({ ok: true, records: found });
    const exists = names.some((n) => n === key || n.endsWith(`.${key}`));
    return Promise.resolve({ ok: false, error: exists ? 'nodata' : 'nxdomain' });
  }

  return {
    queries,
    naptr: (name) => answer<NaptrRecord>('NAPTR', name),
    srv: (name) => answer<SrvRecord>('SRV', name),
    a: (name) => answer<string>('A', name),
    aaaa: (name) => answer<string>('AAAA', name),
  };
}
