import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContainerPorts, CreateForwardRequest, Forward, Result } from '@cdebug/contract';
import type { ForwardsApi } from '../../api/forwards';
import { fakeApi, errorInfo } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { ForwardsProvider } from './context';
import { ForwardButton } from './ForwardButton';
import { formatBytes, ForwardList } from './ForwardList';
import { parsePort } from './ForwardDialog';
import { FORWARDS_POLL_MS } from '../../hooks/useForwards';

function forward(patch: Partial<Forward> = {}): Forward {
  return {
    id: 'f1',
    engine: 'default',
    target: { id: 'web-id', name: 'web' },
    localAddress: '127.0.0.1',
    localPort: 41234,
    remoteHost: '127.0.0.1',
    remotePort: 8080,
    bytesIn: 300,
    bytesOut: 2 * 1024 * 1024,
    connections: 1,
    accepted: 3,
    createdAt: '2026-01-01T00:00:00Z',
    url: 'http://127.0.0.1:41234/',
    ...patch,
  };
}

function fakeForwards(initial: Forward[] = [], create?: (r: CreateForwardRequest) => Result<Forward>) {
  let list = [...initial];
  const api: ForwardsApi & { created: CreateForwardRequest[] } = {
    created: [],
    list: vi.fn(async () => ({ ok: true as const, value: list })),
    create: vi.fn(async (request: CreateForwardRequest) => {
      api.created.push(request);
      const answer = create ? create(request) : { ok: true as const, value: forward({ remotePort: request.remotePort }) };
      if (answer.ok) list = [answer.value, ...list];
      return answer;
    }),
    stop: vi.fn(async (id: string) => {
      list = list.filter((f) => f.id !== id);
      return { ok: true as const, value: undefined };
    }),
    ports: vi.fn(async (): Promise<Result<ContainerPorts>> => ({
      ok: true,
      value: { target: { id: 'web-id', name: 'web' }, listening: [{ address: '127.0.0.1', port: 8080 }], exposed: [9090], ports: [8080, 9090] },
    })),
  };
  return api;
}

function renderForwards(forwards: ForwardsApi) {
  const api = fakeApi({ forwards });
  renderWithApi(
    <ForwardsProvider>
      <ForwardList />
      <ForwardButton target={{ id: 'web-id', name: 'web', engine: 'default' }} />
    </ForwardsProvider>,
    api,
  );
  return api;
}

describe('Forward a port', () => {
  it('suggests the listening ports, starts the chosen one and opens its link', async () => {
    const forwards = fakeForwards();
    const api = renderForwards(forwards);
    await userEvent.click(screen.getByRole('button', { name: 'Forward a port of web' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('button', { name: 'Port 9090' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Port 9090' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Forward' }));
    expect(forwards.created).toEqual([{ target: 'web-id', remotePort: 9090, engine: 'default' }]);
    expect(api.openExternal).toHaveBeenCalledWith('http://127.0.0.1:41234/');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('link', { name: 'http://127.0.0.1:41234/' })).toBeTruthy();
  });

  it('suggests the ports even when looking them up takes longer than a poll of the list (a busy engine)', async () => {
    const forwards = fakeForwards([forward()]);
    const quick = forwards.ports;
    forwards.ports = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, FORWARDS_POLL_MS * 1.5));
      return quick('web-id');
    });
    renderForwards(forwards);
    await userEvent.click(screen.getByRole('button', { name: 'Forward a port of web' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('button', { name: 'Port 9090' }, { timeout: FORWARDS_POLL_MS * 3 })).toBeTruthy();
    expect(forwards.ports).toHaveBeenCalledTimes(1);
  }, 15_000);

  it('shows why a forward could not start, and keeps the dialog open', async () => {
    const forwards = fakeForwards([], () => ({ ok: false, error: errorInfo('target_not_running', 'Container "web" is exited, not running: start it first.') }));
    renderForwards(forwards);
    await userEvent.click(screen.getByRole('button', { name: 'Forward a port of web' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('button', { name: 'Port 8080' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Forward' }));
    expect(await within(dialog).findByText(/not running: start it first/)).toBeTruthy();
  });

  it('refuses a port out of range before asking the service', async () => {
    const forwards = fakeForwards();
    renderForwards(forwards);
    await userEvent.click(screen.getByRole('button', { name: 'Forward a port of web' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByLabelText('Port in the container');
    await userEvent.clear(field);
    await userEvent.type(field, '70000');
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Forward' }).disabled).toBe(true);
    expect(forwards.create).not.toHaveBeenCalled();
  });

  it('lists forwards with their byte counts, opens the link through the host, and stops one', async () => {
    const forwards = fakeForwards([forward()]);
    const api = renderForwards(forwards);
    const link = await screen.findByRole('link', { name: 'http://127.0.0.1:41234/' });
    expect(screen.getByLabelText('Bytes of web:8080').textContent).toContain('2.0 MiB');
    await userEvent.click(link);
    expect(api.openExternal).toHaveBeenCalledWith('http://127.0.0.1:41234/');
    await userEvent.click(screen.getByRole('button', { name: 'Stop forwarding web:8080' }));
    expect(forwards.stop).toHaveBeenCalledWith('f1');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'http://127.0.0.1:41234/' })).toBeNull());
  });

  it('says so when a stop fails, and keeps the forward listed', async () => {
    const forwards = fakeForwards([forward()]);
    forwards.stop = vi.fn(async () => ({
      ok: false as const,
      error: errorInfo('bad_request', "Body cannot be empty when content-type is set to 'application/json'"),
    }));
    renderForwards(forwards);
    await userEvent.click(await screen.findByRole('button', { name: 'Stop forwarding web:8080' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The port-forward could not be stopped: Body cannot be empty');
    expect(screen.getByRole('link', { name: 'http://127.0.0.1:41234/' })).toBeTruthy();
  });

  it("opens the URL the service gives: in Docker Desktop a forward's name through the published port", async () => {
    const forwards = fakeForwards([forward({ id: '0123456789abcdef', url: 'http://f-0123456789abcdef.localhost:55001/' })]);
    const api = renderForwards(forwards);
    const link = await screen.findByRole('link', { name: 'http://f-0123456789abcdef.localhost:55001/' });
    expect(link.getAttribute('href')).toBe('http://f-0123456789abcdef.localhost:55001/');
    await userEvent.click(link);
    expect(api.openExternal).toHaveBeenCalledWith('http://f-0123456789abcdef.localhost:55001/');
    expect(screen.queryByRole('link', { name: /127\.0\.0\.1/ })).toBeNull();
  });

  it('shows no button where the service cannot forward', () => {
    renderWithApi(
      <ForwardsProvider>
        <ForwardButton target={{ id: 'web-id', name: 'web' }} />
      </ForwardsProvider>,
      fakeApi(),
    );
    expect(screen.queryByRole('button', { name: /Forward a port/ })).toBeNull();
  });
});

describe('helpers', () => {
  it('reads a port', () => {
    expect([parsePort('80'), parsePort(' 8080 '), parsePort('0'), parsePort('65536'), parsePort('8o'), parsePort('')]).toEqual([
      80,
      8080,
      null,
      null,
      null,
      null,
    ]);
  });
  it('formats byte counts', () => {
    expect([formatBytes(0), formatBytes(2048), formatBytes(3 * 1024 * 1024), formatBytes(5 * 1024 ** 3)]).toEqual(['0 B', '2.0 KiB', '3.0 MiB', '5.00 GiB']);
  });
});
