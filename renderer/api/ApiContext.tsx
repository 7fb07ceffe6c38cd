// Components take the API from context, so a page never reaches for a global.
import { createContext, useContext, type ReactNode } from 'react';
import type { SbcApi } from '../../electron/api/contract.ts';

const ApiContext = createContext<SbcApi | null>(null);

export function ApiProvider({ api, children }: { api: SbcApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): SbcApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
