// One service, two real engines (the shared one and a private dockerd): containers of both
// listed side by side, a shell on each at once, each engine's sidecars taken over after a
// restart, an engine named by a Docker context, and one engine stopped while the other keeps
// working.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ContainerSummary, type EngineStatus, routes, type Session } from '../../src/contract/index.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';
import { docker, expectNoSidecars, FIXTURE_IMAGE, poll, sidecarsOf, Targets } from '../server/engine-fixtures.js';
import { testOwner } from '../server/live-service.js';
import { TermClient } from '../server/term-client.js';
import { privateSidecars, startTargetOn } from './fixtures.js';
import { PRIVATE, SHARED, startTwoEngineService, type TwoEngineService } from './two-engine-service.js';

const owner = testOwner('multi-engine');
const restartOwner = testOwner('multi-engine-restart');
const targets = new Targets();
const clients: TermClient[] = [];
const services: TwoEngineService[] = [];
let engine: PrivateEngine;
let service: TwoEngineService;
let onShared: { id: string; name: string };
let onPrivate: { id: string; name: string };

beforeAll(async () => {
  engine = await startPrivateEngine({ images: [FIXTURE_IMAGE, 'busybox:latest'] });
  onShared = await targets.start();
  onPrivate = await startTargetOn(engine, 'private-engine');
  service = await startTwoEngineService(owner, engine.host);
  services.push(service);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services) {
    for (const session of (await s.api<Session[]>('GET', routes.sessions)).body) await s.api('DELETE', routes.session(session.id));
  }
});

afterAll(async () => {
  for (const s of services.splice(0)) await s.close();
  const ids = [...targets.ids];
  targets.removeAll();
  await expectNoSidecars(owner, ids);
  await expectNoSidecars(restartOwner, ids);
  await engine?.dispose();
});

