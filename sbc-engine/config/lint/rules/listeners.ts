// The SIP sockets: two listeners that cannot both bind, and TLS peers with nowhere to connect to.
import { canonicalAddress, parseIpAddress } from '../../schema/ip-address.ts';
import type { Listener } from '../../schema/voip.ts';
import { makeFix } from '../edit.ts';
import { hasTlsTarget } from '../peers.ts';
import type { LintRule, RuleFinding } from '../types.ts';

// TLS runs over TCP, so a TCP and a TLS listener on one address and port fight over one socket.
function socketKind(listener: Listener): 'UDP' | 'TCP' {
  return listener.transport === 'udp' ? 'UDP' : 'TCP';
}

function isWildcard(address: string): boolean {
  return parseIpAddress(address)?.bytes.every((byte) => byte === 0) ?? false;
}

/** Whether two bind addresses take the same port: equal, or one is a wildcard covering the other. */
function addressesOverlap(a: string, b: string): boolean {
  const pa = parseIpAddress(a);
  const pb = parseIpAddress(b);
  if (!pa || !pb) return false;
  if (canonicalAddress(a) === canonicalAddress(b)) return true;
  // Node listens on "::" dual-stack by default: it holds the IPv4 port as well.
  const covers = (wild: string, family: 4 | 6, other: 4 | 6) =>
    isWildcard(wild) && (family === 6 || other === 4);
  return covers(a, pa.family, pb.family) || covers(b, pb.family, pa.family);
}

function describe(listener: Listener): string {
  const host = listener.address.includes(':') ? `[${listener.address}]` : listener.address;
  return `${listener.transport.toUpperCase()} ${host}:${listener.port}`;
}

export const duplicateListener: LintRule = {
  id: 'duplicate-listener',
  severity: 'error',
  title: 'Two listeners on the same address, port and transport',
  fixable: true,
  check(config) {
    const listeners = config.voip.listeners;
    const findings: RuleFinding[] = [];
    listeners.forEach((later, j) => {
      const i = listeners.findIndex(
        (earlier, k) =>
          k < j &&
          earlier.port === later.port &&
          socketKind(earlier) === socketKind(later) &&
          addressesOverlap(earlier.address, later.address),
      );
      if (i < 0) return;
      const earlier = listeners[i]!;
      const identical = JSON.stringify(earlier) === JSON.stringify(later);
      const why =
        earlier.transport !== later.transport ? ' (TLS runs over TCP, so both need the same TCP port)' : '';
      findings.push({
        path: ['voip', 'listeners', j],
        message: `${describe(later)} clashes with voip.listeners[${i}] (${describe(earlier)})${why}: the engine cannot open both sockets, so it refuses to start SIP on this config.`,
        ...(identical
          ? {
              fix: makeFix(`Remove the second ${describe(later)} listener`, (draft) => {
                draft.voip.listeners.splice(j, 1);
              }),
            }
          : {}),
      });
    });
    return findings;
  },
};

export const tlsTargetWithoutListener: LintRule = {
  id: 'tls-target-without-listener',
  severity: 'error',
  title: 'A connection uses TLS but the SBC has no TLS listener',
  fixable: true,
  check(config) {
    const listeners = config.voip.listeners;
    if (listeners.some((listener) => listener.transport === 'tls')) return [];
    // 5061 is SIP's TLS port (RFC 3261 §18); free unless a TCP listener already holds it.
    const portTaken = listeners.some(
      (listener) =>
        listener.transport === 'tcp' &&
        listener.port === 5061 &&
        addressesOverlap(listener.address, '0.0.0.0'),
    );
    const findings: RuleFinding[] = [];
    config.connections.forEach((connection, i) => {
      if (!hasTlsTarget(connection)) return;
      const k = connection.targets.findIndex((target) => target.transport === 'tls');
      const profile = connection.tlsProfile;
      findings.push({
        path: ['connections', i, 'targets', k, 'transport'],
        message: `"${connection.name}" uses TLS, but the SBC has no TLS listener: the peer's own TLS connections (incoming calls, its OPTIONS) have nowhere to go, so calls from it fail and a peer like Teams marks the SBC inactive.`,
        ...(profile !== null && !portTaken && listeners.length < 32
          ? {
              fix: makeFix(`Listen for TLS on 0.0.0.0:5061 with TLS profile "${profile}"`, (draft) => {
                draft.voip.listeners.push({
                  transport: 'tls',
                  address: '0.0.0.0',
                  port: 5061,
                  tlsProfile: profile,
                });
              }),
            }
          : {}),
      });
    });
    return findings;
  },
};
