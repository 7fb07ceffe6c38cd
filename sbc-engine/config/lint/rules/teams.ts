// Microsoft Teams Direct Routing: the proxies, their order, names and ports, the Contact header and
// OPTIONS keepalives (providers.md, seed 003).
import type { Config } from '../../schema/config.ts';
import type { Connection } from '../../schema/connections.ts';
import { makeFix } from '../edit.ts';
import {
  connectionsOfKind,
  isCommercialTeams,
  isIpAddress,
  optionsInterval,
  peerKind,
  teamsProxyName,
  teamsProxyRank,
} from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

/** The best (lowest) proxy rank among a connection's targets. */
function connectionRank(connection: Connection | undefined): number | undefined {
  const ranks = (connection?.targets ?? [])
    .map((target) => teamsProxyRank(target.host))
    .filter((rank): rank is number => rank !== undefined);
  return ranks.length ? Math.min(...ranks) : undefined;
}

function ascending(values: readonly number[]): boolean {
  return values.every((value, i) => i === 0 || values[i - 1]! < value);
}

export const teamsProxyOrder: LintRule = {
  id: 'teams-proxy-order',
  severity: 'warning',
  title: 'Teams proxies out of order (sip, sip2, sip3)',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    const byId = (id: string) => config.connections.find((c) => c.id === id);
    config.failoverGroups.forEach((group, g) => {
      const ranked = group.members
        .map((id, slot) => ({ id, slot, rank: connectionRank(byId(id)) }))
        .filter((m): m is { id: string; slot: number; rank: number } => m.rank !== undefined);
      if (ascending(ranked.map((m) => m.rank))) return;
      const order = ranked.map((m) => teamsProxyName(m.rank)).join(', ');
      const sorted = [...ranked].sort((a, b) => a.rank - b.rank);
      findings.push({
        path: ['failoverGroups', g, 'members'],
        message: `Failover group "${group.name}" tries ${order}. Microsoft requires sip.pstnhub.microsoft.com first, then sip2, then sip3: the first name resolves to the datacenter assigned to this SBC, so another order sends calls to a farther or busier region first.`,
        fix: makeFix('Order the Teams proxies sip, sip2, sip3', (draft) => {
          const members = draft.failoverGroups[g]!.members;
          ranked.forEach((m, k) => (members[m.slot] = sorted[k]!.id));
        }),
      });
    });
    config.connections.forEach((connection, i) => {
      const ranked = connection.targets
        .map((target, k) => ({ k, rank: teamsProxyRank(target.host), priority: target.priority }))
        .filter((t): t is { k: number; rank: number; priority: number } => t.rank !== undefined)
        .sort((a, b) => a.rank - b.rank);
      if (ranked.length < 2 || ascending(ranked.map((t) => t.priority))) return;
      findings.push({
        path: ['connections', i, 'targets'],
        message: `"${connection.name}" does not try the Teams proxies strictly in the order sip, sip2, sip3 (lower priority first): Microsoft requires that order, and equal priorities spread calls over regions it did not assign to this SBC.`,
        fix: makeFix('Give the Teams proxies priorities 1, 2, 3', (draft) => {
          for (const t of ranked) draft.connections[i]!.targets[t.k]!.priority = t.rank;
        }),
      });
    });
    return findings;
  },
};

export const teamsProxiesComplete: LintRule = {
  id: 'teams-proxies-complete',
  severity: 'warning',
  title: 'Not all three Teams proxies configured',
  fixable: false,
  check(config) {
    const teams = connectionsOfKind(config, 'teams').filter(({ item }) => isCommercialTeams(item));
    if (!teams.length) return [];
    const present = new Set(
      teams
        .flatMap(({ item }) => item.targets.map((t) => teamsProxyRank(t.host)))
        .filter((r) => r !== undefined),
    );
    const missing = [1, 2, 3].filter((rank) => !present.has(rank)).map(teamsProxyName);
    if (!missing.length) return [];
    return [
      {
        path: ['connections', teams[0]!.index, 'targets'],
        message: `Teams Direct Routing has three proxies, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not configured: when Microsoft's region for this SBC has trouble, calls have no proxy to fail over to and fail.`,
      },
    ];
  },
};

