// What the page does between its parts: which tab is shown (remembered across reloads), the
// Debug dialog's target, the close confirmation, and the session actions with their notices.

import { useCallback, useState } from 'react';
import { isFinalState, type CreateSessionRequest, type ErrorInfo, type Profile, type Result, type Session, type SessionState } from '@cdebug/contract';
import type { DebugTarget } from './debugTarget';
import { CONTAINERS_TAB, isListTab, type SessionTab } from './sessionTabs';
import { useNotify } from './useNotify';
import { useSessions } from './useSessions';

const SELECTED_STORAGE_KEY = 'cdebug.selectedTab';

function readSelected(): string {
  try {
    return sessionStorage.getItem(SELECTED_STORAGE_KEY) ?? CONTAINERS_TAB;
  } catch {
    return CONTAINERS_TAB;
  }
}

function storeSelected(value: string): void {
  try {
    sessionStorage.setItem(SELECTED_STORAGE_KEY, value);
  } catch {
    // Not remembered: after a reload the container list shows first.
  }
}

export interface Workspace {
  tabs: SessionTab[];
  /** the tab shown: CONTAINERS_TAB, IMAGES_TAB or the id of an open session */
  current: string;
  select: (value: string) => void;
  /** a container (running or stopped) or an image */
  debugTarget: DebugTarget | null;
  /** the profile the Debug dialog opens with, when a hint chose it (null: the remembered one) */
  debugProfile: Profile | null;
  /** `profile`: chosen for the user (a session's hint: "debug again with netadmin") */
  openDebug: (target: DebugTarget, profile?: Profile) => void;
  closeDebug: () => void;
  start: (request: CreateSessionRequest) => Promise<Result<Session>>;
  closing: SessionTab | null;
  requestClose: (id: string) => void;
  confirmClose: () => void;
  cancelClose: () => void;
  restart: (id: string) => Promise<void>;
  report: (id: string, state: SessionState, detail?: { exitCode?: number; error?: ErrorInfo }) => void;
}

export function useWorkspace(): Workspace {
  const sessions = useSessions();
  const { tabs } = sessions;
  const notify = useNotify();
  const [selected, setSelected] = useState(readSelected);
  const [debugTarget, setDebugTarget] = useState<DebugTarget | null>(null);
  const [debugProfile, setDebugProfile] = useState<Profile | null>(null);
  const [closing, setClosing] = useState<SessionTab | null>(null);

  const current = isListTab(selected) || tabs.some((tab) => tab.session.id === selected) ? selected : CONTAINERS_TAB;

  const select = useCallback((value: string) => {
    setSelected(value);
    storeSelected(value);
  }, []);

  const start = async (request: CreateSessionRequest) => {
    // the session runs on the engine of the container or image it debugs
    const engine = debugTarget?.engine;
    const answer = await sessions.open(engine !== undefined && request.engine === undefined ? { ...request, engine } : request);
    if (answer.ok) {
      setDebugTarget(null);
      select(answer.value.id);
    }
    return answer;
  };

  const finishClose = async (tab: SessionTab) => {
    const id = tab.session.id;
    const index = tabs.findIndex((t) => t.session.id === id);
    if (current === id) select(tabs[index - 1]?.session.id ?? CONTAINERS_TAB);
    const answer = await sessions.close(id);
    if (!answer.ok) notify('error', `The session could not be ended: ${answer.error.message}`);
  };

  const requestClose = (id: string) => {
    const tab = tabs.find((t) => t.session.id === id);
    if (!tab) return;
    if (isFinalState(tab.session.state)) void finishClose(tab);
    else setClosing(tab);
  };

  const confirmClose = () => {
    if (closing) void finishClose(closing);
    setClosing(null);
  };

  const restart = async (id: string) => {
    const answer = await sessions.restart(id);
    if (!answer.ok) {
      notify('error', `The session could not be restarted: ${answer.error.message}`);
      return;
    }
    if (current === id) select(answer.value.id);
  };

  return {
    tabs,
    current,
    select,
    debugTarget,
    debugProfile,
    openDebug: (target: DebugTarget, profile?: Profile) => {
      setDebugProfile(profile ?? null);
      setDebugTarget(target);
    },
    closeDebug: () => setDebugTarget(null),
    start,
    closing,
    requestClose,
    confirmClose,
    cancelClose: () => setClosing(null),
    restart,
    report: sessions.report,
  };
}
