// RFC 3263 §4: from a SIP or SIPS URI's host, port and transport to the ordered list of
// (transport, address, port) to try. The caller tries them in order and fails over to the next
// one on a timeout or a transport error (RFC 3263 §4.3).
import { resolveAddresses } from './addresses.ts';
import { createLookupSession, describeLookup, type LookupSession } from './lookup-session.ts';
import { naptrTransport, sortNaptrRecords } from './naptr.ts';
import { isUnavailableMarker, orderSrvRecords } from './srv-order.ts';
import {
  defaultPort,
  defaultTransport,
  describeTarget,
  ipFamily,
  normalizeName,
  srvName,
  transportFromParam,
} from './target.ts';
import type {
  AddressPreference,
  Destination,
  DnsResolver,
  LocateErrorKind,
  LocateOptions,
  LocateResult,
  LocateTarget,
  SipTransport,
} from './types.ts';

const ALL_TRANSPORTS: readonly SipTransport[] = ['udp', 'tcp', 'tls'];

interface Context {
  session: LookupSession;
  random: () => number;
  preference: AddressPreference;
  supported: readonly SipTransport[];
  secure: boolean;
  maxDestinations: number;
  maxNaptrDepth: number;
  maxCandidates: number;
  destinations: Destination[];
  seen: Set<string>;
  /** A query timed out or the server failed: "nothing found" may not be the last word. */
  failed: boolean;
  /** An SRV answer said the service is not available (target "."). */
  unavailable: boolean;
}

interface NaptrCandidate {
  transport: SipTransport;
  /** "s": the replacement is an SRV name; "a": it is a host name (RFC 3403 §4.1 flags). */
  flag: 's' | 'a';
  name: string;
}

export async function locateServer(
  target: LocateTarget,
  resolver: DnsResolver,
  options: LocateOptions,
): Promise<LocateResult> {
  const supported = options.transports ?? ALL_TRANSPORTS;
  const literal = ipFamily(target.host);
  const host = literal === 6 ? target.host.replace(/^\[|\]$/g, '').toLowerCase() : normalizeName(target.host);
  if (host === '' || host === '.') return early('invalid-target', 'the URI has no host', target);
  if (
    target.port !== undefined &&
    !(Number.isInteger(target.port) && target.port > 0 && target.port < 65536)
  ) {
    return early('invalid-target', `port ${target.port} is not a valid port`, target);
  }

  let forced: SipTransport | undefined;
  if (target.transport !== undefined) {
    const choice = transportFromParam(target.transport, target.secure);
    if (!choice.ok) return early('unsupported-transport', choice.message, target);
    if (!supported.includes(choice.transport)) {
      return early('unsupported-transport', `transport ${choice.transport} is not enabled`, target);
    }
    forced = choice.transport;
  }
  const fallbackTransport = forced ?? defaultTransport(target.secure, supported);
  if (fallbackTransport === undefined) {
    const reason = target.secure ? 'TLS is not enabled, and a SIPS URI needs it' : 'no transport is enabled';
    return early('unsupported-transport', reason, target);
  }

  // §4.1: a numeric IP address needs no DNS at all; §4.2: the port is the URI's or the default.
  if (literal !== undefined) {
    const port = target.port ?? defaultPort(fallbackTransport);
    const destination = {
      transport: fallbackTransport,
      address: host,
      port,
      family: literal,
      hostname: host,
    };
    return { ok: true, destinations: [destination], lookups: [], notes: [] };
  }

  const maxRecords = options.maxRecords ?? 16;
  const ctx: Context = {
    session: createLookupSession(resolver, { maxRecords, maxLookups: options.maxLookups ?? 40 }),
    random: options.random,
    preference: options.addressPreference ?? 'ipv4-first',
    supported,
    secure: target.secure,
    maxDestinations: options.maxDestinations ?? 32,
    maxNaptrDepth: options.maxNaptrDepth ?? 4,
    maxCandidates: maxRecords,
    destinations: [],
    seen: new Set(),
    failed: false,
    unavailable: false,
  };

  if (target.port !== undefined) {
    // §4.2: an explicit port means A/AAAA only, no SRV.
    await addHost(ctx, host, target.port, fallbackTransport);
  } else if (forced !== undefined) {
    // §4.2: the transport is known, so SRV for it; without SRV records, A/AAAA on the default port.
    const found = await addSrv(ctx, srvName(forced, host), forced);
    if (!found) await addHost(ctx, host, defaultPort(forced), forced);
  } else {
    await locateByNaptr(ctx, host, fallbackTransport);
  }
  return finish(ctx, target);
}

/** §4.1: NAPTR first; without a usable NAPTR record, SRV per transport; without SRV, A/AAAA. */
async function locateByNaptr(ctx: Context, host: string, fallbackTransport: SipTransport): Promise<void> {
  const candidates = await naptrCandidates(ctx, host, 0, new Set([host]));
  if (candidates.length > 0) {
    // Failover order: NAPTR order and preference, then SRV priority and weight, then addresses.
    for (const candidate of candidates) {
      if (isFull(ctx)) return;
      if (candidate.flag === 's') await addSrv(ctx, candidate.name, candidate.transport);
      else await addHost(ctx, candidate.name, defaultPort(candidate.transport), candidate.transport);
    }
    return;
  }
  // §4.1: no NAPTR records: one SRV query per supported transport, the secure ones first.
  const transports = (['tls', 'tcp', 'udp'] as const).filter(
    (t) => ctx.supported.includes(t) && (!ctx.secure || t === 'tls'),
  );
  const names = transports.map((t) => srvName(t, host));
  await Promise.all(names.map((name) => ctx.session.srv(name)));
  let anySrv = false;
  for (const [i, transport] of transports.entries()) {
    if (await addSrv(ctx, names[i]!, transport)) anySrv = true;
  }
  // §4.1/§4.2: no SRV records at all: the host itself, UDP for SIP and TLS for SIPS, default port.
  if (!anySrv) await addHost(ctx, host, defaultPort(fallbackTransport), fallbackTransport);
}

