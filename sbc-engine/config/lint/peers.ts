// Who a connection talks to, and how the parts of a config refer to each other: the questions most
// rules start with. Peers are recognised by their target hosts first and by the provider profile a
// connection was made from second, so a connection built by hand is judged like one from a profile.
import type { Connection } from '../schema/connections.ts';
import type { Config } from '../schema/config.ts';
import type { TlsProfile } from '../schema/tls-profiles.ts';
import { parseIpAddress } from '../schema/ip-address.ts';

export type PeerKind = 'teams' | 'exchange-um' | 'telekom' | 'other';

function hostOf(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

// providers.md: commercial cloud proxies in failover order; GCC High and DoD have one each.
const TEAMS_PROXIES = [
  'sip.pstnhub.microsoft.com',
  'sip2.pstnhub.microsoft.com',
  'sip3.pstnhub.microsoft.com',
];
const TEAMS_HOST = /(^|\.)pstnhub\.microsoft\.com$|(^|\.)pstnhub\.(gov|dod)\.teams\.microsoft\.us$/;
const GOV_TEAMS_HOST = /\.microsoft\.us$/;
const UM_HOST = /\.um\.outlook\.com$/;
const TELEKOM_HOST = /(^|\.)(telekom\.de|t-online\.de|companyflex\.de)$/;
const COMPANYFLEX_HOST = /(^|\.)(companyflex\.de|t-online\.de)$/;

/** 1, 2 or 3 for sip, sip2, sip3.pstnhub.microsoft.com; undefined for any other host. */
export function teamsProxyRank(host: string): number | undefined {
  const rank = TEAMS_PROXIES.indexOf(hostOf(host));
  return rank < 0 ? undefined : rank + 1;
}

export function teamsProxyName(rank: number): string {
  return TEAMS_PROXIES[rank - 1] ?? '?';
}

export function isIpAddress(host: string): boolean {
  return parseIpAddress(host) !== null;
}

export function peerKind(connection: Connection): PeerKind {
  const hosts = connection.targets.map((target) => hostOf(target.host));
  const profile = connection.profile ?? '';
  if (hosts.some((host) => TEAMS_HOST.test(host)) || profile.includes('teams')) return 'teams';
  if (hosts.some((host) => UM_HOST.test(host)) || /(^|-)(exchange-)?um(-|$)/.test(profile))
    return 'exchange-um';
  if (hosts.some((host) => TELEKOM_HOST.test(host)) || profile.includes('telekom')) return 'telekom';
  return 'other';
}

export function isMicrosoft(connection: Connection): boolean {
  const kind = peerKind(connection);
  return kind === 'teams' || kind === 'exchange-um';
}

/** Teams in the commercial cloud (the government clouds have their own ranges and one proxy). */
export function isCommercialTeams(connection: Connection): boolean {
  return (
    peerKind(connection) === 'teams' &&
    !connection.targets.some((target) => GOV_TEAMS_HOST.test(hostOf(target.host))) &&
    !/gcc|dod|gov/.test(connection.profile ?? '')
  );
}

export function isCompanyFlex(connection: Connection): boolean {
  if (peerKind(connection) !== 'telekom') return false;
  const hosts = [
    ...connection.targets.map((target) => target.host),
    ...(connection.registration?.domain ? [connection.registration.domain] : []),
  ].map(hostOf);
  return (
    hosts.some((host) => COMPANYFLEX_HOST.test(host)) || (connection.profile ?? '').includes('companyflex')
  );
}

export function hasTlsTarget(connection: Connection): boolean {
  return connection.targets.some((target) => target.transport === 'tls');
}

export interface Indexed<T> {
  item: T;
  index: number;
}

export function connectionsOfKind(config: Config, kind: PeerKind): Indexed<Connection>[] {
  return config.connections
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => peerKind(item) === kind);
}

export function profileIndex(config: Config, id: string | null): number {
  return id === null ? -1 : config.tlsProfiles.findIndex((profile) => profile.id === id);
}

/** Connections whose TLS targets use the profile. */
export function connectionsUsingProfile(config: Config, profileId: string): Connection[] {
  return config.connections.filter((c) => c.tlsProfile === profileId && hasTlsTarget(c));
}

/** Profiles that present a certificate: those of TLS listeners and of connections with TLS targets. */
export function profilesInUse(config: Config): Indexed<TlsProfile>[] {
  const used = new Set<string>();
  for (const listener of config.voip.listeners) if (listener.tlsProfile) used.add(listener.tlsProfile);
  for (const c of config.connections) if (c.tlsProfile && hasTlsTarget(c)) used.add(c.tlsProfile);
  return config.tlsProfiles.map((item, index) => ({ item, index })).filter(({ item }) => used.has(item.id));
}

/** The connection indexes a route target stands for (a failover group's members, in order). */
export function targetConnections(config: Config, target: Config['routes'][number]['target']): number[] {
  if (target === undefined) return [];
  const ids =
    'connection' in target
      ? [target.connection]
      : (config.failoverGroups.find((group) => group.id === target.failoverGroup)?.members ?? []);
  return ids.map((id) => config.connections.findIndex((c) => c.id === id)).filter((i) => i >= 0);
}

export interface RouteLeg {
  route: number;
  from: number;
  to: number;
}

/** Every (source, target) connection pair a route can join; an empty source list means any connection. */
export function routeLegs(config: Config): RouteLeg[] {
  const legs: RouteLeg[] = [];
  config.routes.forEach((route, routeIndex) => {
    const targets = targetConnections(config, route.target);
    const sources =
      route.sourceConnections.length > 0
        ? route.sourceConnections
            .map((id) => config.connections.findIndex((c) => c.id === id))
            .filter((i) => i >= 0)
        : config.connections.map((_, i) => i);
    for (const from of sources)
      for (const to of targets) if (from !== to) legs.push({ route: routeIndex, from, to });
  });
  return legs;
}

/** The OPTIONS interval a connection really uses; null when its keepalive is off. */
export function optionsInterval(config: Config, connection: Connection): number | null {
  if (!connection.options.enabled) return null;
  return connection.options.intervalSeconds ?? config.voip.optionsIntervalSeconds;
}

/** The text a number translation starts with before its first group ("+49$1" → "+49"). */
export function literalPrefix(replace: string): string {
  let prefix = '';
  for (let i = 0; i < replace.length; i++) {
    const char = replace[i]!;
    if (char !== '$') prefix += char;
    else if (replace[i + 1] === '$') {
      prefix += '$';
      i++;
    } else break;
  }
  return prefix;
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The CN of a one-line distinguished name as the certificate listing prints it ("O=x, CN=y"). */
export function commonName(dn: string): string | undefined {
  return dn
    .split(/,\s*/)
    .find((part) => part.startsWith('CN='))
    ?.slice(3);
}
