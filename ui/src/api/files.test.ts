// A target's file is bytes: the standalone host fetches them with the token and keeps the name
// the service gave; an error answer comes as the contract's error; Desktop (whose backend socket
// carries text only) asks the service for a one-time link for the host's browser.
import { describe, expect, it, vi } from 'vitest';
import { createApi } from './client';
import { desktopHost, type DesktopClientLike } from './desktop';
import { standaloneHost } from './standalone';

function standalone(response: () => Response) {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => response());
  const api = createApi(
    standaloneHost({
      location: { hash: '#token=tok', pathname: '/', search: '', href: 'http://127.0.0.1:7777/#token=tok' },
      history: { state: null, replaceState: () => undefined },
      sessionStorage: { getItem: () => null, setItem: () => undefined },
      fetch: fetchMock,
      open: vi.fn(),
    }),
  );
  return { api, fetchMock };
}

describe('api.file', () => {
  it('standalone: fetches the bytes with the token, named as the service says', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const { api, fetchMock } = standalone(() => new Response(bytes, { status: 200, headers: { 'content-disposition': 'attachment; filename="app"' } }));
    const answer = await api.file?.('s/1', '/usr/bin/app');
    if (!answer?.ok || answer.value.kind !== 'bytes') throw new Error('expected bytes');
    expect(new Uint8Array(await answer.value.file.blob.arrayBuffer())).toEqual(bytes);
    expect(answer.value.file.fileName).toBe('app');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:7777/api/sessions/s%2F1/files?path=%2Fusr%2Fbin%2Fapp');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it("standalone: a 404 is the service's coded error", async () => {
    const { api } = standalone(() => new Response(JSON.stringify({ error: { code: 'file_not_found', message: '/x does not exist' } }), { status: 404 }));
    expect(await api.file?.('s', '/x')).toEqual({ ok: false, error: { code: 'file_not_found', message: '/x does not exist' } });
  });

  it('desktop: asks the service for a one-time link, through the backend socket', async () => {
    const url = 'http://127.0.0.1:55001/downloads/0123456789abcdef0123456789abcdef';
    const post = vi.fn(async () => ({ url, expiresAt: '2026-12-02T17:00:00.000Z' }));
    const client: DesktopClientLike = {
      extension: { vm: { service: { get: vi.fn(), post, delete: vi.fn() } } },
      desktopUI: { toast: { success: vi.fn(), warning: vi.fn(), error: vi.fn() } },
      host: { openExternal: vi.fn() },
    };
    expect(await createApi(desktopHost(client)).file?.('s/1', '/etc/hosts')).toEqual({ ok: true, value: { kind: 'link', url } });
    expect(post).toHaveBeenCalledWith('/api/sessions/s%2F1/files/link', { path: '/etc/hosts' });
  });

  it("desktop: a refusal is the service's coded error; a malformed answer is said to be one", async () => {
    // as Desktop's client does: it rejects with a plain object, not an Error
    const refuse = vi
      .fn<(url: string, data: unknown) => Promise<unknown>>()
      .mockRejectedValue({ statusCode: 410, message: JSON.stringify({ error: { code: 'session_ended', message: 'The session is not running.' } }) });
    const client: DesktopClientLike = {
      extension: { vm: { service: { get: vi.fn(), post: refuse, delete: vi.fn() } } },
      desktopUI: { toast: { success: vi.fn(), warning: vi.fn(), error: vi.fn() } },
      host: { openExternal: vi.fn() },
    };
    expect(await createApi(desktopHost(client)).file?.('s', '/x')).toEqual({
      ok: false,
      error: { code: 'session_ended', message: 'The session is not running.' },
    });
    client.extension.vm = { service: { get: vi.fn(), post: vi.fn(async () => ({ url: 42 })), delete: vi.fn() } };
    const malformed = await createApi(desktopHost(client)).file?.('s', '/x');
    expect(malformed?.ok).toBe(false);
  });
});