/** The usable NAPTR records for `name`, following non-terminal records (empty flags) with loop protection. */
async function naptrCandidates(
  ctx: Context,
  name: string,
  depth: number,
  chain: ReadonlySet<string>,
): Promise<NaptrCandidate[]> {
  const answer = await ctx.session.naptr(name);
  if (!answer.ok) {
    if (answer.error === 'timeout' || answer.error === 'servfail') ctx.failed = true;
    return [];
  }
  const candidates: NaptrCandidate[] = [];
  for (const record of sortNaptrRecords(answer.records)) {
    if (candidates.length >= ctx.maxCandidates) break;
    // §4.1: SIP NAPTR records carry the next name in the replacement; regexp rewriting is not used.
    const next = normalizeName(record.replacement);
    if (next === '' || next === '.') continue;
    const flags = record.flags.toLowerCase();
    if (flags === '') {
      // RFC 3403 §4.1: no flags means "ask for NAPTR at the replacement".
      if (record.service !== '' && !naptrTransport(record.service, ctx.secure, ctx.supported)) continue;
      if (chain.has(next)) {
        ctx.session.notes.push(`NAPTR ${name} points back to ${next}: loop ignored`);
        continue;
      }
      if (depth + 1 > ctx.maxNaptrDepth) {
        ctx.session.notes.push(`NAPTR chain longer than ${ctx.maxNaptrDepth} at ${next} (maxNaptrDepth)`);
        continue;
      }
      const nested = await naptrCandidates(ctx, next, depth + 1, new Set([...chain, next]));
      candidates.push(...nested.slice(0, ctx.maxCandidates - candidates.length));
    } else if (flags === 's' || flags === 'a') {
      const transport = naptrTransport(record.service, ctx.secure, ctx.supported);
      if (transport) candidates.push({ transport, flag: flags, name: next });
    }
  }
  return candidates;
}

/**
 * §4.2 and RFC 2782: the targets of one SRV name, in priority and weighted order. Returns whether
 * the answer held records at all (a "." answer counts: it is a definite "not here").
 */
async function addSrv(ctx: Context, name: string, transport: SipTransport): Promise<boolean> {
  const answer = await ctx.session.srv(name);
  if (!answer.ok) {
    if (answer.error === 'timeout' || answer.error === 'servfail') ctx.failed = true;
    return false;
  }
  const usable = answer.records.filter((r) => !isUnavailableMarker(r));
  if (usable.length === 0) {
    ctx.unavailable = true;
    ctx.session.notes.push(`SRV ${name}: the service is not available there (target ".")`);
    return true;
  }
  for (const record of orderSrvRecords(usable, ctx.random)) {
    if (isFull(ctx)) break;
    await addHost(ctx, normalizeName(record.target), record.port, transport);
  }
  return true;
}

async function addHost(ctx: Context, hostname: string, port: number, transport: SipTransport): Promise<void> {
  if (isFull(ctx)) return;
  const found = await resolveAddresses(ctx.session, hostname, port, transport, ctx.preference);
  if (found.failed) ctx.failed = true;
  for (const destination of found.destinations) {
    const key = `${destination.transport} ${destination.address} ${destination.port}`;
    if (ctx.seen.has(key)) continue;
    if (isFull(ctx)) {
      ctx.session.notes.push(`kept the first ${ctx.maxDestinations} destinations (maxDestinations)`);
      return;
    }
    ctx.seen.add(key);
    ctx.destinations.push(destination);
  }
}

function isFull(ctx: Context): boolean {
  return ctx.destinations.length >= ctx.maxDestinations;
}

function finish(ctx: Context, target: LocateTarget): LocateResult {
  const { lookups, notes } = ctx.session;
  if (ctx.destinations.length > 0) return { ok: true, destinations: ctx.destinations, lookups, notes };
  let kind: LocateErrorKind = 'not-found';
  let reason = 'no DNS records lead to an address';
  if (ctx.session.budgetExhausted()) {
    kind = 'limit-exceeded';
    reason = 'it needs more DNS queries than allowed';
  } else if (ctx.failed) {
    kind = 'dns-failure';
    reason = 'DNS queries timed out or failed; check the DNS servers';
  } else if (ctx.unavailable) {
    kind = 'service-unavailable';
    reason = 'DNS says the SIP service is not available there';
  }
  const details = [...lookups.map(describeLookup), ...notes].join('; ');
  return {
    ok: false,
    error: { kind, message: `No SIP server found for ${describeTarget(target)}: ${reason} (${details})` },
    lookups,
    notes,
  };
}

function early(kind: LocateErrorKind, reason: string, target: LocateTarget): LocateResult {
  return {
    ok: false,
    error: { kind, message: `Cannot locate ${describeTarget(target)}: ${reason}` },
    lookups: [],
    notes: [],
  };
}
