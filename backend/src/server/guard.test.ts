// Auth, Host and Origin checks through inject()/injectWS(): no port, no Docker.
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, TOKEN, unitApp } from '../../test/server/unit-app.js';
import type { FastifyInstance } from 'fastify';

const apps: FastifyInstance[] = [];
function make(...args: Parameters<typeof unitApp>) {
  const made = unitApp(...args);
  apps.push(made.app);
  return made;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('token on TCP', () => {
  it('refuses /api without the token (401) and accepts the Bearer token', async () => {
    const { app } = make();
    const none = await app.inject({ url: '/api/health' });
    expect(none.statusCode).toBe(401);
    expect(codeOf(none.body)).toBe('unauthorized');
    const wrong = await app.inject({ url: '/api/health', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({ url: '/api/health', headers: AUTH });
    expect(right.statusCode).toBe(200);
  });

  it('does not take ?token= on plain requests', async () => {
    const { app } = make();
    const res = await app.inject({ url: `/api/health?token=${TOKEN}` });
    expect(res.statusCode).toBe(401);
  });

  it('answers 429 after repeated failures, but still lets the right token through', async () => {
    const { app } = make();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ url: '/api/sessions', headers: { authorization: `Bearer guess${i}` } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const res = await app.inject({ url: '/api/sessions', headers: AUTH });
    expect(res.statusCode).toBe(200);
  });

  it('says when to come back: Retry-After on a 429, none on a 401', async () => {
    const { app } = make();
    const first = await app.inject({ url: '/api/health', headers: { authorization: 'Bearer guess' } });
    expect(first.headers['retry-after']).toBeUndefined();
    for (let i = 0; i < 3; i++) await app.inject({ url: '/api/health', headers: { authorization: 'Bearer guess' } });
    const limited = await app.inject({ url: '/api/health', headers: { authorization: 'Bearer guess' } });
    expect(limited.statusCode).toBe(429);
    expect(codeOf(limited.body)).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('checks Host and token on paths Fastify refuses before routing (bad %-escape, over-long id)', async () => {
    const { app } = make();
    for (const url of ['/api/sessions/%zz', `/api/sessions/${'x'.repeat(5000)}`, `/api/sessions/${'x'.repeat(5000)}/attach`]) {
      const foreign = await app.inject({ url, headers: { ...AUTH, host: 'evil.example:80' } });
      expect([foreign.statusCode, codeOf(foreign.body)], url.slice(0, 40)).toEqual([403, 'forbidden']);
      const anonymous = await app.inject({ url });
      expect([anonymous.statusCode, codeOf(anonymous.body)], url.slice(0, 40)).toEqual([401, 'unauthorized']);
      const right = await app.inject({ url, headers: AUTH });
      expect([right.statusCode, codeOf(right.body)], url.slice(0, 40)).toEqual([400, 'bad_request']);
      expect(right.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the static page without a token', async () => {
    const { app } = make();
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('API is up');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('needs the token for encoded /api paths too', async () => {
    const { app } = make();
    const res = await app.inject({ url: '/%61pi/sessions' });
    expect([401, 404]).toContain(res.statusCode);
    expect(res.body).not.toContain('"id"');
  });
});

describe('Host on TCP (DNS rebinding)', () => {
  it.each(['localhost:80', '127.0.0.1:80', '[::1]:80', '127.1.2.3:80', 'LOCALHOST:80'])('accepts %s', async (host) => {
    const { app } = make();
    const res = await app.inject({ url: '/api/health', headers: { ...AUTH, host } });
    expect(res.statusCode).toBe(200);
  });

  it.each(['evil.example:80', 'localhost:8080', '127.0.0.1.nip.io:80', 'localhost.evil.example:80', 'a b'])(
    'refuses %j with 403, even with the token',
    async (host) => {
      const { app } = make();
      const res = await app.inject({ url: '/api/health', headers: { ...AUTH, host } });
      expect(res.statusCode).toBe(403);
      expect(codeOf(res.body)).toBe('forbidden');
    },
  );

  it('refuses a rebinding Host for static files too', async () => {
    const { app } = make();
    const res = await app.inject({ url: '/', headers: { host: 'evil.example:80' } });
    expect(res.statusCode).toBe(403);
  });

  it('checks the port of the listener the request came in on', async () => {
    const { app } = make({ injectedAs: { kind: 'tcp', host: '127.0.0.1', port: 7681, remote: false } });
    expect((await app.inject({ url: '/api/health', headers: { ...AUTH, host: '127.0.0.1:7681' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/health', headers: { ...AUTH, host: '127.0.0.1:80' } })).statusCode).toBe(403);
  });

  it("answers 421 to a forward's name that reached the service's own routes (a reused connection); 403 where forwards are not offered by name", async () => {
    const host = 'f-0123456789abcdef.localhost:55001';
    const extension = make({ injectedAs: { kind: 'tcp', host: '0.0.0.0', port: 7681, remote: false, published: 55001, forwardsByHost: true } });
    for (const url of ['/api/health', '/']) {
      const res = await extension.app.inject({ url, headers: { ...AUTH, host } });
      expect(res.statusCode, url).toBe(421);
      expect(codeOf(res.body)).toBe('misdirected_request');
    }
    const standalone = make({ injectedAs: { kind: 'tcp', host: '127.0.0.1', port: 55001, remote: false } });
    expect((await standalone.app.inject({ url: '/api/health', headers: { ...AUTH, host } })).statusCode).toBe(403);
  });
});

describe('the unix socket', () => {
  it('needs no token and no loopback Host', async () => {
    const { app } = make({ injectedAs: { kind: 'unix', path: '/run/x.sock' } });
    const res = await app.inject({ url: '/api/health', headers: { host: 'whatever' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('WebSocket upgrades', () => {
  async function session(app: FastifyInstance): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: AUTH, payload: { target: 'app' } });
    expect(res.statusCode).toBe(201);
    return (JSON.parse(res.body) as { id: string }).id;
  }

  it('takes the token from ?token=', async () => {
    const { app } = make();
    await app.ready();
    const id = await session(app);
    const ws = await app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80' } });
    ws.terminate();
  });

  it('refuses an upgrade without the token with 401', async () => {
    const { app } = make();
    await app.ready();
    const id = await session(app);
    await expect(app.injectWS(`/api/sessions/${id}/attach`, { headers: { host: 'localhost:80' } })).rejects.toThrow(/401/);
    await expect(app.injectWS(`/api/sessions/${id}/attach?token=wrong`, { headers: { host: 'localhost:80' } })).rejects.toThrow(/401/);
  });

  it('refuses a foreign Origin with 403 before the upgrade, even with the token', async () => {
    const { app } = make();
    await app.ready();
    const id = await session(app);
    await expect(
      app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80', origin: 'http://evil.example' } }),
    ).rejects.toThrow(/403/);
    await expect(app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80', origin: 'null' } })).rejects.toThrow(/403/);
  });

  it('accepts the served origin and configured extra origins', async () => {
    const { app } = make({ allowedOrigins: ['docker-desktop://dashboard'] });
    await app.ready();
    const id = await session(app);
    for (const origin of ['http://localhost', 'http://127.0.0.1:80', 'docker-desktop://dashboard']) {
      const ws = await app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80', origin } });
      ws.terminate();
    }
  });

  it('refuses a rebinding Host on the upgrade', async () => {
    const { app } = make();
    await app.ready();
    const id = await session(app);
    await expect(app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'evil.example:80' } })).rejects.toThrow(/403/);
  });

  describe("origin policy 'token-only' (the Docker Desktop extension)", () => {
    const desktopLike = ['file://', 'null', 'docker-desktop://dashboard', 'http://evil.example'];

    it.each(desktopLike)('accepts an upgrade from Origin %j with the token', async (origin) => {
      const { app } = make({ originPolicy: 'token-only' });
      await app.ready();
      const id = await session(app);
      const ws = await app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80', origin } });
      ws.terminate();
    });

    it.each(desktopLike)('refuses an upgrade from Origin %j with a wrong or no token (401)', async (origin) => {
      const { app } = make({ originPolicy: 'token-only' });
      await app.ready();
      const id = await session(app);
      await expect(app.injectWS(`/api/sessions/${id}/attach?token=wrong`, { headers: { host: 'localhost:80', origin } })).rejects.toThrow(/401/);
      await expect(app.injectWS(`/api/sessions/${id}/attach`, { headers: { host: 'localhost:80', origin } })).rejects.toThrow(/401/);
    });

    it('still refuses a rebinding Host with the token and any Origin (403)', async () => {
      const { app } = make({ originPolicy: 'token-only' });
      await app.ready();
      const id = await session(app);
      for (const host of ['evil.example:80', 'localhost:8080']) {
        await expect(app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host, origin: 'file://' } })).rejects.toThrow(/403/);
      }
    });

    it('asks a foreign page for the token on an upgrade outside /api too', async () => {
      const { app } = make({ originPolicy: 'token-only' });
      const res = await app.inject({ url: '/', headers: { host: 'localhost:80', origin: 'file://', upgrade: 'websocket', connection: 'Upgrade' } });
      expect([res.statusCode, codeOf(res.body)]).toEqual([401, 'unauthorized']);
      // the same page without upgrading is a plain static file
      expect((await app.inject({ url: '/', headers: { origin: 'file://' } })).statusCode).toBe(200);
    });

    it("leaves the standalone default strict: 'same-origin' refuses the same Origins even with the token (403)", async () => {
      const { app } = make({ originPolicy: 'same-origin' });
      await app.ready();
      const id = await session(app);
      for (const origin of desktopLike) {
        await expect(app.injectWS(`/api/sessions/${id}/attach?token=${TOKEN}`, { headers: { host: 'localhost:80', origin } })).rejects.toThrow(/403/);
      }
    });

    it('refuses an unknown policy when the app is made', () => {
      expect(() => unitApp({ originPolicy: '*' as unknown as 'token-only' })).toThrow(/origin policy/);
    });
  });
});
