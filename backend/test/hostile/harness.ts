// One real service (real engine, a free loopback port) and one running distroless target per
// hostile test file. After every test the service must still answer /api/health and, unless a
// test started a session on purpose, nothing may have reached the engine: no sidecar of ours.

import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { expectNoSidecars, sidecarsOf, Targets } from '../server/engine-fixtures.js';
import { type LiveService, startService, testOwner } from '../server/live-service.js';
import { type RawAnswer, type RawRequest, send } from './raw-http.js';

export interface Hostile {
  readonly service: LiveService;
  readonly port: number;
  readonly target: { id: string; name: string };
  readonly targets: Targets;
  readonly owner: string;
  auth: () => Record<string, string>;
  /** a raw request with the token (unless headers override it) */
  send(req: RawRequest): Promise<RawAnswer>;
  /** sessions that a test created on purpose; ended after it */
  sessionsStarted: boolean;
}

export function useHostileService(name: string): Hostile {
  const owner = testOwner(`hostile-${name}`);
  const targets = new Targets();
  let service: LiveService | null = null;
  let target: { id: string; name: string } | null = null;

  const h: Hostile = {
    get service() {
      if (!service) throw new Error('the service did not start (beforeAll failed?)');
      return service;
    },
    get port() {
      return h.service.port;
    },
    get target() {
      if (!target) throw new Error('the target did not start (beforeAll failed?)');
      return target;
    },
    targets,
    owner,
    auth: () => ({ authorization: `Bearer ${h.service.token}` }),
    send: (req) => send(h.port, { ...req, headers: { ...h.auth(), ...req.headers } }),
    sessionsStarted: false,
  };

  beforeAll(async () => {
    service = await startService(owner);
    target = await targets.start();
  });

  afterEach(async () => {
    if (!service) return;
    // the service stays up: it still answers, with the engine behind it
    const health = await h.send({ path: routes.health });
    expect(health.status, `GET /api/health after the test: ${health.text}`).toBe(200);
    const left = (await service.api<Session[]>('GET', routes.sessions)).body;
    const sidecars = sidecarsOf(owner);
    // ended either way, so that one failure does not cascade into the next tests
    for (const s of left) await service.api('DELETE', routes.session(s.id));
    await expectNoSidecars(owner);
    if (!h.sessionsStarted) {
      // a refused request starts nothing
      expect(sidecars, 'sidecars started by a request that should have been refused').toEqual([]);
      expect(
        left.map((s) => s.id),
        'sessions created by a request that should have been refused',
      ).toEqual([]);
    }
    h.sessionsStarted = false;
  });

  afterAll(async () => {
    await service?.close();
    const ids = [...targets.ids];
    targets.removeAll();
    await expectNoSidecars(owner, ids);
  });

  return h;
}
