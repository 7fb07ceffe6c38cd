// The B2BUA's calls and counters as the management API shows them (ISO times, whole seconds).
import type { CallsApi } from '../mgmt/calls-routes.ts';
import type { B2bua } from './b2bua.ts';

export function callsApi(b2bua: B2bua, now: () => number): CallsApi {
  return {
    list: () => ({
      calls: b2bua.list().map((call) => ({
        id: call.id,
        state: call.state,
        startedAt: new Date(call.startedAt).toISOString(),
        answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
        durationSeconds:
          call.answeredAt === null ? 0 : Math.max(0, Math.round((now() - call.answeredAt) / 1000)),
        called: call.called,
        calling: call.calling,
        a: call.a,
        b: call.b,
        attempts: call.attempts,
      })),
    }),
    teardown: (id) => b2bua.teardown(id),
    counters: () => ({ connections: b2bua.countersView() }),
  };
}