export const teamsRouteFailover: LintRule = {
  id: 'teams-route-failover',
  severity: 'warning',
  title: 'A route sends to one Teams proxy instead of the failover group',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    config.routes.forEach((route, r) => {
      const target = route.target;
      if (!target || !('connection' in target)) return;
      const connection = config.connections.find((c) => c.id === target.connection);
      if (!connection || peerKind(connection) !== 'teams') return;
      const groups = config.failoverGroups.filter(
        (group) => group.members.length > 1 && group.members.includes(connection.id),
      );
      if (!groups.length) return;
      const only = groups.length === 1 ? groups[0]! : undefined;
      findings.push({
        path: ['routes', r, 'target'],
        message: `Route "${route.id}" sends calls to "${connection.name}" alone, although failover group "${groups[0]!.name}" holds it: when that proxy answers 408, 503 or 504 or does not answer, the call fails instead of moving on to the next Teams proxy.`,
        ...(only
          ? {
              fix: makeFix(`Send to failover group "${only.name}"`, (draft) => {
                draft.routes[r]!.target = { failoverGroup: only.id };
              }),
            }
          : {}),
      });
    });
    return findings;
  },
};

export const teamsFqdnNotIp: LintRule = {
  id: 'teams-fqdn-not-ip',
  severity: 'error',
  title: 'Teams proxies must be addressed by FQDN, not IP',
  fixable: false,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) =>
      item.targets.flatMap((target, k) =>
        isIpAddress(target.host)
          ? [
              {
                path: ['connections', index, 'targets', k, 'host'],
                message: `"${item.name}" sends to the address ${target.host}. Teams must be reached by name (sip.pstnhub.microsoft.com, sip2..., sip3...): Microsoft moves the addresses behind the names between regions, and the TLS certificate names the proxy, not an address, so the handshake fails now or calls stop when the address moves.`,
              },
            ]
          : [],
      ),
    );
  },
};

export const teamsTls5061: LintRule = {
  id: 'teams-tls-5061',
  severity: 'error',
  title: 'Teams proxies are reached over TLS on port 5061',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    for (const { item, index } of connectionsOfKind(config, 'teams')) {
      item.targets.forEach((target, k) => {
        const wrongTransport = target.transport !== 'tls';
        const wrongPort = target.port !== null && target.port !== 5061;
        if (!wrongTransport && !wrongPort) return;
        const canFix = !wrongTransport || item.tlsProfile !== null;
        findings.push({
          path: ['connections', index, 'targets', k, wrongTransport ? 'transport' : 'port'],
          message: `"${item.name}" sends to ${target.host} over ${target.transport.toUpperCase()}${target.port ? ` port ${target.port}` : ''}. Microsoft's SIP proxies accept only TLS on port 5061: the OPTIONS go unanswered, Teams shows the SBC as inactive and no call gets through.`,
          ...(canFix
            ? {
                fix: makeFix('Use TLS on port 5061', (draft) => {
                  const t = draft.connections[index]!.targets[k]!;
                  t.transport = 'tls';
                  t.port = 5061;
                }),
              }
            : {}),
        });
      });
    }
    return findings;
  },
};

/** Listener indexes presenting one of the Teams connections' TLS profiles. */
function teamsListeners(config: Config): number[] {
  const profiles = new Set(connectionsOfKind(config, 'teams').map(({ item }) => item.tlsProfile));
  return config.voip.listeners
    .map((listener, i) => ({ listener, i }))
    .filter(({ listener }) => listener.transport === 'tls' && profiles.has(listener.tlsProfile))
    .map(({ i }) => i);
}

