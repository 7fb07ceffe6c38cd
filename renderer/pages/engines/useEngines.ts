// The list of engines, polled every few seconds (the service re-probes an engine after 4 s), and
// updated at once from what an action returns.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { replaceEngine, sortEngines } from './engineViewModel.ts';

export const POLL_INTERVAL_MS = 5000;

export function useEngines() {
  const api = useApi();
  const [engines, setEngines] = useState<EngineView[] | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  // Bumped by every local change: a list answer that was requested before it is stale.
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const started = generation.current;
    const result = await api.engines.list({});
    if (generation.current !== started) return;
    if (result.ok) {
      setEngines(sortEngines(result.value));
      setFailure(undefined);
    } else {
      setFailure(toFailure(result.error));
    }
  }, [api]);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      await reload();
      if (!stopped) timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [reload]);

  const update = useCallback((view: EngineView) => {
    generation.current++;
    setEngines((list) => replaceEngine(list ?? [], view));
  }, []);

  const forget = useCallback((engineId: string) => {
    generation.current++;
    setEngines((list) => list?.filter((engine) => engine.id !== engineId));
  }, []);

  /** "Refresh": probe every engine now instead of waiting for the next poll. */
  const refreshAll = useCallback(async () => {
    const ids = engines?.map((engine) => engine.id) ?? [];
    const results = await Promise.all(ids.map((engineId) => api.engines.refresh({ engineId })));
    for (const result of results) if (result.ok) update(result.value);
    await reload();
  }, [api, engines, reload, update]);

  return { engines, failure, reload, update, forget, refreshAll };
}
