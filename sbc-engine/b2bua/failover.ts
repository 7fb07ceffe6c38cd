// Where a routed call is tried, in order, and when the B2BUA moves on to the next try. Teams'
// rules (providers.md): the next target on 408, 503, 504, no answer within the failover time, or a
// transport/TLS failure; never once a provisional response other than 100 came back.
// Pure: the config's connections and failover groups in, the list of attempts out.
import type { Connection, Target } from '../config/schema/connections.ts';
import type { FailoverGroup } from '../config/schema/failover-groups.ts';
import type { RouteTarget } from '../config/routing/route-table.ts';

export interface Attempt {
  connection: Connection;
  target: Target;
}

/** The codes after which the next attempt is tried (Teams' default failover response codes). */
export const FAILOVER_CODES: ReadonlySet<number> = new Set([408, 503, 504]);

/** Each connection's targets by priority; a failover group's members in the group's order. */
export function planAttempts(
  target: RouteTarget,
  connections: ReadonlyMap<string, Connection>,
  groups: ReadonlyMap<string, FailoverGroup>,
): Attempt[] {
  const members =
    'connection' in target ? [target.connection] : (groups.get(target.failoverGroup)?.members ?? []);
  const attempts: Attempt[] = [];
  for (const id of members) {
    const connection = connections.get(id);
    if (!connection) continue;
    // Array.prototype.sort is stable, so equal priorities keep the config's order.
    for (const t of [...connection.targets].sort((a, b) => a.priority - b.priority))
      attempts.push({ connection, target: t });
  }
  return attempts;
}

/** What ended one attempt. */
export type AttemptEnd =
  | { kind: 'final'; status: number }
  /** Timer B: no response at all. */
  | { kind: 'timeout' }
  /** DNS, connection, TLS handshake, ICMP unreachable. */
  | { kind: 'transport'; reason: string }
  /** The connection's failoverTimeSeconds passed without a provisional other than 100. */
  | { kind: 'no-answer' }
  /** The connection is at its call limit or the media cannot cross to it: not even sent. */
  | { kind: 'skipped'; status: number; warning: string };

/**
 * True when the next attempt may be tried. `committed`: a provisional other than 100 came back, so
 * the callee may be ringing and the call stays with this attempt.
 */
export function shouldFailover(end: AttemptEnd, committed: boolean): boolean {
  if (committed) return false;
  if (end.kind === 'final') return FAILOVER_CODES.has(end.status);
  return true;
}

/** The final status the caller gets when no attempt is left. */
export function finalStatusOf(end: AttemptEnd): number {
  switch (end.kind) {
    case 'final':
      return end.status;
    case 'skipped':
      return end.status;
    case 'transport':
      return 503;
    default:
      return 408;
  }
}