export const teamsSignallingPort: LintRule = {
  id: 'teams-signalling-port',
  severity: 'warning',
  title: "The SBC's TLS port for Teams is not 5061 (Contact / SipSignalingPort)",
  fixable: true,
  check(config) {
    const indexes = teamsListeners(config);
    const listeners = config.voip.listeners;
    if (!indexes.length || indexes.some((i) => listeners[i]!.port === 5061)) return [];
    const i = indexes[0]!;
    const listener = listeners[i]!;
    const clash = listeners.some((other, k) => k !== i && other.transport !== 'udp' && other.port === 5061);
    return [
      {
        path: ['voip', 'listeners', i, 'port'],
        message: `Teams sends its OPTIONS and calls to the port in your Contact header and in the tenant's SipSignalingPort (5061 unless you changed it), not to ${listener.port}, where this SBC listens for Teams: Teams' OPTIONS never arrive and the SBC shows as inactive. Listen on 5061, or pair the gateway with -SipSignalingPort ${listener.port} (the government clouds accept only 5061).`,
        ...(clash
          ? {}
          : {
              fix: makeFix('Listen for Teams on port 5061', (draft) => {
                draft.voip.listeners[i]!.port = 5061;
              }),
            }),
      },
    ];
  },
};

export const teamsTlsListener: LintRule = {
  id: 'teams-tls-listener',
  severity: 'warning',
  title: "No TLS listener presents the Teams connection's TLS profile",
  fixable: false,
  check(config) {
    const listeners = config.voip.listeners.filter((l) => l.transport === 'tls');
    if (!listeners.length) return []; // tls-target-without-listener says so
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const { item, index } of connectionsOfKind(config, 'teams')) {
      const profile = item.tlsProfile;
      if (profile === null || seen.has(profile)) continue;
      seen.add(profile);
      if (listeners.some((l) => l.tlsProfile === profile)) continue;
      findings.push({
        path: ['connections', index, 'tlsProfile'],
        message: `No TLS listener uses TLS profile "${profile}" of "${item.name}": when Microsoft's proxies open their own TLS connection to the SBC (incoming calls, their OPTIONS), they get another profile's certificate and refuse the handshake unless it too names the SBC FQDN.`,
      });
    }
    return findings;
  },
};

export const teamsContactFqdn: LintRule = {
  id: 'teams-contact-fqdn',
  severity: 'error',
  title: 'Contact toward Teams must carry the SBC FQDN',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) =>
      item.headers.fqdnInContact
        ? []
        : [
            {
              path: ['connections', index, 'headers', 'fqdnInContact'],
              message: `Contact toward "${item.name}" would carry the SBC's IP address: Teams answers "Provided Trunk FQDN '<IP>' is not allowed", sends its own OPTIONS nowhere, and shows the SBC as inactive. Contact must be sip:SBC-FQDN:port;transport=tls with the FQDN of the certificate and the paired gateway.`,
              fix: makeFix('Put the SBC FQDN in Contact', (draft) => {
                draft.connections[index]!.headers.fqdnInContact = true;
              }),
            },
          ],
    );
  },
};

export const teamsFromFqdn: LintRule = {
  id: 'teams-from-fqdn',
  severity: 'warning',
  title: 'From toward Teams should carry the SBC FQDN',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) =>
      item.headers.fqdnInFrom
        ? []
        : [
            {
              path: ['connections', index, 'headers', 'fqdnInFrom'],
              message: `From toward "${item.name}" would carry an IP address or the PBX's host: Teams matches the SBC by the FQDN in Contact and From, and requests with other hosts are refused or land with the wrong tenant.`,
              fix: makeFix('Put the SBC FQDN in From', (draft) => {
                draft.connections[index]!.headers.fqdnInFrom = true;
              }),
            },
          ],
    );
  },
};

