// The runtime's status as the management API shows it: epoch milliseconds become ISO 8601, and the
// result is parsed through the route's schema, so nothing it does not name leaves the engine.
import { ConnectionsStatusBody } from '../mgmt/connections-routes.ts';
import type { ConnectionsStatus } from './connections-runtime.ts';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function statusBody(status: ConnectionsStatus): ConnectionsStatusBody {
  return ConnectionsStatusBody.parse({
    ...status,
    connections: status.connections.map((c) => ({
      ...c,
      options: {
        ...c.options,
        targets: c.options.targets.map((t) => ({ ...t, lastChange: iso(t.lastChange) })),
      },
      registration: c.registration && {
        ...c.registration,
        expiresAt: iso(c.registration.expiresAt),
        nextAttemptAt: iso(c.registration.nextAttemptAt),
        lastChange: iso(c.registration.lastChange),
      },
    })),
  });
}
