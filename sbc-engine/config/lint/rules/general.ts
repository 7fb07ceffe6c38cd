// Rules for any peer (number patterns that do not compile are the schema's: parseConfig refuses them): media between legs, UDP message size, NAT, logging.
import { parseIpAddress } from '../../schema/ip-address.ts';
import { makeFix } from '../edit.ts';
import { hasTlsTarget, peerKind, routeLegs } from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

export const srtpRtpNeedsMediaRelay: LintRule = {
  id: 'srtp-rtp-needs-media-relay',
  severity: 'error',
  title: 'SRTP on one leg and plain RTP on the other needs the media relay',
  fixable: false,
  needs: ['mediaRelay'],
  check(config, context) {
    if (context.mediaRelay !== false) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    for (const { route, from, to } of routeLegs(config)) {
      const a = config.connections[from]!;
      const b = config.connections[to]!;
      const policies = new Set([a.mediaPolicy, b.mediaPolicy]);
      if (!(policies.has('srtp-required') && policies.has('rtp'))) continue;
      if (seen.has(route)) continue;
      seen.add(route);
      const [secure, plain] = a.mediaPolicy === 'srtp-required' ? [a, b] : [b, a];
      findings.push({
        path: ['routes', route, 'target'],
        message: `Route "${config.routes[route]!.id}" joins "${secure.name}" (SRTP required) and "${plain.name}" (plain RTP): only a media relay can decrypt on one leg and encrypt on the other. This engine does not relay media, so such calls get 488 Not Acceptable Here or connect without audio.`,
      });
    }
    return findings;
  },
};

export const udpLegLargeMessages: LintRule = {
  id: 'udp-leg-large-messages',
  severity: 'warning',
  title: 'Teams calls bridged to a UDP peer without stripping ICE',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    const flagged = new Set<number>();
    for (const { from, to } of routeLegs(config)) {
      for (const [teams, other] of [
        [from, to],
        [to, from],
      ] as const) {
        const peer = config.connections[other]!;
        if (peerKind(config.connections[teams]!) !== 'teams' || flagged.has(other)) continue;
        if (!peer.targets.some((target) => target.transport === 'udp') || peer.sdp.stripIce) continue;
        flagged.add(other);
        findings.push({
          path: ['connections', other, 'sdp', 'stripIce'],
          message: `Calls between Teams and "${peer.name}" go over UDP: Teams' SDP with its ICE candidates pushes an INVITE past 1500 bytes, the IP fragments are often dropped by NAT and firewalls, and those calls never ring. Strip ICE toward "${peer.name}" (or use TCP).`,
          fix: makeFix(`Strip ICE candidates toward "${peer.name}"`, (draft) => {
            draft.connections[other]!.sdp.stripIce = true;
          }),
        });
      }
    }
    return findings;
  },
};

/** Concurrent call legs the connections allow: a failover group counts once, with its largest member. */
function maxCallLegs(config: Parameters<LintRule['check']>[0]): number {
  const grouped = new Set(config.failoverGroups.flatMap((group) => group.members));
  const limitOf = (id: string) => config.connections.find((c) => c.id === id)?.maxConcurrentCalls ?? 0;
  let legs = 0;
  for (const c of config.connections) if (!grouped.has(c.id)) legs += c.maxConcurrentCalls ?? 0;
  for (const group of config.failoverGroups) legs += Math.max(0, ...group.members.map(limitOf));
  return legs;
}

export const mediaPortPool: LintRule = {
  id: 'media-port-pool',
  severity: 'warning',
  title: 'The RTP port range is smaller than 2 ports per concurrent call',
  fixable: true,
  check(config) {
    const legs = maxCallLegs(config);
    const { first, last } = config.media.rtpPortRange;
    const ports = last - first + 1;
    // providers.md: plan at least 2 media ports (RTP and RTCP) per concurrent call.
    const needed = 2 * legs;
    if (legs === 0 || ports >= needed) return [];
    const newLast = first + needed - 1;
    return [
      {
        path: ['media', 'rtpPortRange'],
        message: `The connections allow ${legs} concurrent calls, which need ${needed} media ports (RTP and RTCP), but ${first}–${last} has ${ports}: calls beyond ${Math.floor(ports / 2)} get no media port and fail or stay silent.`,
        ...(newLast <= 65535
          ? {
              fix: makeFix(`Widen the RTP port range to ${first}–${newLast}`, (draft) => {
                draft.media.rtpPortRange.last = newLast;
              }),
            }
          : {}),
      },
    ];
  },
};

