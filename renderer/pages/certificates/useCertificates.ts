// The certificate listing of one engine: loaded when the engine changes and on "Refresh".
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import { parseConfig } from '../../../sbc-engine/config/schema/parse.ts';
import type { CertificateListing } from './certificateViewModel.ts';

interface Answer {
  engineId: string;
  listing?: CertificateListing;
  /** The engine's config, for "used by"; absent when the engine cannot say (an older engine). */
  config?: Config;
  failure?: Failure;
}

export function useCertificates(engineId: string | undefined) {
  const api = useApi();
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [refreshing, setRefreshing] = useState(false);
  // Only the answer to the latest request counts: one for an engine no longer selected is dropped.
  const latest = useRef<string | undefined>(undefined);

  const reload = useCallback(async () => {
    if (!engineId) return;
    latest.current = engineId;
    const [result, config] = await Promise.all([
      api.certificates.list({ engineId }),
      api.config.get({ engineId }),
    ]);
    if (latest.current !== engineId) return;
    const parsed = config.ok ? parseConfig(config.value.config) : undefined;
    setAnswer(
      result.ok
        ? { engineId, listing: result.value, ...(parsed?.ok ? { config: parsed.config } : {}) }
        : { engineId, failure: toFailure(result.error) },
    );
  }, [api, engineId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await reload();
    } finally {
      setRefreshing(false);
    }
  }, [reload]);

  // What was answered for another engine is not shown while the chosen one loads.
  const current = answer && answer.engineId === engineId ? answer : undefined;
  return {
    listing: current?.listing,
    config: current?.config,
    failure: current?.failure,
    busy: refreshing,
    refresh,
  };
}
