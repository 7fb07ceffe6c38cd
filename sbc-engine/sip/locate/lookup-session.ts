// The DNS queries of one server location: each asked once, logged, capped in number and size.
import type { DnsAnswer, DnsResolver, Lookup, LookupType, NaptrRecord, SrvRecord } from './types.ts';

export interface SessionLimits {
  maxRecords: number;
  maxLookups: number;
}

export interface LookupSession {
  readonly lookups: Lookup[];
  readonly notes: string[];
  /** True once a query was refused because maxLookups was reached. */
  budgetExhausted(): boolean;
  naptr(name: string): Promise<DnsAnswer<NaptrRecord>>;
  srv(name: string): Promise<DnsAnswer<SrvRecord>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export function createLookupSession(resolver: DnsResolver, limits: SessionLimits): LookupSession {
  const lookups: Lookup[] = [];
  const notes: string[] = [];
  const cache = new Map<string, Promise<DnsAnswer<unknown>>>();
  let exhausted = false;

  function query<T>(type: LookupType, name: string, ask: () => Promise<DnsAnswer<T>>): Promise<DnsAnswer<T>> {
    const key = `${type} ${name}`;
    const cached = cache.get(key);
    if (cached) return cached as Promise<DnsAnswer<T>>;
    if (lookups.length >= limits.maxLookups) {
      if (!exhausted) notes.push(`stopped after ${limits.maxLookups} DNS queries (maxLookups)`);
      exhausted = true;
      return Promise.resolve({ ok: false, error: 'servfail', detail: 'query limit reached' });
    }
    const entry: Lookup = { type, name, result: 'ok', records: 0 };
    lookups.push(entry);
    const pending = ask().then(
      (answer) => settle(entry, answer),
      (error: unknown) => settle<T>(entry, { ok: false, error: 'servfail', detail: String(error) }),
    );
    cache.set(key, pending);
    return pending;
  }

  function settle<T>(entry: Lookup, answer: DnsAnswer<T>): DnsAnswer<T> {
    if (!answer.ok) {
      entry.result = answer.error;
      return answer;
    }
    // An empty answer is "no data", whatever the resolver called it.
    if (answer.records.length === 0) {
      entry.result = 'nodata';
      return { ok: false, error: 'nodata' };
    }
    let records = answer.records;
    if (records.length > limits.maxRecords) {
      notes.push(
        `${entry.type} ${entry.name}: used ${limits.maxRecords} of ${records.length} records (maxRecords)`,
      );
      records = records.slice(0, limits.maxRecords);
    }
    entry.records = records.length;
    return { ok: true, records };
  }

  return {
    lookups,
    notes,
    budgetExhausted: () => exhausted,
    naptr: (name) => query('NAPTR', name, () => resolver.naptr(name)),
    srv: (name) => query('SRV', name, () => resolver.srv(name)),
    a: (name) => query('A', name, () => resolver.a(name)),
    aaaa: (name) => query('AAAA', name, () => resolver.aaaa(name)),
  };
}

export function describeLookup(lookup: Lookup): string {
  const outcome = lookup.result === 'ok' ? `${lookup.records} record(s)` : lookup.result;
  return `${lookup.type} ${lookup.name}: ${outcome}`;
}
