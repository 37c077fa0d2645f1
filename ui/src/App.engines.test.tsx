// The page with two engines: the list shows both, Debug starts on the container's engine with
// that engine's toolkits, tabs and details name the engine, and an engine that stops shows.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary, CreateSessionRequest, EngineStatus } from '@cdebug/contract';
import { App } from './App';
import { ENGINE_POLL_MS } from './hooks/useEngines';
import { container, engineStatus, fakeApi, ok, PRESETS, session } from './test/fakeApi';
import { renderWithApi } from './test/render';

const onLocal = container({ name: 'web', engine: 'local' });
const onCi = container({ name: 'api', engine: 'ci', id: 'api-on-ci-0123456789abcdef' });

describe('App with two engines', () => {
  it('starts a session on the engine of the container, with its toolkits, and names it in the tab and details', async () => {
    const user = userEvent.setup();
    const toolkits = vi.fn(async (_engine?: string) => ok(PRESETS));
    const api = fakeApi({
      containers: vi.fn(async () => ok([onLocal, onCi])),
      engines: vi.fn(async () => ok([engineStatus({ name: 'local', default: true }), engineStatus({ name: 'ci' })])),
      toolkits,
      createSession: vi.fn(async (request: CreateSessionRequest) => {
        api.created.push(request);
        return ok(session({ id: 'on-ci', engine: request.engine, target: { id: onCi.id, name: request.target }, state: 'starting' }));
      }),
    });
    renderWithApi(<App />, api);
    await user.click(await screen.findByRole('button', { name: 'Debug api on ci' }));
    await waitFor(() => expect(toolkits).toHaveBeenCalledWith('ci'));
    await user.click(await screen.findByRole('button', { name: 'Start debugging' }));
    expect(api.created).toEqual([{ target: 'api', image: 'busybox:latest', engine: 'ci' }]);
    expect(await screen.findByRole('tab', { name: 'api@ci · busybox:latest' })).toHaveAttribute('aria-selected', 'true');
    const details = await screen.findByRole('complementary', { name: 'Session details' });
    expect(within(details).getByText('Engine')).toBeInTheDocument();
    expect(within(details).getByText('unix:///run/ci.sock · answering')).toBeInTheDocument();
  });

  it('shows an engine that stops as not answering while the other engine stays listed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let ciUp = true;
    const api = fakeApi({
      containers: vi.fn(async () => ok<ContainerSummary[]>(ciUp ? [onLocal, onCi] : [onLocal])),
      engines: vi.fn(async () => ok<EngineStatus[]>([engineStatus({ name: 'local', default: true }), engineStatus({ name: 'ci', reachable: ciUp })])),
    });
    renderWithApi(<App />, api);
    expect(await screen.findByRole('button', { name: 'Debug api on ci' })).toBeInTheDocument();
    ciUp = false;
    await act(() => vi.advanceTimersByTimeAsync(ENGINE_POLL_MS));
    expect(await screen.findByRole('alert', { name: 'Engine ci does not answer' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Debug api on ci' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Debug web on local' })).toBeInTheDocument();
    vi.useRealTimers();
  });
});
