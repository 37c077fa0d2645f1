// The guard on every route of a real service, found by enumeration (so a route added later is
// covered without being listed here): a foreign Host is refused (DNS rebinding), a missing,
// wrong or other server's token is refused, and nothing beyond the contract reaches the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes as api } from '../../src/contract/index.js';
import { FailureTracker } from '../../src/server/failures.js';
import { testOwner } from '../server/live-service.js';
import { type RawAnswer, send, sendBytes } from './raw-http.js';
import { concrete, type RoutedService, startRouted } from './routed-service.js';

const owner = testOwner('hostile-routes');
let service: RoutedService;
/** another service on this machine, with its own token */
let other: RoutedService;

beforeAll(async () => {
  // no slow-down here (every refusal is counted from 127.0.0.1): security-slowdown.test.ts has it
  const failures = new FailureTracker({ windowMs: 60_000, limit: 1_000_000, stepMs: 0, maxDelayMs: 0 });
  [service, other] = await Promise.all([startRouted(owner, { failures }), startRouted(`${owner}-other`, { failures })]);
});
afterAll(async () => {
  await Promise.all([service?.listening.close(), other?.listening.close()]);
});

const UPGRADE = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };

/** every route as a request: websocket routes as upgrades */
function probes(): Array<{ name: string; method: string; path: string; headers: Record<string, string> }> {
  const seen = new Set<string>();
  return service.routes
    .filter((r) => r.method !== 'HEAD' || !service.routes.some((g) => g.method === 'GET' && g.url === r.url))
    .map((r) => ({ name: `${r.method} ${r.url}`, method: r.method, path: concrete(r.url), headers: r.websocket ? UPGRADE : {} }))
    .filter((p) => !seen.has(p.name) && seen.add(p.name));
}

const verdict = (a: RawAnswer) => ({ status: a.status, code: a.code });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the routes', () => {
  it("are the contract's and no more (a new route must be reviewed in docs/SECURITY.md first)", () => {
    const urls = [...new Set(service.routes.map((r) => r.url))].sort();
    expect(urls).toEqual(
      [
        '/',
        '/api/audit',
        '/api/connection',
        '/api/containers',
        '/api/containers/:id/logs',
        '/api/engines',
        '/api/events',
        '/api/images',
        '/api/containers/:id/ports',
        '/api/forwards',
        '/api/forwards/:id',
        '/api/health',
        '/api/sessions',
        '/api/sessions/:id',
        '/api/sessions/:id/attach',
        '/api/sessions/:id/files',
        '/api/sessions/:id/files/link',
        '/downloads/:ticket',
        '/api/sessions/:id/recording',
        '/api/toolkits',
      ].sort(),
    );
    const writes = service.routes
      .filter((r) => !['GET', 'HEAD'].includes(r.method))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(writes).toEqual(
      ['DELETE /api/forwards/:id', 'DELETE /api/sessions/:id', 'POST /api/forwards', 'POST /api/sessions', 'POST /api/sessions/:id/files/link'].sort(),
    );
  });
});

