// Checks that what the config names exists: ids are unique per kind and every reference points at
// something. Style questions (two listeners on one socket, Teams pitfalls) belong to the linter.
import type { Connection } from './connections.ts';
import type { FailoverGroup } from './failover-groups.ts';
import type { Route } from './routes.ts';
import type { TlsProfile } from './tls-profiles.ts';
import type { VoipSection } from './voip.ts';

export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

export interface ReferencedParts {
  voip: Pick<VoipSection, 'listeners'>;
  tlsProfiles: TlsProfile[];
  connections: Connection[];
  failoverGroups: FailoverGroup[];
  routes: Route[];
}

export function findReferenceProblems(config: ReferencedParts): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const tlsProfiles = idsOf('tlsProfiles', 'TLS profile', config.tlsProfiles, problems);
  const connections = idsOf('connections', 'connection', config.connections, problems);
  const groups = idsOf('failoverGroups', 'failover group', config.failoverGroups, problems);
  idsOf('routes', 'route', config.routes, problems);

  const known = (ids: Set<string>, kind: string, id: string, path: (string | number)[]) => {
    if (!ids.has(id)) problems.push({ path, message: `no ${kind} has the id "${id}"` });
  };

  config.voip.listeners.forEach((listener, i) => {
    if (listener.tlsProfile !== null) {
      known(tlsProfiles, 'TLS profile', listener.tlsProfile, ['voip', 'listeners', i, 'tlsProfile']);
    }
  });
  config.connections.forEach((connection, i) => {
    if (connection.tlsProfile !== null) {
      known(tlsProfiles, 'TLS profile', connection.tlsProfile, ['connections', i, 'tlsProfile']);
    } else if (connection.targets.some((target) => target.transport === 'tls')) {
      problems.push({
        path: ['connections', i, 'tlsProfile'],
        message:
          'a connection with a TLS target needs a TLS profile (whom to trust, which certificate to show)',
      });
    }
  });
  config.failoverGroups.forEach((group, i) => {
    group.members.forEach((member, j) => {
      known(connections, 'connection', member, ['failoverGroups', i, 'members', j]);
    });
  });
  config.routes.forEach((route, i) => {
    route.sourceConnections.forEach((source, j) => {
      known(connections, 'connection', source, ['routes', i, 'sourceConnections', j]);
    });
    const target = route.target;
    if (target === undefined) return;
    if ('connection' in target)
      known(connections, 'connection', target.connection, ['routes', i, 'target', 'connection']);
    else known(groups, 'failover group', target.failoverGroup, ['routes', i, 'target', 'failoverGroup']);
  });
  return problems;
}

/** The set of ids of one kind; a repeated id is reported at its second use. */
function idsOf(
  section: string,
  kind: string,
  items: readonly { id: string }[],
  problems: ReferenceProblem[],
): Set<string> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, i);
    else {
      problems.push({
        path: [section, i, 'id'],
        message: `${section}[${earlier}] already uses the id "${item.id}"; each ${kind} needs its own`,
      });
    }
  });
  return new Set(first.keys());
}
