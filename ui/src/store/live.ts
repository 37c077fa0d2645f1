// The page's live state as a pure reducer over `GET /api/events` frames: a snapshot replaces
// everything (the first one, and each after a reconnect), deltas patch it. Containers stay in
// the service's order, newest first.

import type { ContainerSummary, EngineStatus, ErrorInfo, LiveEvent, Session } from '@cdebug/contract';

export interface LiveState {
  /** a snapshot has arrived since the page opened (the lists are known) */
  ready: boolean;
  /** the socket is down (it is being reopened); the lists are as last seen */
  error: ErrorInfo | null;
  engines: EngineStatus[];
  /** every container, every state */
  containers: ContainerSummary[];
  sessions: Session[];
}

export const EMPTY_LIVE: LiveState = { ready: false, error: null, engines: [], containers: [], sessions: [] };

const newestFirst = (a: ContainerSummary, b: ContainerSummary) =>
  b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name) || (a.engine ?? '').localeCompare(b.engine ?? '');

const sameContainer = (engine: string | undefined, id: string) => (c: ContainerSummary) => c.id === id && c.engine === engine;

export function applyLive(state: LiveState, frame: LiveEvent): LiveState {
  switch (frame.type) {
    case 'snapshot':
      return { ready: true, error: null, engines: frame.engines, containers: [...frame.containers].sort(newestFirst), sessions: frame.sessions };
    case 'container_upserted': {
      const others = state.containers.filter((c) => !sameContainer(frame.container.engine, frame.container.id)(c));
      return { ...state, containers: [...others, frame.container].sort(newestFirst) };
    }
    case 'container_removed':
      return { ...state, containers: state.containers.filter((c) => !sameContainer(frame.engine, frame.id)(c)) };
    case 'session_changed': {
      const at = state.sessions.findIndex((s) => s.id === frame.session.id);
      const sessions = at < 0 ? [frame.session, ...state.sessions] : state.sessions.map((s, i) => (i === at ? frame.session : s));
      return { ...state, sessions };
    }
    case 'session_removed':
      return { ...state, sessions: state.sessions.filter((s) => s.id !== frame.id) };
    case 'engine_changed':
      return { ...state, engines: state.engines.map((e) => (e.name === frame.engine.name ? frame.engine : e)) };
  }
}

/** the socket was lost: keep what is known, say it may be out of date */
export function liveLost(state: LiveState, error: ErrorInfo): LiveState {
  return { ...state, error };
}
