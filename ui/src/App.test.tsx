import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary } from '@cdebug/contract';
import { App } from './App';
import { container, fail, fakeApi, ok, session } from './test/fakeApi';
import { renderWithApi } from './test/render';

const tab = (name: string) => screen.findByRole('tab', { name });

describe('App', () => {
  it('says what the tool does and lists the running containers', async () => {
    renderWithApi(<App />, fakeApi());
    expect(screen.getByRole('heading', { name: 'cdebug' })).toBeInTheDocument();
    expect(screen.getByText(/shell with real debugging tools inside a running container/)).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /web/ })).toBeInTheDocument();
  });

  it('keeps the list current: new containers appear and stopped ones go', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const lists: ContainerSummary[][] = [
      [container({ name: 'web' })],
      [container({ name: 'web' }), container({ name: 'cache' })],
      [container({ name: 'cache' })],
    ];
    const api = fakeApi({ containers: vi.fn(async () => ok(lists.length > 1 ? (lists.shift() ?? []) : (lists[0] ?? []))) });
    renderWithApi(<App />, api);
    expect(await screen.findByRole('row', { name: /web/ })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(await screen.findByRole('row', { name: /cache/ })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(2000));
    await waitFor(() => expect(screen.queryByRole('row', { name: /web/ })).not.toBeInTheDocument());
  });

  it('says the engine does not answer when the health report says so', async () => {
    const api = fakeApi({
      health: vi.fn(async () =>
        ok({ ok: false, version: '1', engine: null, error: { code: 'engine_unreachable' as const, message: 'connect ENOENT /var/run/docker.sock' } }),
      ),
      containers: vi.fn(async () => fail<ContainerSummary[]>('engine_unreachable', 'connect ENOENT /var/run/docker.sock')),
    });
    renderWithApi(<App />, api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The container engine does not answer');
    expect(alert).toHaveTextContent('connect ENOENT /var/run/docker.sock');
  });

  it('opens a session tab from the Debug button and focuses its terminal', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<App />, api);
    await user.click(await screen.findByRole('button', { name: 'Debug web' }));
    await user.click(await screen.findByRole('button', { name: 'Start debugging' }));
    expect(api.created).toEqual([{ target: 'web', image: 'busybox:latest' }]);
    const opened = await tab('web · busybox:latest');
    expect(opened).toHaveAttribute('aria-selected', 'true');
    const terminal = await screen.findByTestId('terminal');
    await waitFor(() => expect(terminal.contains(document.activeElement)).toBe(true));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('re-opens a tab for each live session after a reload and re-attaches them', async () => {
    const web = session({ id: 'w', target: { id: 'web-id', name: 'web' }, image: 'busybox:latest' });
    const db = session({ id: 'd', target: { id: 'db-id', name: 'db' }, image: 'alpine:latest', state: 'pulling' });
    const ended = session({ id: 'x', target: { id: 'old-id', name: 'old' }, state: 'exited', exitCode: 0 });
    const api = fakeApi({ sessions: vi.fn(async () => ok([db, ended, web])) });
    renderWithApi(<App />, api);
    // The service lists newest first; tabs read oldest first. Ended sessions get no tab.
    await waitFor(() =>
      expect(
        within(screen.getByRole('tablist'))
          .getAllByRole('tab')
          .map((t) => t.textContent),
      ).toEqual(['Containers', 'Images', 'web · busybox:latest', 'db · alpine:latest']),
    );
    await waitFor(() => expect(api.attaches.map((a) => a.sessionId).sort()).toEqual(['d', 'w']));
  });

  it('comes back to the tab that was shown before the page was torn down', async () => {
    sessionStorage.setItem('cdebug.selectedTab', 'd');
    const api = fakeApi({
      sessions: vi.fn(async () => ok([session({ id: 'd', target: { id: 'db-id', name: 'db' } }), session({ id: 'w', target: { id: 'web-id', name: 'web' } })])),
    });
    renderWithApi(<App />, api);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'db · busybox:latest' })).toHaveAttribute('aria-selected', 'true'));
  });

  it('asks before ending a live session, then deletes it and drops its tab', async () => {
    const user = userEvent.setup();
    const api = fakeApi({ sessions: vi.fn(async () => ok([session({ id: 'w', target: { id: 'web-id', name: 'web' } })])) });
    renderWithApi(<App />, api);
    const web = await tab('web · busybox:latest');
    await user.click(within(web).getByTestId('CloseIcon'));
    const dialog = await screen.findByRole('dialog', { name: 'End this session?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(api.deleted).toEqual([]);
    expect(await tab('web · busybox:latest')).toBeInTheDocument();

    await user.click(within(web).getByTestId('CloseIcon'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'End session' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.deleted).toEqual(['w']);
    expect(screen.queryByRole('tab', { name: 'web · busybox:latest', hidden: true })).not.toBeInTheDocument();
    expect(await tab('Containers')).toHaveAttribute('aria-selected', 'true');
  });

  it('restarts an ended session in the same tab with the same parameters', async () => {
    const user = userEvent.setup();
    const api = fakeApi({ sessions: vi.fn(async () => ok([session({ id: 'w', target: { id: 'web-id', name: 'web' }, cmd: ['sh', '-l'] })])) });
    renderWithApi(<App />, api);
    await user.click(await tab('web · busybox:latest'));
    await waitFor(() => expect(api.attaches).toHaveLength(1));
    act(() => {
      api.attaches[0]?.frame({ type: 'status', state: 'exited' });
      api.attaches[0]?.frame({ type: 'exit', code: 0 });
    });
    await user.click(await screen.findByRole('button', { name: 'Restart session' }));
    await waitFor(() => expect(api.created).toEqual([{ target: 'web', image: 'busybox:latest', cmd: ['sh', '-l'] }]));
    await waitFor(() => expect(api.attaches).toHaveLength(2));
    expect(api.deleted).toEqual(['w']);
    expect(within(screen.getByRole('tablist')).getAllByRole('tab')).toHaveLength(3);
  });

  it('brings the tab back when the service could not end the session', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      sessions: vi.fn(async () => ok([session({ id: 'w', target: { id: 'web-id', name: 'web' } })])),
      deleteSession: vi.fn(async () => fail<void>('engine_unreachable', 'The container engine does not answer.')),
    });
    renderWithApi(<App />, api);
    await user.click(within(await tab('web · busybox:latest')).getByTestId('CloseIcon'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'End session' }));
    expect(await screen.findByText('The session could not be ended: The container engine does not answer.')).toBeInTheDocument();
    expect(await tab('web · busybox:latest')).toBeInTheDocument();
  });

  it('closes an ended session without asking', async () => {
    const user = userEvent.setup();
    const api = fakeApi({ sessions: vi.fn(async () => ok([session({ id: 'w', target: { id: 'web-id', name: 'web' } })])) });
    renderWithApi(<App />, api);
    await user.click(await tab('web · busybox:latest'));
    await waitFor(() => expect(api.attaches).toHaveLength(1));
    act(() => api.attaches[0]?.frame({ type: 'exit', code: 0 }));
    await user.click(screen.getByRole('button', { name: 'Close session' }));
    await waitFor(() => expect(api.deleted).toEqual(['w']));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
