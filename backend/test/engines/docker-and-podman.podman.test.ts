// One `cdebug serve` over Docker and Podman at once (project integration-podman, where
// DOCKER_HOST is Podman's socket): the containers of both listed side by side, each named by its
// engine, and a shell opened in a container of each at the same time. The service's first engine
// is the environment's (Podman here), the second the shared Docker engine by its URL.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContainerSummary, type EngineStatus, routes, type Session } from '../../src/contract/index.js';
import { type DockerCli, privateSidecars, startTargetOn } from '../multi-engine/fixtures.js';
import { PRIVATE as DOCKER, SHARED as PODMAN, startTwoEngineService, type TwoEngineService } from '../multi-engine/two-engine-service.js';
import { testOwner } from '../server/live-service.js';
import { TermClient } from '../server/term-client.js';

const run = promisify(execFile);
const DOCKER_HOST = process.env.CDEBUG_DOCKER_HOST ?? 'unix:///var/run/docker.sock';
const owner = testOwner('docker-and-podman');

/** the docker CLI against one engine, whatever DOCKER_HOST says */
const cliFor = (host: string): DockerCli => ({
  async docker(...args: string[]) {
    const { stdout } = await run('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: '' }, timeout: 60_000 });
    return stdout.trim();
  },
});
const onDocker = cliFor(DOCKER_HOST);
const onPodman = cliFor(process.env.DOCKER_HOST ?? '');

let service: TwoEngineService;
const targets: Array<{ cli: DockerCli; id: string; name: string }> = [];
const clients: TermClient[] = [];

beforeAll(async () => {
  expect(process.env.DOCKER_HOST, 'run this file with --project integration-podman').toMatch(/podman/);
  for (const [cli, where] of [
    [onDocker, 'docker'],
    [onPodman, 'podman'],
  ] as const)
    targets.push({ cli, ...(await startTargetOn(cli, where)) });
  service = await startTwoEngineService(owner, DOCKER_HOST);
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await service?.close();
  for (const t of targets) await t.cli.docker('rm', '-f', t.id).catch(() => undefined);
  expect(await privateSidecars(onDocker, owner)).toEqual([]);
  expect(await privateSidecars(onPodman, owner)).toEqual([]);
});

describe('one service, Docker and Podman side by side', () => {
  it('lists both engines, each saying what it is', async () => {
    const engines = (await service.api<EngineStatus[]>('GET', routes.engines)).body;
    expect(engines.map((e) => [e.name, e.reachable, e.engine?.name])).toEqual([
      [PODMAN, true, 'Podman'],
      [DOCKER, true, 'Docker Engine'],
    ]);
  });

  it('lists the containers of both, each with its engine', async () => {
    const all = (await service.api<ContainerSummary[]>('GET', routes.containers)).body;
    const [dockerTarget, podmanTarget] = targets;
    expect(all.filter((c) => c.engine === DOCKER).map((c) => c.name)).toContain(dockerTarget?.name);
    expect(all.filter((c) => c.engine === PODMAN).map((c) => c.name)).toContain(podmanTarget?.name);
    expect(all.filter((c) => c.engine === DOCKER).map((c) => c.name)).not.toContain(podmanTarget?.name);
  });

  it('opens a shell in a container of each at once, each in its own container', async () => {
    const [dockerTarget, podmanTarget] = targets;
    const [a, b] = await Promise.all([
      service.createSession({ target: dockerTarget?.name, engine: DOCKER }),
      service.createSession({ target: podmanTarget?.name, engine: PODMAN }),
    ]);
    expect([a.engine, b.engine]).toEqual([DOCKER, PODMAN]);
    const shells = await Promise.all(
      [a, b].map(async (session: Session) => {
        const client = await TermClient.open(service.wsUrl(session.id));
        clients.push(client);
        await client.waitFor(/#\s*$/, `the prompt of the session on ${session.engine}`);
        return client;
      }),
    );
    for (const [client, where] of [
      [shells[0], 'docker'],
      [shells[1], 'podman'],
    ] as const) {
      client?.type('echo "in-$CDEBUG_WHERE"\r');
      await client?.waitFor(new RegExp(`^in-${where}$`, 'm'), `the ${where} container to answer`);
    }
    expect(await privateSidecars(onDocker, owner)).toHaveLength(1);
    expect(await privateSidecars(onPodman, owner)).toHaveLength(1);
    for (const s of [a, b]) expect((await service.api('DELETE', routes.session(s.id))).status).toBeLessThan(300);
  });
});
