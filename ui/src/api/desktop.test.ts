import { describe, expect, it, vi } from 'vitest';
import { createApi } from './client';
import { desktopError, desktopHost, type DesktopClientLike } from './desktop';

function ddClient(service: Partial<NonNullable<NonNullable<DesktopClientLike['extension']['vm']>['service']>>) {
  const toast = { success: vi.fn(), warning: vi.fn(), error: vi.fn() };
  const client: DesktopClientLike = {
    extension: {
      vm: {
        service: {
          get: vi.fn(async () => undefined),
          post: vi.fn(async () => undefined),
          delete: vi.fn(async () => undefined),
          ...service,
        },
      },
    },
    desktopUI: { toast },
    host: { openExternal: vi.fn() },
  };
  return { client, toast };
}

describe('desktop host', () => {
  it('reads through ddClient.extension.vm.service and validates the answer', async () => {
    const get = vi.fn(async () => [{ image: 'busybox:latest', title: 'BusyBox', local: true, preset: true }]);
    const api = createApi(desktopHost(ddClient({ get }).client));
    const result = await api.toolkits();
    expect(get).toHaveBeenCalledWith('/api/toolkits');
    expect(result.ok && result.value[0]?.local).toBe(true);
  });

  it('accepts answers that arrive as JSON text', async () => {
    const api = createApi(desktopHost(ddClient({ get: vi.fn(async () => '{"ok":true,"version":"1","engine":null}') }).client));
    expect(await api.health()).toEqual({ ok: true, value: { ok: true, version: '1', engine: null } });
  });

  it('posts and deletes through the service', async () => {
    const post = vi.fn(async () => ({ id: 's1', target: { id: 't', name: 'web' }, image: 'busybox:latest', state: 'pulling' }));
    const del = vi.fn(async () => '');
    const api = createApi(desktopHost(ddClient({ post, delete: del }).client));
    expect((await api.createSession({ target: 'web' })).ok).toBe(true);
    expect(post).toHaveBeenCalledWith('/api/sessions', { target: 'web' });
    expect(await api.deleteSession('s1')).toEqual({ ok: true, value: undefined });
    expect(del).toHaveBeenCalledWith('/api/sessions/s1');
  });

  it('finds the contract error inside a failed call', async () => {
    const failure = { name: 'Error', statusCode: 404, message: '{"error":{"code":"target_not_found","message":"No container web."}}' };
    // as Desktop's client does: it rejects with a plain object, not an Error
    const post = vi.fn<(url: string, data: unknown) => Promise<unknown>>().mockRejectedValue(failure);
    const api = createApi(desktopHost(ddClient({ post }).client));
    expect(await api.createSession({ target: 'web' })).toEqual({ ok: false, error: { code: 'target_not_found', message: 'No container web.' } });
  });

  it('maps other failures by status, or says the backend does not answer', () => {
    expect(desktopError({ statusCode: 503, message: 'Service Unavailable' }).code).toBe('engine_unreachable');
    expect(desktopError(new Error('connect ENOENT /run/guest-services/cdebug.sock')).message).toMatch(/does not answer/);
  });

  it('asks the socket for port and token, then opens the WebSocket on the loopback port', async () => {
    const get = vi.fn(async () => ({ port: 49152, token: 'a b' }));
    const host = desktopHost(ddClient({ get }).client);
    expect(await host.socketUrl('/api/sessions/s1/attach')).toEqual({ ok: true, value: 'ws://127.0.0.1:49152/api/sessions/s1/attach?token=a%20b' });
    expect(get).toHaveBeenCalledWith('/api/connection');
  });

  it('refuses malformed connection details', async () => {
    const host = desktopHost(ddClient({ get: vi.fn(async () => ({ port: 'x' })) }).client);
    expect((await host.socketUrl('/api/sessions/s1/attach')).ok).toBe(false);
  });

  it("hands terminal links to Docker Desktop's browser hand-off", () => {
    const { client } = ddClient({});
    createApi(desktopHost(client)).openExternal('http://localhost:8080/');
    expect(client.host.openExternal).toHaveBeenCalledWith('http://localhost:8080/');
  });

  it("shows notices as Docker Desktop's toasts", () => {
    const { client, toast } = ddClient({});
    createApi(desktopHost(client)).toast?.('error', 'Could not end the session.');
    expect(toast.error).toHaveBeenCalledWith('Could not end the session.');
  });
});
