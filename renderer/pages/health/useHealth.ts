// The overview, read when the page opens (with a fresh round from the engines) and every few
// seconds after from what the monitor last saw; "Refresh" asks for a new round.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import type { Overview } from './healthViewModel.ts';

const RELOAD_MS = 3000;

export function useHealth() {
  const api = useApi();
  const [answer, setAnswer] = useState<{ overview?: Overview; failure?: Failure }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    async function read(refresh: boolean) {
      const result = await api.health.overview({ refresh });
      if (stopped) return;
      setAnswer((before) =>
        result.ok ? { overview: result.value } : { ...before, failure: toFailure(result.error) },
      );
    }
    void read(true);
    const timer = window.setInterval(() => void read(false), RELOAD_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api]);

  const refresh = useCallback(async () => {
    setBusy(true);
    try {
      const result = await api.health.overview({ refresh: true });
      setAnswer((before) =>
        result.ok ? { overview: result.value } : { ...before, failure: toFailure(result.error) },
      );
    } finally {
      setBusy(false);
    }
  }, [api]);

  return { overview: answer.overview, failure: answer.failure, busy, refresh };
}
