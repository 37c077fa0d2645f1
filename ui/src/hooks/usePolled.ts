// One request, optionally repeated: data, loading and the last error, with a refresh. A new
// request starts only after the previous one answered; nothing runs while the page is hidden.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '@cdebug/contract';

export interface Remote<T> {
  /** the last successful answer, kept while a later request fails */
  data: T | null;
  /** the last request's error, null once a request succeeds again */
  error: ErrorInfo | null;
  loading: boolean;
  refresh: () => void;
}

interface Snapshot<T> {
  data: T | null;
  error: ErrorInfo | null;
  loading: boolean;
}

/** `intervalMs` null: load once (and on refresh); `enabled` false: no request at all (the live store has it). */
export function usePolled<T>(load: () => Promise<Result<T>>, intervalMs: number | null, enabled = true): Remote<T> {
  const [snapshot, setSnapshot] = useState<Snapshot<T>>({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    function schedule(): void {
      if (intervalMs === null || disposed) return;
      timer = setTimeout(() => {
        if (document.hidden) schedule();
        else void poll();
      }, intervalMs);
    }

    async function poll(): Promise<void> {
      const answer = await loadRef.current();
      if (disposed) return;
      setSnapshot((previous) => (answer.ok ? { data: answer.value, error: null, loading: false } : { ...previous, error: answer.error, loading: false }));
      schedule();
    }

    void poll();
    return function stopPolling() {
      disposed = true;
      clearTimeout(timer);
    };
  }, [generation, intervalMs, enabled]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...snapshot, refresh };
}