async function shell(on: TwoEngineService, session: Session): Promise<TermClient> {
  const client = await TermClient.open(on.wsUrl(session.id));
  clients.push(client);
  await client.waitFor(/#$/, `the prompt of the session on ${session.engine}`);
  return client;
}

/** the shell's answer names the engine whose container it runs in (the target's environment) */
async function expectWhere(client: TermClient, where: string, marker: string): Promise<void> {
  client.type(`echo ${marker}-$CDEBUG_WHERE\r`);
  await client.waitFor(new RegExp(`^${marker}-${where}$`, 'm'), `${marker} from the ${where} container`);
}

const names = (list: ContainerSummary[], engineName: string) => list.filter((c) => c.engine === engineName).map((c) => c.name);

describe('one service, two engines', () => {
  it('lists both engines as reachable, the first one as the default', async () => {
    const { status, body } = await service.api<EngineStatus[]>('GET', routes.engines);
    expect(status).toBe(200);
    expect(body.map((e) => [e.name, e.default, e.reachable])).toEqual([
      [SHARED, true, true],
      [PRIVATE, false, true],
    ]);
    expect(body[1]?.host).toBe(engine.host);
    expect(body[1]?.engine?.name).toBe('Docker Engine');
  });

  it('lists the containers of both engines side by side, each with its engine, and one engine with ?engine=', async () => {
    const all = (await service.api<ContainerSummary[]>('GET', routes.containers)).body;
    expect(names(all, SHARED)).toContain(onShared.name);
    expect(names(all, PRIVATE)).toEqual([onPrivate.name]);
    expect(names(all, SHARED)).not.toContain(onPrivate.name);
    const only = (await service.api<ContainerSummary[]>('GET', routes.containersOn(PRIVATE))).body;
    expect(only.map((c) => [c.engine, c.name, c.id])).toEqual([[PRIVATE, onPrivate.name, onPrivate.id]]);
  });

  it('opens a shell on each engine at once, each sidecar on its own engine', async () => {
    const [a, b] = await Promise.all([service.createSession({ target: onShared.name }), service.createSession({ target: onPrivate.name, engine: PRIVATE })]);
    expect([a.engine, b.engine]).toEqual([SHARED, PRIVATE]);
    const [sharedShell, privateShell] = await Promise.all([shell(service, a), shell(service, b)]);
    await Promise.all([expectWhere(privateShell, 'private-engine', 'first'), expectWhere(sharedShell, '', 'first')]);
    expect(sidecarsOf(owner, [onShared.id])).toHaveLength(1);
    expect(await privateSidecars(engine, owner)).toHaveLength(1);
    // the private target is unknown to the shared engine, and the other way round
    const wrong = await service.api<{ error: { code: string } }>('POST', routes.sessions, { target: onPrivate.name });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'target_not_found']);
    const listed = (await service.api<Session[]>('GET', routes.sessions)).body;
    expect(listed.map((s) => [s.id, s.engine]).sort()).toEqual(
      [
        [a.id, SHARED],
        [b.id, PRIVATE],
      ].sort(),
    );
  });

  it("takes over each engine's sidecars after a restart, on the engine they run on", async () => {
    const first = await startTwoEngineService(restartOwner, engine.host, { keepSessionsOnClose: true });
    services.push(first);
    const session = await first.createSession({ target: onPrivate.name, engine: PRIVATE });
    await expectWhere(await shell(first, session), 'private-engine', 'before');
    services.splice(services.indexOf(first), 1);
    await first.close();
    expect(await privateSidecars(engine, restartOwner)).toHaveLength(1);

    const second = await startTwoEngineService(restartOwner, engine.host);
    services.push(second);
    const adopted = (await second.api<Session[]>('GET', routes.sessions)).body;
    expect(adopted.map((s) => [s.id, s.engine, s.state, s.target.id])).toEqual([[session.id, PRIVATE, 'running', onPrivate.id]]);
    const again = await TermClient.open(second.wsUrl(session.id));
    clients.push(again);
    await again.waitFor(/^before-private-engine$/m, 'the screen refilled from the private sidecar');
    await expectWhere(again, 'private-engine', 'after');
    services.splice(services.indexOf(second), 1);
    await second.close();
    await poll(
      () => privateSidecars(engine, restartOwner),
      (left) => left.length === 0,
      'the adopted sidecar removed at shutdown',
    );
  });

  it("drives an engine named by a Docker context (--context), under the context's name", async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'cdebug-me-config-'));
    try {
      execFileSync('docker', ['context', 'create', 'edge', '--docker', `host=${engine.host}`], {
        env: { ...process.env, DOCKER_CONFIG: configDir },
        stdio: 'ignore',
      });
      const viaContext = await startTwoEngineService(owner, engine.host, { context: { name: 'edge', configDir } });
      services.push(viaContext);
      const engines = (await viaContext.api<EngineStatus[]>('GET', routes.engines)).body;
      expect(engines.map((e) => [e.name, e.host, e.reachable])).toEqual([
        [SHARED, expect.any(String), true],
        ['edge', engine.host, true],
      ]);
      const listed = (await viaContext.api<ContainerSummary[]>('GET', routes.containersOn('edge'))).body;
      expect(listed.map((c) => c.name)).toEqual([onPrivate.name]);
      const session = await viaContext.createSession({ target: onPrivate.name, engine: 'edge' });
      await expectWhere(await shell(viaContext, session), 'private-engine', 'context');
      services.splice(services.indexOf(viaContext), 1);
      await viaContext.close();
      expect(await privateSidecars(engine, owner)).toEqual([]);
    } finally {
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  // last: the private engine does not come back with its containers
  it('stopping one engine: reported unreachable, its containers gone from the list, the other keeps working', async () => {
    const [a, b] = await Promise.all([service.createSession({ target: onShared.name }), service.createSession({ target: onPrivate.name, engine: PRIVATE })]);
    const [sharedShell] = await Promise.all([shell(service, a), shell(service, b)]);
    await engine.stop();

    const engines = (await service.api<EngineStatus[]>('GET', routes.engines)).body;
    expect(engines.map((e) => [e.name, e.reachable])).toEqual([
      [SHARED, true],
      [PRIVATE, false],
    ]);
    expect(engines[1]).toMatchObject({ engine: null, error: { code: 'engine_unreachable' } });
    expect(engines[1]?.error?.message).toContain(`"${PRIVATE}"`);

    const all = await service.api<ContainerSummary[]>('GET', routes.containers);
    expect(all.status).toBe(200);
    expect(names(all.body, PRIVATE)).toEqual([]);
    expect(names(all.body, SHARED)).toContain(onShared.name);
    const only = await service.api<{ error: { code: string } }>('GET', routes.containersOn(PRIVATE));
    expect([only.status, only.body.error.code]).toEqual([503, 'engine_unreachable']);
    const refused = await service.api<{ error: { code: string } }>('POST', routes.sessions, { target: onPrivate.name, engine: PRIVATE });
    expect([refused.status, refused.body.error.code]).toEqual([503, 'engine_unreachable']);

    // the session on the stopped engine has ended; the other still answers
    const ended = await poll(
      () => service.session(b.id),
      (s) => s.state === 'exited' || s.state === 'failed',
      'the private session to end',
    );
    expect(ended.engine).toBe(PRIVATE);
    expect((await service.session(a.id)).state).toBe('running');
    await expectWhere(sharedShell, '', 'still');
    expect(docker('inspect', '--format', '{{.State.Running}}', onShared.id)).toBe('true');
  });
});
