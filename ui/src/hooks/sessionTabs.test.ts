import { describe, expect, it } from 'vitest';
import { session } from '../test/fakeApi';
import { requestFor, sameHint, tabLabel, tabsReducer, type SessionTab } from './sessionTabs';

describe('tabsReducer', () => {
  it('restores live sessions oldest first and skips ended ones and known ones', () => {
    const newest = session({ id: 'new' });
    const ended = session({ id: 'ended', state: 'exited', exitCode: 0 });
    const oldest = session({ id: 'old', state: 'pulling' });
    const known: SessionTab = { session: session({ id: 'new' }), request: { target: 'web' } };
    const tabs = tabsReducer([known], { type: 'restored', sessions: [newest, ended, oldest] });
    expect(tabs.map((t) => t.session.id)).toEqual(['new', 'old']);
  });

  it('opens, replaces in place and closes', () => {
    const a = session({ id: 'a' });
    const b = session({ id: 'b' });
    let tabs = tabsReducer([], { type: 'opened', session: a, request: { target: 'web' } });
    tabs = tabsReducer(tabs, { type: 'opened', session: b, request: { target: 'db' } });
    tabs = tabsReducer(tabs, { type: 'replaced', id: 'a', session: session({ id: 'a2' }), request: { target: 'web' } });
    expect(tabs.map((t) => t.session.id)).toEqual(['a2', 'b']);
    expect(tabsReducer(tabs, { type: 'closed', id: 'b' }).map((t) => t.session.id)).toEqual(['a2']);
  });

  it('records a state change reported by the session view', () => {
    const tabs = tabsReducer([{ session: session({ id: 'a' }), request: { target: 'web' } }], { type: 'state', id: 'a', state: 'exited', exitCode: 3 });
    expect(tabs[0]?.session).toMatchObject({ state: 'exited', exitCode: 3 });
  });
});

describe('requestFor and tabLabel', () => {
  it('rebuilds the request from a session, by target name', () => {
    const s = session({ target: { id: 'abc', name: 'web' }, image: 'alpine:latest', cmd: ['sh', '-l'], user: '1000', privileged: true });
    expect(requestFor(s)).toEqual({ target: 'web', image: 'alpine:latest', cmd: ['sh', '-l'], user: '1000', privileged: true });
    expect(requestFor(session({ target: { id: 'abc', name: 'web' } }))).toEqual({ target: 'web', image: 'busybox:latest' });
  });

  it('labels a tab "<target> · <toolkit>"', () => {
    expect(tabLabel(session({ target: { id: 'abc', name: 'web' }, image: 'busybox:latest' }))).toBe('web · busybox:latest');
    // a toolkit given by image id: its short form, as docker ps shows it
    expect(tabLabel(session({ target: { id: 'abc', name: 'web' }, image: `sha256:${'fedcba9876543210'.repeat(4)}` }))).toBe('web · fedcba987654');
  });
});

describe('the profile hint in tabs', () => {
  const hint = { profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' } as const;

  it("takes a pushed hint into the tab's session, and keeps the tab as it is when nothing changed", () => {
    const tabs: SessionTab[] = [{ session: session({ id: 'a', hint: null }), request: { target: 'web' } }];
    const hinted = tabsReducer(tabs, { type: 'hint', id: 'a', hint: { ...hint } });
    expect(hinted[0]?.session.hint).toEqual(hint);
    expect(tabsReducer(hinted, { type: 'hint', id: 'a', hint: { ...hint } })[0]).toBe(hinted[0]);
    expect(tabsReducer(hinted, { type: 'hint', id: 'a', hint: null })[0]?.session.hint).toBeNull();
    expect(sameHint(hint, { ...hint, message: 'other' })).toBe(false);
    expect(sameHint(undefined, null)).toBe(true);
  });

  it('starts a session again with its profile (privileged is sysadmin already)', () => {
    expect(requestFor(session({ target: { id: 'abc', name: 'web' }, profile: 'netadmin' }))).toEqual({
      target: 'web',
      image: 'busybox:latest',
      profile: 'netadmin',
    });
    expect(requestFor(session({ target: { id: 'abc', name: 'web' }, profile: 'general' }))).toEqual({ target: 'web', image: 'busybox:latest' });
    expect(requestFor(session({ target: { id: 'abc', name: 'web' }, profile: 'sysadmin', privileged: true }))).toEqual({
      target: 'web',
      image: 'busybox:latest',
      privileged: true,
    });
  });
});