// RFC 1918 and RFC 6598 (carrier-grade NAT): never reachable from the internet.
function isPrivateIpv4(address: string): boolean {
  const ip = parseIpAddress(address);
  if (ip?.family !== 4) return false;
  const [a, b] = ip.bytes as [number, number];
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

export const natPublicAddress: LintRule = {
  id: 'nat-public-address',
  severity: 'warning',
  title: 'A WAN interface has a private address and no 1:1 NAT public address',
  fixable: false,
  check(config) {
    return config.system.interfaces.flatMap((nic, i) =>
      nic.role === 'wan' && nic.natPublicAddress === null && isPrivateIpv4(nic.address)
        ? [
            {
              path: ['system', 'interfaces', i, 'natPublicAddress'],
              message: `WAN interface "${nic.id}" has the private address ${nic.address} and no NAT public address: Contact, Via and SDP would carry ${nic.address}, which peers on the internet cannot reach, so calls connect without audio and in-dialog requests get lost. Enter the public address of the 1:1 NAT.`,
            },
          ]
        : [],
    );
  },
};

export const syslogTargetMissing: LintRule = {
  id: 'syslog-target-missing',
  severity: 'info',
  title: 'No syslog target',
  fixable: false,
  check(config) {
    if (config.logging.syslog.host !== null) return [];
    return [
      {
        path: ['logging', 'syslog', 'host'],
        message:
          'No syslog target: the engine logs nothing outside itself, so SBC Studio cannot show call flows or OPTIONS when you need to find out why a trunk is down. Send syslog to the machine running SBC Studio.',
      },
    ];
  },
};

export const sdesKeysInClear: LintRule = {
  id: 'sdes-keys-in-clear',
  severity: 'warning',
  title: 'SRTP (SDES) over unencrypted signalling',
  fixable: false,
  check(config) {
    return config.connections.flatMap((connection, i) =>
      connection.mediaPolicy === 'srtp-required' && !hasTlsTarget(connection)
        ? [
            {
              path: ['connections', i, 'mediaPolicy'],
              message: `"${connection.name}" requires SRTP but signals without TLS: SDES sends the SRTP keys inside the SDP (RFC 4568), so anyone who sees the SIP can decrypt the calls, and providers that pair TLS with SRTP refuse the offer. Use TLS toward this peer.`,
            },
          ]
        : [],
    );
  },
};

export const noSipsTowardTeams: LintRule = {
  id: 'no-sips-toward-teams',
  severity: 'error',
  title: 'No sips: URIs toward Teams',
  fixable: true,
  check(config) {
    const findings: RuleFinding[] = [];
    const SIPS = /sips:/i;
    const toTeams = new Set(
      routeLegs(config)
        .filter(({ to }) => peerKind(config.connections[to]!) === 'teams')
        .map(({ route }) => route),
    );
    for (const routeIndex of toTeams) {
      const route = config.routes[routeIndex]!;
      for (const side of ['called', 'calling'] as const) {
        const replace = route[side]?.replace;
        if (replace === undefined || !SIPS.test(replace)) continue;
        findings.push({
          path: ['routes', routeIndex, side, 'replace'],
          message: `Route "${route.id}" writes a sips: URI toward Teams: Microsoft's SIP proxies work with sip: URIs and transport=tls and look users up by E.164 number, so the request finds nobody and the call fails. (sips: would also demand TLS on every hop to the user, RFC 5630.) Keep the number only.`,
          fix: makeFix('Remove the sips: scheme from the translation', (draft) => {
            const rewrite = draft.routes[routeIndex]![side]!;
            rewrite.replace = rewrite.replace!.replace(/sips:/gi, '');
          }),
        });
      }
    }
    return findings;
  },
};
