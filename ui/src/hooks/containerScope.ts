// Which containers the list shows, running ones (the default) or all of them, remembered across
// reloads like the colour mode: a user who debugs crashed containers wants them there next time.

import { useCallback, useState } from 'react';

export type ContainerScope = 'running' | 'all';

export const SCOPE_STORAGE_KEY = 'cdebug.containerScope';

export function readScope(storage: Pick<Storage, 'getItem'>): ContainerScope {
  try {
    return storage.getItem(SCOPE_STORAGE_KEY) === 'all' ? 'all' : 'running';
  } catch {
    return 'running';
  }
}

export function useContainerScope(): [ContainerScope, (scope: ContainerScope) => void] {
  const [scope, setScope] = useState<ContainerScope>(() => readScope(localStorage));
  const choose = useCallback((next: ContainerScope) => {
    setScope(next);
    try {
      localStorage.setItem(SCOPE_STORAGE_KEY, next);
    } catch {
      // not remembered: the next visit shows running containers
    }
  }, []);
  return [scope, choose];
}
