// The catalog routes on a real engine (Docker, and Podman through its Docker API): every
// container in any state with ?all=1, local images, and a container's last log lines. cdebug's
// own containers and images (sidecars, copies, a copy's commit) are never listed.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContainerLogs, type ContainerSummary, type ImageSummary, routes } from '../../src/contract/index.js';
import { BUSYBOX_IMAGE, FIXTURE_LABEL, LABELS, poll } from '../kit/engine.js';
import { COPY_LABELS } from '../../src/sidecar/spec.js';
import { docker } from './engine-fixtures.js';
import { useLiveService } from './live-suite.js';

const live = useLiveService('catalog');
const unique = `${process.pid}-${Date.now().toString(36)}`;
const name = (what: string) => `images-it-${what}-${unique}`;
const made: { containers: string[]; images: string[] } = { containers: [], images: [] };

/** a busybox container that ran `script` and exited; its id */
function exited(what: string, script: string, extra: string[] = []): string {
  const id = docker('run', '-d', '--network', 'none', '--label', FIXTURE_LABEL, '--name', name(what), ...extra, BUSYBOX_IMAGE, 'sh', '-c', script);
  made.containers.push(id);
  docker('wait', id);
  return id;
}

function created(what: string, extra: string[] = []): string {
  const id = docker('create', '--network', 'none', '--label', FIXTURE_LABEL, '--name', name(what), ...extra, BUSYBOX_IMAGE, 'true');
  made.containers.push(id);
  return id;
}

/** an image of busybox plus one Dockerfile line, tagged `tag`; its id */
function build(tag: string, line: string): string {
  execFileSync('docker', ['build', '-q', '-t', tag, '-'], { input: `FROM ${BUSYBOX_IMAGE}\n${line}\n`, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}

let exitedId = '';
let createdId = '';
let danglingId = '';

beforeAll(() => {
  exitedId = exited('crashed', 'echo starting; echo "fatal: no config" >&2; exit 3');
  createdId = created('never-ran');
  // cdebug's own: a copy of a stopped container and a sidecar that never started
  created('copy', ['--label', `${COPY_LABELS.of}=${exitedId}`, '--label', `${COPY_LABELS.owner}=images-it-owner`]);
  created('sidecar', ['--label', `${LABELS.session}=images-it-session`]);
  // a dangling image (its tag taken by a newer build) and a temporary image of a session:
  // neither is listed. Built, not committed: Podman's Docker API refuses the docker CLI's commit.
  const dangling = `images-it-dangling:${unique}`;
  danglingId = build(dangling, 'LABEL images-it=older');
  made.images.push(danglingId);
  build(dangling, 'LABEL images-it=newer');
  made.images.push(dangling);
  const temporary = `images-it-temporary:${unique}`;
  build(temporary, `LABEL ${COPY_LABELS.owner}=images-it-owner`);
  made.images.push(temporary);
});

function removeQuietly(...args: string[]): void {
  try {
    docker(...args);
  } catch {
    // gone already
  }
}

afterAll(() => {
  for (const id of made.containers) removeQuietly('rm', '-f', id);
  for (const image of made.images.reverse()) removeQuietly('rmi', '-f', image);
});

const ours = (list: ContainerSummary[]) => list.filter((c) => c.name.startsWith('images-it-') && c.name.endsWith(unique));

describe('GET /api/containers?all=1 on a real engine', () => {
  it('lists exited and created containers with state, exit code and finish time; without all, neither', async () => {
    // the lists come from the live catalog, which the engine's events keep current: a container
    // made a moment ago shows within the event's round trip (issue 16), so wait for it
    const all = await poll(
      () => live.service.api<ContainerSummary[]>('GET', routes.allContainers),
      (answer) => answer.status !== 200 || ours(answer.body).length >= 2,
      'both of our stopped containers in ?all=1',
    );
    expect(all.status).toBe(200);
    const listed = ours(all.body);
    expect(listed.map((c) => c.name).sort()).toEqual([name('crashed'), name('never-ran')].sort());
    const crashed = listed.find((c) => c.id === exitedId);
    expect(crashed).toMatchObject({ state: 'exited', exitCode: 3, engine: 'default' });
    expect(Number.isNaN(Date.parse(crashed?.finishedAt ?? ''))).toBe(false);
    expect(listed.find((c) => c.id === createdId)).toMatchObject({ state: 'created', exitCode: null, finishedAt: '' });

    const running = await live.service.api<ContainerSummary[]>('GET', routes.containers);
    expect(ours(running.body)).toEqual([]);
  });

  it('lists a running container in both answers, with no exit code', async () => {
    const target = await live.targets.start();
    for (const url of [routes.containers, routes.allContainers]) {
      const answer = await poll(
        () => live.service.api<ContainerSummary[]>('GET', url),
        (a) => a.status !== 200 || a.body.some((c) => c.id === target.id && c.state === 'running'),
        `the running target in ${url}`,
      );
      expect(
        answer.body.find((c) => c.id === target.id),
        url,
      ).toMatchObject({ state: 'running', exitCode: null, finishedAt: '' });
    }
  });
});

describe('a crash-looping container on a real engine', () => {
  it('is listed with ?all=1 while it restarts, and its log says why it dies', async () => {
    const id = docker(
      'run',
      '-d',
      '--network',
      'none',
      '--label',
      FIXTURE_LABEL,
      '--name',
      name('looping'),
      '--restart',
      'always',
      BUSYBOX_IMAGE,
      'sh',
      '-c',
      'echo "crash: exit 1"; exit 1',
    );
    made.containers.push(id);
    const listed = await poll(
      async () => (await live.service.api<ContainerSummary[]>('GET', routes.allContainers)).body.find((c) => c.id === id),
      (c) => c !== undefined && c.state !== 'running',
      'the looping container listed between two runs',
    );
    // Podman calls a container between two runs "stopped"
    expect(['restarting', 'exited', 'stopped']).toContain(listed?.state);
    const logs = await poll(
      () => live.service.api<ContainerLogs>('GET', routes.containerLogs(id)),
      (r) => r.body.lines.length >= 2,
      'two runs in the log',
    );
    expect(new Set(logs.body.lines)).toEqual(new Set(['crash: exit 1']));
  });
});

describe('GET /api/images on a real engine', () => {
  it('lists tagged local images with size and creation time, leaving out dangling and temporary ones', async () => {
    const res = await live.service.api<ImageSummary[]>('GET', routes.images);
    expect(res.status).toBe(200);
    const busybox = res.body.find((i) => i.tags.some((t) => t.endsWith(BUSYBOX_IMAGE)));
    expect(busybox?.size).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(busybox?.createdAt ?? ''))).toBe(false);
    expect(res.body.every((i) => i.tags.length > 0)).toBe(true);
    const ids = res.body.map((i) => i.id);
    expect(ids).not.toContain(danglingId);
    expect(res.body.flatMap((i) => i.tags).some((t) => t.includes('images-it-temporary'))).toBe(false);
    const created = res.body.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });
});

