// Session tabs over the service's sessions: restored on load (sessions outlive the page), opened,
// restarted with the same parameters, and ended on close.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { CreateSessionRequest, ErrorInfo, Result, Session, SessionState } from '@cdebug/contract';
import { useApi } from '../api';
import { sameHint, tabsReducer, type SessionTab } from './sessionTabs';
import { useLive } from '../store/useLive';

export interface Sessions {
  tabs: SessionTab[];
  open: (request: CreateSessionRequest) => Promise<Result<Session>>;
  /** drops the tab and ends the session on the service (the tab returns if that fails) */
  close: (id: string) => Promise<Result<void>>;
  /** starts a new session with the same parameters in the same tab; the ended one is forgotten */
  restart: (id: string) => Promise<Result<Session>>;
  report: (id: string, state: SessionState, detail?: { exitCode?: number; error?: ErrorInfo }) => void;
}

export function useSessions(): Sessions {
  const api = useApi();
  const [tabs, dispatch] = useReducer(tabsReducer, []);
  const tabsRef = useRef(tabs);
  useEffect(() => {
    tabsRef.current = tabs;
  }, [tabs]);

  useEffect(() => {
    let disposed = false;
    void api.sessions().then((answer) => {
      if (disposed) return;
      if (answer.ok) dispatch({ type: 'restored', sessions: answer.value });
    });
    return function stopRestoring() {
      disposed = true;
    };
  }, [api]);

  // a session's state as the service pushes it: a session ended from another tab (or its
  // target stopped) shows here too
  const live = useLive();
  const liveSessions = live?.state.sessions;
  useEffect(() => {
    if (!liveSessions) return;
    for (const tab of tabsRef.current) {
      const pushed = liveSessions.find((s) => s.id === tab.session.id);
      if (!pushed) continue;
      // a service older than hints sends none: the tab's stays
      if (pushed.hint !== undefined && !sameHint(pushed.hint, tab.session.hint)) dispatch({ type: 'hint', id: pushed.id, hint: pushed.hint });
      if (pushed.state === tab.session.state) continue;
      dispatch({
        type: 'state',
        id: pushed.id,
        state: pushed.state,
        ...(pushed.exitCode !== undefined ? { exitCode: pushed.exitCode } : {}),
        ...(pushed.error ? { error: pushed.error } : {}),
      });
    }
  }, [liveSessions]);

  const open = useCallback(
    async (request: CreateSessionRequest) => {
      const answer = await api.createSession(request);
      if (answer.ok) dispatch({ type: 'opened', session: answer.value, request });
      return answer;
    },
    [api],
  );

  const close = useCallback(
    async (id: string): Promise<Result<void>> => {
      // The tab goes at once (ending a sidecar can take a few seconds); it comes back if the
      // service could not end the session.
      const tab = tabsRef.current.find((t) => t.session.id === id);
      dispatch({ type: 'closed', id });
      const answer = await api.deleteSession(id);
      if (!answer.ok && answer.error.code !== 'session_not_found') {
        if (tab) dispatch({ type: 'opened', session: tab.session, request: tab.request });
        return answer;
      }
      return { ok: true, value: undefined };
    },
    [api],
  );

  const restart = useCallback(
    async (id: string): Promise<Result<Session>> => {
      const tab = tabsRef.current.find((t) => t.session.id === id);
      if (!tab) return { ok: false, error: { code: 'session_not_found', message: 'That session tab is no longer open.' } };
      const answer = await api.createSession(tab.request);
      if (!answer.ok) return answer;
      dispatch({ type: 'replaced', id, session: answer.value, request: tab.request });
      void api.deleteSession(id);
      return answer;
    },
    [api],
  );

  const report = useCallback((id: string, state: SessionState, detail: { exitCode?: number; error?: ErrorInfo } = {}) => {
    dispatch({ type: 'state', id, state, ...detail });
  }, []);

  return { tabs, open, close, restart, report };
}