export const sbcFqdnMissing: LintRule = {
  id: 'sbc-fqdn-missing',
  severity: 'error',
  title: 'The SBC FQDN is not set but Microsoft peers need it',
  fixable: false,
  check(config) {
    if (config.system.fqdn !== null) return [];
    const peer = config.connections.find((c) => ['teams', 'exchange-um'].includes(peerKind(c)));
    if (!peer) return [];
    return [
      {
        path: ['system', 'fqdn'],
        message: `"${peer.name}" needs the SBC's FQDN: Microsoft pairs the SBC by it, it goes into Contact, and the certificate must name it. Without it Contact carries an IP address and Microsoft refuses the SBC.`,
      },
    ];
  },
};

export const sbcFqdnOnmicrosoft: LintRule = {
  id: 'sbc-fqdn-onmicrosoft',
  severity: 'error',
  title: 'The SBC FQDN must not be under onmicrosoft.com',
  fixable: false,
  check(config) {
    const fqdn = config.system.fqdn;
    if (fqdn === null || !/(^|\.)onmicrosoft\.com\.?$/i.test(fqdn)) return [];
    return [
      {
        path: ['system', 'fqdn'],
        message: `${fqdn} is under onmicrosoft.com: Teams pairs an SBC only by a domain verified in your tenant, and never an *.onmicrosoft.com one ("Can not use the domain as it was not configured for this tenant"). Use a name in your own domain.`,
      },
    ];
  },
};

const OPTIONS_FIX = (index: number) =>
  makeFix('Send OPTIONS to Teams every 60 s', (draft) => {
    const options = draft.connections[index]!.options;
    options.enabled = true;
    options.intervalSeconds = 60;
  });

function inherited(config: Config, connection: Connection): string {
  return connection.options.intervalSeconds === null
    ? ` (inherited from voip.optionsIntervalSeconds = ${config.voip.optionsIntervalSeconds})`
    : '';
}

export const teamsOptionsDisabled: LintRule = {
  id: 'teams-options-disabled',
  severity: 'error',
  title: 'OPTIONS keepalive toward Teams is off',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) =>
      item.options.enabled
        ? []
        : [
            {
              path: ['connections', index, 'options', 'enabled'],
              message: `No OPTIONS go to "${item.name}": Microsoft counts an SBC that sends none as inactive and ignores its calls.`,
              fix: OPTIONS_FIX(index),
            },
          ],
    );
  },
};

export const teamsOptionsInterval: LintRule = {
  id: 'teams-options-interval',
  severity: 'warning',
  title: 'OPTIONS toward Teams less often than every 60 s',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) => {
      const interval = optionsInterval(config, item);
      if (interval === null || interval <= 60 || interval > 180) return [];
      return [
        {
          path: ['connections', index, 'options', 'intervalSeconds'],
          message: `OPTIONS go to "${item.name}" every ${interval} s${inherited(config, item)}: Microsoft expects one a minute and counts the SBC healthy only if it saw one in the last 3 minutes, so one lost OPTIONS can mark it unhealthy.`,
          fix: OPTIONS_FIX(index),
        },
      ];
    });
  },
};

export const teamsOptionsDemoted: LintRule = {
  id: 'teams-options-demoted',
  severity: 'error',
  title: 'OPTIONS toward Teams less often than every 180 s',
  fixable: true,
  check(config) {
    return connectionsOfKind(config, 'teams').flatMap(({ item, index }) => {
      const interval = optionsInterval(config, item);
      if (interval === null || interval <= 180) return [];
      return [
        {
          path: ['connections', index, 'options', 'intervalSeconds'],
          message: `OPTIONS go to "${item.name}" every ${interval} s${inherited(config, item)}: Microsoft counts an SBC without OPTIONS in the last 3 minutes as unhealthy and after 5 minutes demotes it, so calls go to other SBCs or fail.`,
          fix: OPTIONS_FIX(index),
        },
      ];
    });
  },
};
