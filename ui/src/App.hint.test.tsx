// Issue 18's profile hint across the page: the service pushes a session's hint, the session's
// details show it, and its button opens the Debug dialog for the same target with the profile
// chosen; starting from there asks for that profile.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateSessionRequest, LiveEvent, ProfileHint, Session } from '@cdebug/contract';
import type { EventHandlers } from './api/events';
import { App } from './App';
import { container, engineStatus, fakeApi, ok, session } from './test/fakeApi';
import { renderWithApi } from './test/render';

const hint: ProfileHint = { profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' };

describe('App: the profile hint', () => {
  it(
    'shows a pushed hint in the session details; its button opens the Debug dialog for the target with netadmin',
    { timeout: 60_000 /* the lazy session view and the dialog load on a shared machine */ },
    async () => {
      const user = userEvent.setup();
      sessionStorage.setItem('cdebug.selectedTab', 's1');
      const web = session({ id: 's1', target: { id: 'w', name: 'web' }, engine: 'default', profile: 'general', hint: null });
      const sockets: EventHandlers[] = [];
      const createSession = vi.fn(async (request: CreateSessionRequest) =>
        ok<Session>(session({ id: 's2', target: { id: 'w', name: 'web' }, engine: 'default', ...(request.profile ? { profile: request.profile } : {}) })),
      );
      const api = fakeApi({
        sessions: vi.fn(async () => ok([web])),
        createSession,
        events: vi.fn((handlers: EventHandlers) => {
          sockets.push(handlers);
          return { close: vi.fn() };
        }),
      });
      const push = (frame: LiveEvent) => act(() => sockets.at(-1)?.onFrame(frame));
      renderWithApi(<App />, api);
      await waitFor(() => expect(sockets).toHaveLength(1));
      push({
        type: 'snapshot',
        engines: [engineStatus({ name: 'default', default: true })],
        containers: [{ ...container({ id: 'w', name: 'web' }), engine: 'default' }],
        sessions: [web],
      });
      const details = await screen.findByRole('complementary', { name: 'Session details' });
      expect(within(details).queryByRole('status', { name: 'Profile hint' })).not.toBeInTheDocument();

      push({ type: 'session_changed', session: { ...web, hint } });
      const line = await within(details).findByRole('status', { name: 'Profile hint' });
      expect(line).toHaveTextContent('ip was refused (Operation not permitted): debug again with the netadmin profile');

      await user.click(within(line).getByRole('button', { name: 'Debug with netadmin' }));
      const dialog = await screen.findByRole('dialog', { name: /Debug web/ });
      expect(within(dialog).getByRole('radio', { name: /^netadmin/ })).toBeChecked();
      await user.click(within(dialog).getByRole('button', { name: 'Start debugging' }));
      await waitFor(() => expect(createSession).toHaveBeenCalledTimes(1));
      expect(createSession.mock.calls[0]?.[0]).toMatchObject({ target: 'web', profile: 'netadmin', engine: 'default' });
    },
  );
});
