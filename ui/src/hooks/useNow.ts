// The time now, for "3 min ago", moving on every `intervalMs` so that such words stay true while
// the page is open; read from the clock outside render (React's components must be pure).

import { useEffect, useState } from 'react';

export const NOW_TICK_MS = 30_000;

export function useNow(intervalMs: number = NOW_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return function stopClock() {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
