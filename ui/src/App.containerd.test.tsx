// A containerd engine beside Docker: its containers (ids for names, as containerd has no names)
// are listed with Docker's, Debug starts on it, and its label says which namespace it reads.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateSessionRequest } from '@cdebug/contract';
import { App } from './App';
import { container, engineStatus, fakeApi, ok, PRESETS, session } from './test/fakeApi';
import { renderWithApi } from './test/render';

const onDocker = container({ name: 'web', engine: 'docker' });
const onContainerd = container({ name: 'nginx-7d9c', id: 'nginx-7d9c', image: 'docker.io/library/nginx:latest', engine: 'k8s' });
const containerdEngine = engineStatus({
  name: 'k8s',
  host: 'containerd:///run/containerd/containerd.sock?namespace=k8s.io',
  engine: { name: 'containerd (namespace k8s.io)', version: '1.6.20', apiVersion: 'v1' },
});

describe('App with a containerd engine', () => {
  it("lists its containers beside Docker's, starts a session on it, and names its namespace", { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      containers: vi.fn(async () => ok([onDocker, onContainerd])),
      engines: vi.fn(async () => ok([engineStatus({ name: 'docker', default: true }), containerdEngine])),
      toolkits: vi.fn(async () => ok(PRESETS)),
      createSession: vi.fn(async (request: CreateSessionRequest) => {
        api.created.push(request);
        return ok(session({ id: 'on-k8s', engine: request.engine, target: { id: onContainerd.id, name: request.target }, state: 'starting' }));
      }),
    });
    renderWithApi(<App />, api);
    expect(await screen.findByRole('button', { name: 'Debug web on docker' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Debug nginx-7d9c on k8s' })).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('[title="Engine k8s (containerd (namespace k8s.io) 1.6.20): answering"]')).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Debug nginx-7d9c on k8s' }));
    // generous waits: a loaded build machine renders the dialog and the session slowly
    await user.click(await screen.findByRole('button', { name: 'Start debugging' }, { timeout: 10_000 }));
    expect(api.created).toEqual([{ target: 'nginx-7d9c', image: 'busybox:latest', engine: 'k8s' }]);
    const details = await screen.findByRole('complementary', { name: 'Session details' }, { timeout: 10_000 });
    expect(within(details).getByText('containerd:///run/containerd/containerd.sock?namespace=k8s.io · answering')).toBeInTheDocument();
  });
});
