// The standalone host: the page is served by `cdebug serve` itself, so the API and the attach
// socket are on the same origin; every request carries the access token from the URL fragment.

import type { Result } from '@cdebug/contract';
import { type DownloadedFile, serviceUnreachable, type Host, type Method } from './host';
import { attachmentName, resultFromAnswer } from './http';
import { takeAccessToken, type TokenEnv } from './token';

export interface StandaloneEnv extends TokenEnv {
  location: TokenEnv['location'] & Pick<Location, 'href'>;
  fetch: typeof fetch;
  open: (url: string, target: string, features: string) => unknown;
}

export function standaloneHost(env: StandaloneEnv): Host {
  const token = takeAccessToken(env);

  async function request(method: Method, path: string, body?: unknown, accept = 'application/json'): Promise<Result<unknown>> {
    const headers: Record<string, string> = { Accept: accept };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await env.fetch(new URL(path, env.location.href).toString(), {
        method,
        headers,
        cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      return { ok: false, error: serviceUnreachable() };
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      return { ok: false, error: serviceUnreachable('the answer was cut short') };
    }
    return accept === 'application/json' || !response.ok ? resultFromAnswer(response.status, text) : { ok: true, value: text };
  }

  async function requestText(path: string): Promise<Result<string>> {
    return (await request('GET', path, undefined, '*/*')) as Result<string>;
  }

  async function requestBytes(path: string): Promise<Result<DownloadedFile>> {
    const headers: Record<string, string> = { Accept: '*/*' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await env.fetch(new URL(path, env.location.href).toString(), { headers, cache: 'no-store' });
      if (!response.ok) return resultFromAnswer(response.status, await response.text()) as Result<never>;
      return { ok: true, value: { blob: await response.blob(), fileName: attachmentName(response.headers.get('content-disposition')) } };
    } catch {
      return { ok: false, error: serviceUnreachable('the download was cut short') };
    }
  }

  // Known at once here; a promise because Desktop's host must ask for its port first.
  function socketUrl(path: string): Promise<Result<string>> {
    const url = new URL(path, env.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    if (token !== null) url.searchParams.set('token', token);
    return Promise.resolve({ ok: true, value: url.toString() });
  }

  return {
    kind: 'standalone',
    request: (method, path, body) => request(method, path, body),
    requestText,
    requestBytes,
    socketUrl,
    openExternal: (url) => void env.open(url, '_blank', 'noopener,noreferrer'),
  };
}
