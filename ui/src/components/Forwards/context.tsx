// One forwards state for the page: the list is polled once, and every "Forward a port" button
// (container rows, a session's details) starts forwards through it. No provider: no buttons.

import { createContext, useContext, type ReactNode } from 'react';
import { useForwards, type Forwards } from '../../hooks/useForwards';

const ForwardsContext = createContext<Forwards | null>(null);

export function ForwardsProvider({ children }: { children: ReactNode }) {
  const forwards = useForwards();
  return <ForwardsContext.Provider value={forwards}>{children}</ForwardsContext.Provider>;
}

export function useForwardsContext(): Forwards | null {
  return useContext(ForwardsContext);
}
