// The page with stopped containers and images: the All chip asks for every container and is
// remembered; Debug on a stopped container and on an image opens the same dialog and starts the
// right session.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary, CreateSessionRequest } from '@cdebug/contract';
import { App } from './App';
import { SCOPE_STORAGE_KEY } from './hooks/containerScope';
import { container, fakeApi, image, ok, session, stoppedContainer } from './test/fakeApi';
import { renderWithApi } from './test/render';

const crashed = stoppedContainer({ name: 'crashed', exitCode: 2, finishedAt: new Date(Date.now() - 5 * 60_000).toISOString() });

function withStopped() {
  return fakeApi({ containers: vi.fn(async (options?: { all?: boolean }) => ok<ContainerSummary[]>(options?.all ? [container(), crashed] : [container()])) });
}

describe('App with stopped containers and images', () => {
  it('lists stopped containers under All, and remembers the choice', async () => {
    const user = userEvent.setup();
    const api = withStopped();
    const { unmount } = renderWithApi(<App />, api);
    expect(await screen.findByRole('row', { name: /web/ })).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /crashed/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'All' }));
    expect(await screen.findByText('Exited (2) · 5 min ago')).toBeInTheDocument();
    expect(api.containers).toHaveBeenLastCalledWith({ all: true });
    expect(localStorage.getItem(SCOPE_STORAGE_KEY)).toBe('all');
    unmount();
    renderWithApi(<App />, withStopped());
    expect(await screen.findByRole('row', { name: /crashed/ })).toBeInTheDocument();
  });

  it('debugs a stopped container from its row: the dialog says a copy is made, the request names it', async () => {
    const user = userEvent.setup();
    localStorage.setItem(SCOPE_STORAGE_KEY, 'all');
    const api = withStopped();
    api.createSession = vi.fn(async (request: CreateSessionRequest) => {
      api.created.push(request);
      return ok(session({ mode: 'copy', target: { id: crashed.id, name: 'crashed' }, copy: { id: 'k', name: 'crashed-copy' }, state: 'starting' }));
    });
    renderWithApi(<App />, api);
    await user.click(await screen.findByRole('button', { name: 'Debug crashed' }));
    expect(await screen.findByText(/It is not running: the shell runs in a copy of it/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start debugging' }));
    expect(api.created).toEqual([{ target: 'crashed', image: 'busybox:latest' }]);
    expect(await screen.findByRole('tab', { name: 'copy of crashed · busybox:latest' })).toHaveAttribute('aria-selected', 'true');
  });

  it('debugs an image from the Images tab with asImage', async () => {
    const user = userEvent.setup();
    const api = fakeApi({ images: vi.fn(async () => ok([image({ tags: ['app:1.0'] })])) });
    api.createSession = vi.fn(async (request: CreateSessionRequest) => {
      api.created.push(request);
      return ok(session({ mode: 'image', target: { id: 'sha256:app', name: 'app:1.0' }, state: 'starting' }));
    });
    renderWithApi(<App />, api);
    await user.click(await screen.findByRole('tab', { name: 'Images' }));
    await user.click(await screen.findByRole('button', { name: 'Debug image app:1.0' }));
    expect(await screen.findByRole('heading', { name: /Debug image app:1.0/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start debugging' }));
    expect(api.created).toEqual([{ target: 'app:1.0', image: 'busybox:latest', asImage: true }]);
    expect(await screen.findByRole('tab', { name: 'image app:1.0 · busybox:latest' })).toHaveAttribute('aria-selected', 'true');
  });

  it('asks for images only while the Images tab is shown', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<App />, api);
    await screen.findByRole('row', { name: /web/ });
    expect(api.images).not.toHaveBeenCalled();
    await user.click(screen.getByRole('tab', { name: 'Images' }));
    await waitFor(() => expect(api.images).toHaveBeenCalled());
  });
});
