// The seam between the UI and the service: components take the API from this context, so that a
// test can hand them a fake one and the production bundle carries none.

import { createContext, useContext, type ReactNode } from 'react';
import type { CdebugApi } from './client';

const ApiContext = createContext<CdebugApi | null>(null);

export function ApiProvider({ api, children }: { api: CdebugApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): CdebugApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs an <ApiProvider> above it');
  return api;
}
