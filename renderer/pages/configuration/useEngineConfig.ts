// A draft that belongs to an engine: load its config, apply with If-Match and optional
// confirmation, confirm, and the history. Also fetches the facts the linter needs from that engine.
import { useCallback, useState } from 'react';
import type { Input, Output } from '../../../electron/api/contract.ts';
import type { LintContext } from '../../../sbc-engine/config/lint/types.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';

export type ConfigState = Output<'config.get'>;
export type ApplyInput = Omit<Input<'config.apply'>, 'engineId' | 'ifMatch'>;

export interface EngineSource {
  engineId: string;
  engineName: string;
  /** What the engine answered when the config was loaded (or last applied). */
  state: Omit<ConfigState, 'config'>;
  /** The engine's config as loaded, for the diff before an apply. */
  loaded: Record<string, unknown>;
}

export function useEngineConfig() {
  const api = useApi();
  const call = useApiCall();
  const [source, setSource] = useState<EngineSource | undefined>();
  const [lintFacts, setLintFacts] = useState<LintContext>({});

  const load = useCallback(
    async (engineId: string, engineName: string) => {
      const answer = await call.run(() => api.config.get({ engineId }));
      if (!answer) return undefined;
      const { config, ...state } = answer;
      setSource({ engineId, engineName, state, loaded: config });
      // The linter's facts from this engine arrive after the config; a failure only leaves those
      // rules unchecked.
      void Promise.all([
        api.certificates.list({ engineId }),
        api.certificates.bundledRoots({ engineId }),
      ]).then(([certificates, roots]) =>
        setLintFacts({
          ...(certificates.ok ? { certificates: certificates.value } : {}),
          ...(roots.ok ? { bundledRoots: roots.value.roots } : {}),
          // Engines of this release relay no media yet (their own linter says the same).
          mediaRelay: false,
        }),
      );
      return config;
    },
    [api, call],
  );

  const apply = useCallback(
    async (config: Record<string, unknown>, options: ApplyInput) => {
      if (!source) return undefined;
      const result = await call.run(() =>
        api.config.apply({ engineId: source.engineId, ...options, config, ifMatch: source.state.etag }),
      );
      if (!result) return undefined;
      const { findings: _findings, listeners: _listeners, ...state } = result;
      setSource({ ...source, state, loaded: config });
      return result;
    },
    [api, call, source],
  );

  const confirm = useCallback(async () => {
    if (!source?.state.pending) return undefined;
    const state = await call.run(() =>
      api.config.confirm({ engineId: source.engineId, version: source.state.pending!.version }),
    );
    if (state) setSource({ ...source, state });
    return state;
  }, [api, call, source]);

  /** Re-reads the state (after a trial window ran out, the engine went back by itself). */
  const refreshState = useCallback(async () => {
    if (!source) return undefined;
    const answer = await api.config.get({ engineId: source.engineId });
    if (!answer.ok) return undefined;
    const { config, ...state } = answer.value;
    setSource({ ...source, state, loaded: config });
    return answer.value;
  }, [api, source]);

  const detach = useCallback(() => {
    setSource(undefined);
    setLintFacts({});
  }, []);

  return { source, lintFacts, load, apply, confirm, refreshState, detach, call };
}
