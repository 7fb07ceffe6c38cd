// The live state of one engine: calls, counters and connection state, read every 2 s while the
// window is visible (a hidden window asks nothing of the engine) and at once when it shows again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';

export const POLL_MS = 2000;

export interface OperationsSnapshot {
  engineId: string;
  /** Date.now() when the answers arrived: durations tick on from here. */
  polledAt: number;
  calls?: Output<'operations.calls'>['calls'];
  counters?: Output<'operations.counters'>['connections'];
  connections?: Output<'operations.connections'>;
  failure?: Failure | undefined;
}

export function useOperations(engineId: string | undefined) {
  const api = useApi();
  const [snapshot, setSnapshot] = useState<OperationsSnapshot | undefined>();
  // Only the answer for the engine chosen now counts; one for an earlier choice is dropped.
  const latest = useRef<string | undefined>(undefined);

  const read = useCallback(async () => {
    if (!engineId) return;
    latest.current = engineId;
    const [calls, counters, connections] = await Promise.all([
      api.operations.calls({ engineId }),
      api.operations.counters({ engineId }),
      api.operations.connections({ engineId }),
    ]);
    if (latest.current !== engineId) return;
    const failed = [calls, counters, connections].find((result) => !result.ok);
    setSnapshot((before) => ({
      // On a failure the last figures stay visible under the error, rather than an empty page.
      ...(before?.engineId === engineId ? before : {}),
      engineId,
      polledAt: Date.now(),
      ...(calls.ok ? { calls: calls.value.calls } : {}),
      ...(counters.ok ? { counters: counters.value.connections } : {}),
      ...(connections.ok ? { connections: connections.value } : {}),
      failure: failed && !failed.ok ? toFailure(failed.error) : undefined,
    }));
  }, [api, engineId]);

  useEffect(() => {
    if (!engineId) return;
    let stopped = false;
    let inFlight = false;
    const tick = async () => {
      if (stopped || inFlight || document.visibilityState === 'hidden') return;
      inFlight = true;
      try {
        await read();
      } finally {
        inFlight = false;
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    void tick();
    const timer = window.setInterval(() => void tick(), POLL_MS);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [engineId, read]);

  const current = snapshot && snapshot.engineId === engineId ? snapshot : undefined;
  return { snapshot: current, refresh: read };
}
