import { describe, expect, it, vi } from 'vitest';
import { createApi } from './client';
import { standaloneHost, type StandaloneEnv } from './standalone';

function env(fetchImpl: typeof fetch, hash = '#token=tok'): StandaloneEnv {
  return {
    location: { hash, pathname: '/', search: '', href: `http://127.0.0.1:7777/${hash}` },
    history: { state: null, replaceState: () => undefined },
    sessionStorage: { getItem: () => null, setItem: () => undefined },
    fetch: fetchImpl,
    open: vi.fn(),
  };
}

const answer = (status: number, body: unknown) =>
  vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body === undefined ? null : JSON.stringify(body), { status }));

describe('standalone host', () => {
  it('sends the bearer token on the same origin and validates the answer', async () => {
    const fetchMock = answer(200, [{ id: 'a', name: 'web', image: 'nginx', state: 'running' }]);
    const api = createApi(standaloneHost(env(fetchMock)));
    const result = await api.containers();
    expect(result.ok && result.value[0]?.name).toBe('web');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:7777/api/containers');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it('posts JSON bodies', async () => {
    const session = { id: 's1', target: { id: 't', name: 'web' }, image: 'busybox:latest', state: 'pulling' };
    const fetchMock = answer(201, session);
    const api = createApi(standaloneHost(env(fetchMock)));
    const result = await api.createSession({ target: 'web', cmd: ['sh', '-c', 'echo "$HOME"'] });
    expect(result.ok && result.value.id).toBe('s1');
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    const body = init?.body;
    if (typeof body !== 'string') throw new Error(`the request's body is not JSON text: ${typeof body}`);
    expect(JSON.parse(body)).toEqual({ target: 'web', cmd: ['sh', '-c', 'echo "$HOME"'] });
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('encodes path segments and accepts an empty 204', async () => {
    const fetchMock = answer(204, undefined);
    const api = createApi(standaloneHost(env(fetchMock)));
    expect(await api.deleteSession('a/b c')).toEqual({ ok: true, value: undefined });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('http://127.0.0.1:7777/api/sessions/a%2Fb%20c');
  });

  it('turns the contract error body into an error value', async () => {
    const api = createApi(standaloneHost(env(answer(409, { error: { code: 'target_not_running', message: 'web is stopped.' } }))));
    expect(await api.createSession({ target: 'web' })).toEqual({ ok: false, error: { code: 'target_not_running', message: 'web is stopped.' } });
  });

  it('explains a 401 without a body', async () => {
    const api = createApi(standaloneHost(env(answer(401, undefined), '')));
    const result = await api.health();
    expect(!result.ok && result.error.code).toBe('unauthorized');
  });

  it('says the service does not answer when fetch fails', async () => {
    const api = createApi(standaloneHost(env(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))));
    const result = await api.toolkits();
    expect(!result.ok && result.error.message).toMatch(/does not answer/);
  });

  it('opens http(s) links from the terminal in a new tab, and nothing else', () => {
    const e = env(answer(200, {}));
    const api = createApi(standaloneHost(e));
    api.openExternal('https://example.com/x');
    api.openExternal('javascript:alert(1)');
    expect(e.open).toHaveBeenCalledExactlyOnceWith('https://example.com/x', '_blank', 'noopener,noreferrer');
  });

  it('opens the attach socket on the same origin with the token in the query', async () => {
    const host = standaloneHost(env(answer(200, {})));
    expect(await host.socketUrl('/api/sessions/s1/attach')).toEqual({ ok: true, value: 'ws://127.0.0.1:7777/api/sessions/s1/attach?token=tok' });
  });
});
