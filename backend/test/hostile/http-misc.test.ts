// Hostile requests that are not about the body: query strings, methods, headers, paths and
// sheer numbers. Each is answered with the contract's error (or, for what Node refuses before
// the app, a plain 4xx), never a 5xx, and the service keeps answering.
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/contract/index.js';
import { useHostileService } from './harness.js';
import { json, send, sendBytes } from './raw-http.js';

const h = useHostileService('misc');

describe('query strings', () => {
  it.each([
    `${routes.containers}?engine=${'x'.repeat(10_000)}`,
    `${routes.containers}?engine=%00`,
    `${routes.containers}?engine[]=default&engine[]=other`,
    `${routes.containers}?engine=default&engine=default`,
    `${routes.containers}?__proto__[polluted]=1&constructor[prototype][polluted]=1`,
    `${routes.containers}?all=true&filters=%7B%22label%22%3A%5B%22x%22%5D%7D`,
    `${routes.sessions}?${'a=1&'.repeat(2000)}`,
    `${routes.toolkits}?%zz=%zz`,
    `${routes.health}?;$(id)`,
  ])("GET %s answers without a 5xx, in the contract's shape when refused", async (path) => {
    const a = await h.send({ path });
    expect(a.status, a.text.slice(0, 200)).toBeLessThan(500);
    if (a.status >= 400) expect(a.code, a.text.slice(0, 200)).not.toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('paths and methods', () => {
  it.each([
    ['GET', `/api/sessions/%zz`],
    ['GET', `/api/sessions/${'x'.repeat(10_000)}`],
    ['DELETE', `/api/sessions/${'x'.repeat(200)}`],
    ['DELETE', '/api/sessions/..%2f..%2f'],
    ['GET', '/api/sessions/%00'],
    ['DELETE', routes.sessions],
    ['PUT', routes.sessions],
    ['TRACE', routes.health],
    ['OPTIONS', routes.sessions],
    ['PROPFIND', routes.sessions],
    ['GET', `/${'a/'.repeat(3000)}`],
  ])("%s %s is refused with the contract's error", async (method, path) => {
    const a = await h.send({ method, path });
    expect(a.status, a.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect(a.code, a.text.slice(0, 200)).not.toBeNull();
  });
});

describe('headers and framing', () => {
  it('refuses a 64 KiB header before the app (431 from Node)', async () => {
    const a = await h.send({ path: routes.health, headers: { 'x-junk': 'x'.repeat(64 * 1024) } });
    expect(a.status).toBe(431);
  });

  // with the right Host and the token, so that each is judged on its framing
  const head = (port: number, token: string) => `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: close`;
  it.each([
    ['a header with a NUL byte', (hd: string) => `GET ${routes.health} HTTP/1.1\r\n${hd}\r\nX-A: a\u0000b\r\n\r\n`],
    ['a request line with no version', () => `GET ${routes.health}\r\n\r\n`],
    ['binary garbage', () => '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003\r\n\r\n'],
    [
      'a request smuggled after a short Content-Length',
      (hd: string) =>
        `POST ${routes.sessions} HTTP/1.1\r\n${hd.replace('Connection: close', 'Connection: keep-alive')}\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}GET ${routes.sessions} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    ],
    [
      'Content-Length and chunked at once',
      (hd: string) =>
        `POST ${routes.sessions} HTTP/1.1\r\n${hd}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n`,
    ],
  ])('answers %s with 4xx only, never a 2xx', async (_what, raw) => {
    const answer = await sendBytes(h.port, raw(head(h.port, h.service.token)));
    const statuses = [...answer.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));
    expect(statuses.length, answer.slice(0, 300)).toBeGreaterThan(0);
    for (const status of statuses) expect(status, answer.slice(0, 300)).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status, answer.slice(0, 300)).toBeLessThan(500);
  });
});

describe('numbers', () => {
  it('answers 300 hostile requests at once, each refused, and stays up', async () => {
    const bodies = [
      '{',
      '[]',
      JSON.stringify({ target: '$(id)' }),
      JSON.stringify({ target: h.target.name, cols: 0 }),
      JSON.stringify({ target: h.target.name, image: 'UPPER' }),
    ];
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => send(h.port, { method: 'POST', path: routes.sessions, ...json(null, h.auth()), body: bodies[i % bodies.length] })),
    );
    expect(new Set(answers.map((a) => `${a.status} ${a.code}`))).toEqual(new Set(['400 bad_request', '404 target_not_found', '400 invalid_image']));
  });
});