describe('GET /api/containers/{id}/logs on a real engine', () => {
  it("answers an exited container's stdout and stderr as lines", async () => {
    const res = await live.service.api<ContainerLogs>('GET', routes.containerLogs(exitedId));
    expect(res.status).toBe(200);
    expect([...res.body.lines].sort()).toEqual(['fatal: no config', 'starting']);
  });

  it('answers the last 50 lines by default, the tail asked for, by name too', async () => {
    exited('chatty', 'for i in $(seq 1 80); do echo "line $i"; done');
    const byDefault = await live.service.api<ContainerLogs>('GET', routes.containerLogs(name('chatty')));
    expect(byDefault.body.lines).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i + 31}`));
    const three = await live.service.api<ContainerLogs>('GET', routes.containerLogs(name('chatty'), { tail: 3, engine: 'default' }));
    expect(three.body.lines).toEqual(['line 78', 'line 79', 'line 80']);
  });

  it("reads a tty container's log as text", async () => {
    const id = exited('tty', 'echo "on a tty"', ['-t']);
    const res = await poll(
      () => live.service.api<ContainerLogs>('GET', routes.containerLogs(id)),
      (r) => r.body.lines.length > 0,
      'the tty log',
    );
    expect(res.body.lines).toEqual(['on a tty']);
  });

  it('answers 404 target_not_found for a container that does not exist, and 400 for a tail over 500', async () => {
    const missing = await live.service.api<{ error: { code: string } }>('GET', routes.containerLogs('images-it-no-such-container'));
    expect([missing.status, missing.body.error.code]).toEqual([404, 'target_not_found']);
    const tooMany = await live.service.api<{ error: { code: string } }>('GET', routes.containerLogs(exitedId, { tail: 501 }));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'bad_request']);
  });
});
