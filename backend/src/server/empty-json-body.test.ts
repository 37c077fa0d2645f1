// An empty body under `Content-Type: application/json` is no body; malformed or poisoned JSON is
// still refused, and a route that needs a body still says so.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, unitApp } from '../../test/server/unit-app.js';
import { forwardRoutes, routes } from '../contract/index.js';

const apps: FastifyInstance[] = [];
function make(): FastifyInstance {
  const { app } = unitApp();
  apps.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('a JSON content type with an empty body', () => {
  it('reaches a DELETE route as no body (a client that sets the header on every call)', async () => {
    const app = make();
    const session = await app.inject({ method: 'DELETE', url: routes.session('nosuchsession'), headers: JSON_HEADERS, payload: '' });
    expect(session.statusCode).toBe(404);
    expect(codeOf(session.body)).toBe('session_not_found');
    const forward = await app.inject({ method: 'DELETE', url: forwardRoutes.forward('0000000000000000'), headers: JSON_HEADERS, payload: '' });
    expect(forward.statusCode).toBe(404);
    expect(codeOf(forward.body)).toBe('forward_not_found');
  });

  it('is still refused by a route that needs a body, with its own message', async () => {
    const res = await make().inject({ method: 'POST', url: routes.sessions, headers: JSON_HEADERS, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(codeOf(res.body)).toBe('bad_request');
  });

  it('leaves malformed and prototype-poisoning JSON refused', async () => {
    const app = make();
    for (const payload of ['{"target":', '{"__proto__":{"polluted":true},"target":"x"}']) {
      const res = await app.inject({ method: 'POST', url: routes.sessions, headers: JSON_HEADERS, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(codeOf(res.body), payload).toBe('bad_request');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
