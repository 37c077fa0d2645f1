// The open session tabs, as a pure reducer: which sessions are shown, in which order, and with
// which request each can be started again.

import { DEFAULT_PROFILE, isFinalState, type CreateSessionRequest, type ErrorInfo, type ProfileHint, type Session, type SessionState } from '@cdebug/contract';
import { imageLabel } from '../format/imageName';

/** The first tab, the container list; every other tab's value is its session id (or IMAGES_TAB). */
export const CONTAINERS_TAB = 'containers';
/** The second tab, the local images (a session id is never this word: the service makes hex ids) */
export const IMAGES_TAB = 'images';

/** the tabs that are lists, not sessions */
export const isListTab = (value: string): boolean => value === CONTAINERS_TAB || value === IMAGES_TAB;

export interface SessionTab {
  session: Session;
  /** what `Restart session` sends: the original request, or one rebuilt from the session */
  request: CreateSessionRequest;
}

export type TabsAction =
  | { type: 'restored'; sessions: Session[] }
  | { type: 'opened'; session: Session; request: CreateSessionRequest }
  | { type: 'replaced'; id: string; session: Session; request: CreateSessionRequest }
  | { type: 'closed'; id: string }
  | { type: 'state'; id: string; state: SessionState; exitCode?: number; error?: ErrorInfo }
  /** a refused command's hint, as the service pushed it */
  | { type: 'hint'; id: string; hint: ProfileHint | null };

/** the same hint (they are plain values: compared field by field) */
export function sameHint(a: ProfileHint | null | undefined, b: ProfileHint | null | undefined): boolean {
  if (!a || !b) return (a ?? null) === (b ?? null);
  return a.profile === b.profile && a.capability === b.capability && a.command === b.command && a.message === b.message;
}

/** The request that starts a session like this one again (by target name: a recreated target keeps it), on the same engine. */
export function requestFor(session: Session): CreateSessionRequest {
  return {
    target: session.target.name || session.target.id,
    ...(session.engine !== undefined ? { engine: session.engine } : {}),
    image: session.image,
    ...(session.cmd.length > 0 ? { cmd: session.cmd } : {}),
    ...(session.user !== null ? { user: session.user } : {}),
    ...(session.privileged ? { privileged: true } : {}),
    // privileged is the sysadmin profile already: naming both is a contradiction only in name
    ...(session.profile !== undefined && session.profile !== DEFAULT_PROFILE && !session.privileged ? { profile: session.profile } : {}),
    // an image session starts from the image again, even if a container took its name since
    ...(session.mode === 'image' ? { asImage: true } : {}),
  };
}

/** what the session debugs, in words: "web", "copy of web" (a stopped container), "image app:1" */
export function targetLabel(session: Session): string {
  const target = session.target.name || session.target.id.slice(0, 12);
  switch (session.mode) {
    case 'copy':
      return `copy of ${target}`;
    case 'image':
      return `image ${imageLabel(target).text}`;
    default:
      return target;
  }
}

/**
 * "<target> · <toolkit>", or "<target>@<engine> · <toolkit>" when the service drives several
 * engines: the tab's accessible name, and what a user tells tabs apart by. The target reads
 * "copy of <name>" or "image <ref>" when the shell does not run beside a running container.
 */
export function tabLabel(session: Session, withEngine = false): string {
  const target = targetLabel(session);
  const where = withEngine && session.engine !== undefined ? `@${session.engine}` : '';
  return `${target}${where} · ${imageLabel(session.image).text}`;
}

export function tabsReducer(tabs: SessionTab[], action: TabsAction): SessionTab[] {
  switch (action.type) {
    case 'restored': {
      const known = new Set(tabs.map((tab) => tab.session.id));
      // The service lists newest first; tabs read oldest first, left to right.
      const restored = action.sessions
        .filter((session) => !isFinalState(session.state) && !known.has(session.id))
        .reverse()
        .map((session) => ({ session, request: requestFor(session) }));
      return restored.length > 0 ? [...tabs, ...restored] : tabs;
    }
    case 'opened':
      return [...tabs, { session: action.session, request: action.request }];
    case 'replaced':
      return tabs.map((tab) => (tab.session.id === action.id ? { session: action.session, request: action.request } : tab));
    case 'closed':
      return tabs.filter((tab) => tab.session.id !== action.id);
    case 'state':
      return tabs.map((tab) => {
        if (tab.session.id !== action.id) return tab;
        const { state, exitCode, error } = action;
        return { ...tab, session: { ...tab.session, state, ...(exitCode !== undefined ? { exitCode } : {}), ...(error ? { error } : {}) } };
      });
    case 'hint':
      return tabs.map((tab) =>
        tab.session.id === action.id && !sameHint(tab.session.hint, action.hint) ? { ...tab, session: { ...tab.session, hint: action.hint } } : tab,
      );
  }
}