describe('DNS rebinding: a foreign Host is refused on every route, with the token', () => {
  const foreignHosts = (port: number) => [
    `evil.example:${port}`,
    'evil.example',
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `127.0.0.1:${port + 1}`,
    `localhost:${port === 65535 ? 1 : port + 1}`,
    `0.0.0.0:${port}`,
    `2130706433:${port}`,
    `127.0.0.1:${port}@evil.example`,
    `evil.example:${port}, 127.0.0.1:${port}`,
    `xn--80ak6aa92e.com:${port}`,
    '',
  ];

  it('answers 403 forbidden for each foreign Host on each route', async () => {
    const refused: string[] = [];
    // HEAD and GET of the page, the API's GETs, POST, DELETE, the upgrade: every route
    expect(probes().length).toBeGreaterThanOrEqual(10);
    for (const probe of probes()) {
      for (const host of foreignHosts(service.port)) {
        const a = await send(service.port, { method: probe.method, path: probe.path, headers: { ...probe.headers, ...bearer(service.token), host } });
        if (a.status !== 403 || a.code !== 'forbidden') refused.push(`${probe.name} Host ${JSON.stringify(host)}: ${a.status} ${a.code}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('answers 403 to an HTTP/1.0 request without any Host', async () => {
    const answer = await sendBytes(service.port, `GET ${api.health} HTTP/1.0\r\nAuthorization: Bearer ${service.token}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.[01] 403 /);
    expect(answer).toContain('"forbidden"');
  });

  it('refuses an HTTP/1.1 request without Host before it reaches the app (400 from Node)', async () => {
    const answer = await sendBytes(service.port, `GET ${api.health} HTTP/1.1\r\nAuthorization: Bearer ${service.token}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('lets loopback names with the right port through on the same routes', async () => {
    for (const host of [`127.0.0.1:${service.port}`, `localhost:${service.port}`, `LocalHost:${service.port}`]) {
      const a = await send(service.port, { path: api.health, headers: { ...bearer(service.token), host } });
      expect(verdict(a), host).toEqual({ status: 200, code: null });
    }
  });
});

describe('tokens', () => {
  const wrong = () =>
    [
      ['no token', {}],
      ['an empty Bearer', { authorization: 'Bearer ' }],
      ['a wrong token', bearer('x'.repeat(22))],
      ['the token of another server', bearer(other.token)],
      ['the token cut short', bearer(service.token.slice(0, -1))],
      ['the token with a byte more', bearer(`${service.token}x`)],
      ['the token in upper case', bearer(service.token.toUpperCase() === service.token ? `${service.token}A` : service.token.toUpperCase())],
      ['the token as Basic auth', { authorization: `Basic ${Buffer.from(`x:${service.token}`).toString('base64')}` }],
      ['the token as a cookie', { cookie: `token=${service.token}` }],
      ['the token in another header', { 'x-token': service.token }],
      ['two Bearer tokens', { authorization: `Bearer ${other.token} ${service.token}` }],
    ] as Array<[string, Record<string, string>]>;

  it('refuses each missing or wrong token with 401 unauthorized on every /api route, upgrades included', async () => {
    const accepted: string[] = [];
    for (const probe of probes().filter((p) => p.path.startsWith('/api/'))) {
      for (const [what, headers] of wrong()) {
        const a = await send(service.port, { method: probe.method, path: probe.path, headers: { ...probe.headers, ...headers } });
        if (a.status !== 401 || a.code !== 'unauthorized') accepted.push(`${probe.name} with ${what}: ${a.status} ${a.code}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('takes ?token= on WebSocket upgrades only, and only the right one', async () => {
    const plain = await send(service.port, { path: `${api.sessions}?token=${service.token}` });
    expect(verdict(plain)).toEqual({ status: 401, code: 'unauthorized' });
    const otherToken = await send(service.port, { path: `${api.attach('nope')}?token=${other.token}`, headers: UPGRADE });
    expect(verdict(otherToken)).toEqual({ status: 401, code: 'unauthorized' });
    const twice = await send(service.port, { path: `${api.attach('nope')}?token=${other.token}&token=${service.token}`, headers: UPGRADE });
    expect(verdict(twice)).toEqual({ status: 401, code: 'unauthorized' });
    const right = await send(service.port, { path: `${api.attach('nope')}?token=${service.token}`, headers: UPGRADE });
    expect(verdict(right)).toEqual({ status: 404, code: 'session_not_found' });
  });

  it('answers a download link without a token, but only for a ticket it issued (once, for a minute)', async () => {
    const made = await send(service.port, { path: api.download('0'.repeat(32)) });
    expect(verdict(made)).toEqual({ status: 404, code: 'download_not_found' });
    const malformed = await send(service.port, { path: '/downloads/..%2fapi%2fsessions' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/"id"|"token"/);
    // a ticket is only issued with the token
    const issue = await send(service.port, {
      method: 'POST',
      path: api.fileLink('nope'),
      headers: { 'content-type': 'application/json' },
      body: '{"path":"/etc/hosts"}',
    });
    expect(verdict(issue)).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('serves the static page without a token, but nothing under /api', async () => {
    expect((await send(service.port, { path: '/' })).status).toBe(200);
    for (const path of ['/api', '/api/', '/API/sessions', '/%61pi/sessions', '//api/sessions', '/api//sessions', '/./api/sessions']) {
      const a = await send(service.port, { path });
      expect(a.text, path).not.toMatch(/"id"|"token"|"port"/);
      expect([401, 404], path).toContain(a.status);
    }
  });
});

describe('no way to the engine beyond the contract', () => {
  it.each([
    ['GET', '/_ping'],
    ['GET', '/version'],
    ['GET', '/containers/json'],
    ['GET', '/v1.44/containers/json'],
    ['POST', '/containers/create'],
    ['POST', '/v1.44/containers/create'],
    ['GET', '/images/json'],
    ['POST', '/images/create?fromImage=busybox'],
    ['GET', '/api/_ping'],
    ['GET', '/api/v1.44/containers/json'],
    ['GET', '/api/containers/json'],
    ['POST', '/api/containers'],
    ['POST', '/api/containers/create'],
    ['GET', '/api/containers/x/json'],
    ['POST', '/api/containers/x/exec'],
    ['POST', '/api/sessions/x/exec'],
    ['POST', '/api/sessions/x/attach'],
    ['PUT', '/api/sessions/x'],
    ['PATCH', '/api/sessions/x'],
    ['POST', '/api/images/create'],
    ['GET', '/api/engines/default/containers/json'],
    ['GET', '/var/run/docker.sock'],
    ['GET', '/api/../containers/json'],
    ['GET', '/api/%2e%2e/containers/json'],
    ['GET', '/api/sessions/..%2f..%2fcontainers%2fjson'],
  ])('%s %s answers 404 with the token', async (method, path) => {
    const a = await send(service.port, {
      method,
      path,
      headers: { ...bearer(service.token), 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    expect(a.status, a.text.slice(0, 200)).toBe(404);
    expect(['not_found', 'session_not_found']).toContain(a.code);
  });

  it('does not proxy CONNECT or a tcp upgrade', async () => {
    const connect = await sendBytes(service.port, `CONNECT /var/run/docker.sock HTTP/1.1\r\nHost: 127.0.0.1:${service.port}\r\n\r\n`, 10_000).catch(
      (e: Error) => e.message,
    );
    expect(connect).not.toMatch(/^HTTP\/1\.1 2\d\d/);
    const tcp = await send(service.port, {
      method: 'POST',
      path: api.attach('nope'),
      headers: { ...bearer(service.token), connection: 'Upgrade', upgrade: 'tcp' },
    });
    expect(tcp.status).toBe(404);
  });
});
