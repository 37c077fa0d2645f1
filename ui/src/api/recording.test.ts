// A recording is text (asciicast v2: JSON lines, not one JSON document): both hosts hand it over
// as it came, and an error answer as the contract's error.
import { describe, expect, it, vi } from 'vitest';
import { createApi } from './client';
import { desktopHost, type DesktopClientLike } from './desktop';
import { standaloneHost } from './standalone';

const CAST = '{"version":2,"width":80,"height":24,"timestamp":0,"title":"web · busybox"}\n[0.1,"o","hi"]\n';

function standalone(status: number, body: string) {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body, { status }));
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

function desktop(get: (url: string) => Promise<unknown>) {
  const client: DesktopClientLike = {
    extension: { vm: { service: { get: vi.fn(get), post: vi.fn(), delete: vi.fn() } } },
    desktopUI: { toast: { success: vi.fn(), warning: vi.fn(), error: vi.fn() } },
    host: { openExternal: vi.fn() },
  };
  return createApi(desktopHost(client));
}

describe('api.recording', () => {
  it('standalone: fetches the text with the token', async () => {
    const { api, fetchMock } = standalone(200, CAST);
    expect(await api.recording('s/1')).toEqual({ ok: true, value: CAST });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:7777/api/sessions/s%2F1/recording');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it("standalone: an error answer is the service's error", async () => {
    const { api } = standalone(404, JSON.stringify({ error: { code: 'session_not_found', message: 'No session has the id "x".' } }));
    expect(await api.recording('x')).toEqual({ ok: false, error: { code: 'session_not_found', message: 'No session has the id "x".' } });
  });

  it('desktop: passes the text through, and refuses an answer Desktop parsed as JSON', async () => {
    expect(await desktop(async () => CAST).recording('s1')).toEqual({ ok: true, value: CAST });
    expect((await desktop(async () => ({ a: 1 })).recording('s1')).ok).toBe(false);
    const failed = await desktop(async () => Promise.reject(new Error('boom'))).recording('s1');
    expect(failed.ok).toBe(false);
  });
});
