// The engine daemon restarts under live sessions. A private dockerd (never the shared one)
// stands in for it: the sessions end with engine_unreachable, GET /api/health reports the
// outage while it lasts, and once the engine is back the service finds it again by itself:
// health is ok, a new session works, and the engine's events reach the service again.
// An engine that hangs (stopped with SIGSTOP) is reported within the health check's deadline.
// With live-restore the engine keeps the target running across its restart; the sessions end
// all the same (their streams are gone) and none of their sidecars may run on without them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Health, routes, type Session } from '../../src/contract/index.js';
import { BUSYBOX, DISTROLESS, poll } from '../helpers/docker.js';
import { sessionFilter, startFixtureTarget } from '../kit/engine.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';
import type { TermClient } from '../server/term-client.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';
import { ended, expectSessionWorks, type Opened, openAtPrompt } from './steps.js';

let engine: PrivateEngine;
let liveEngine: PrivateEngine;
const services: ServiceProcess[] = [];
const clients: TermClient[] = [];

async function startTarget(on: PrivateEngine): Promise<{ id: string; name: string }> {
  const name = `cdebug-fault-engine-${Date.now().toString(36)}`;
  return { id: await startFixtureTarget(on, { name }), name };
}

/** sidecars on a private engine (everything labelled as a session there is this file's) */
async function sidecars(on: PrivateEngine): Promise<string[]> {
  return (await on.docker('ps', '-a', '-q', '--filter', sessionFilter())).split('\n').filter(Boolean);
}

async function serviceOn(on: PrivateEngine): Promise<ServiceProcess> {
  const service = await startServiceProcess({ dockerHost: on.host });
  services.push(service);
  return service;
}

/** the engine stops: every open session ends with engine_unreachable, and health says so */
async function expectOutage(service: ServiceProcess, opened: Opened[], target: string): Promise<void> {
  for (const { session, client } of opened) {
    const error = await client.waitForFrame('error', 30_000);
    expect(error.code).toBe('engine_unreachable');
    expect(await client.closed).toBe(1000);
    const after = await ended(service, session.id, 'the session to end with the engine');
    expect([after.state, after.error?.code]).toEqual(['failed', 'engine_unreachable']);
  }
  const down = await service.api<Health>('GET', routes.health);
  expect([down.status, down.body.ok, down.body.engine, down.body.error?.code]).toEqual([503, false, null, 'engine_unreachable']);
  const refused = await service.api<{ error: { code: string } }>('POST', routes.sessions, { target });
  expect([refused.status, refused.body.error.code]).toEqual([503, 'engine_unreachable']);
}

/** nothing to restart the service with: it finds the engine on its own */
async function expectBack(service: ServiceProcess): Promise<void> {
  const up = await poll(
    () => service.api<Health>('GET', routes.health),
    (h) => h.status === 200,
    'health to report the engine back',
    30_000,
  );
  expect(up.body.ok).toBe(true);
}

beforeAll(async () => {
  [engine, liveEngine] = await Promise.all([
    startPrivateEngine({ images: [DISTROLESS, BUSYBOX] }),
    startPrivateEngine({ images: [DISTROLESS, BUSYBOX], extraArgs: ['--live-restore'] }),
  ]);
}, 180_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services.splice(0)) await s.kill('SIGTERM');
  await Promise.all([engine?.dispose(), liveEngine?.dispose()]);
});

describe('the engine restarts mid-session', () => {
  it('ends the sessions with engine_unreachable, reports the outage, and works again once the engine is back', async () => {
    const service = await serviceOn(engine);
    const target = await startTarget(engine);
    const opened = [await openAtPrompt(service, target.name, clients), await openAtPrompt(service, target.name, clients)];
    expect(await sidecars(engine)).toHaveLength(2);

    await engine.stop();
    await expectOutage(service, opened, target.name);
    await engine.start();
    await expectBack(service);
    // the engine does not restart containers: the sidecars died with it and are removed (at its
    // shutdown, or as it restores its AutoRemove containers)
    await poll(
      () => sidecars(engine),
      (left) => left.length === 0,
      'the sidecars that died with the engine to be removed',
    );

    const again = await startTarget(engine);
    await expectSessionWorks(service, again.name, clients, 'engine-back');

    // the engine's events reach the service again: only they tell a sidecar killed from
    // outside from a command that exited 137
    const { session, client } = await openAtPrompt(service, again.name, clients);
    const [sidecar] = await sidecars(engine);
    await engine.docker('kill', sidecar as string);
    expect((await client.waitForFrame('error', 30_000)).code).toBe('session_ended');
    expect((await ended(service, session.id, 'the session to end')).error?.code).toBe('session_ended');
    await poll(
      () => sidecars(engine),
      (left) => left.length === 0,
      'no sidecar left on the private engine',
    );
  });

  it('with live-restore: the target runs on, the sessions end all the same and leave no sidecar behind', async () => {
    const service = await serviceOn(liveEngine);
    const target = await startTarget(liveEngine);
    const opened = [await openAtPrompt(service, target.name, clients)];
    const [sidecar] = await sidecars(liveEngine);
    expect(sidecar).toBeDefined();

    await liveEngine.stop();
    await expectOutage(service, opened, target.name);
    await liveEngine.start();
    await expectBack(service);
    expect(await liveEngine.docker('inspect', '--format', '{{.State.Running}}', target.id)).toBe('true');
    // the session has ended: its sidecar must not run on without it (if the engine kept it, the
    // service removes it once the engine answers: sessions/leftovers.ts)
    await poll(
      () => sidecars(liveEngine),
      (left) => left.length === 0,
      'no sidecar left after the restart',
      30_000,
    );

    await expectSessionWorks(service, target.name, clients, 'live-restore-back');
    expect((await service.api<Session[]>('GET', routes.sessions)).body.every((s) => s.state === 'exited' || s.state === 'failed')).toBe(true);
  });

  it('hung (SIGSTOP): health reports the outage within its deadline, and recovers when the engine does', async () => {
    const service = await serviceOn(engine);
    await expectBack(service);
    const pid = Number(readFileSync(join(engine.dir, 'pid'), 'utf8').trim());
    process.kill(pid, 'SIGSTOP');
    try {
      // connections are accepted by the kernel and never answered
      const hung = await service.api<Health>('GET', routes.health);
      expect([hung.status, hung.body.ok, hung.body.error?.code]).toEqual([503, false, 'engine_unreachable']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await expectBack(service);
  });
});
