import { describe, expect, it } from 'vitest';
import { CdebugError, type ContainerDetails, type EngineInfo } from '../contract/index.js';
import type { CatalogEngine, ContainerScope, ImageDetails, LocalImage, SessionEngine } from '../runtimes/port.js';
import { EnginePool } from '../runtimes/pool.js';
import { containerLogs, engineStatuses, listContainers, listImages, toolkitsOn } from './engine-reads.js';
import { containing } from '../../test/helpers/matchers.js';
import { runningContainer } from '../../test/kit/containers.js';

type Mode = 'up' | 'down' | 'hung';

class Catalog implements CatalogEngine {
  mode: Mode = 'up';
  stopped: ContainerDetails[] = [];
  debuggable: ImageDetails[] = [];
  logLines = new Map<string, string[]>();
  constructor(
    private readonly running: ContainerDetails[],
    private readonly images_: LocalImage[] = [],
  ) {}

  private answer<T>(value: T): Promise<T> {
    if (this.mode === 'down') return Promise.reject(new CdebugError('engine_unreachable', 'down'));
    if (this.mode === 'hung') return new Promise<T>(() => undefined);
    return Promise.resolve(value);
  }

  describe(): Promise<EngineInfo> {
    return this.answer({ name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' });
  }

  containers(_signal?: AbortSignal, scope: ContainerScope = 'running'): Promise<ContainerDetails[]> {
    return this.answer(scope === 'all' ? [...this.running, ...this.stopped] : this.running);
  }

  images(): Promise<LocalImage[]> {
    return this.answer(this.images_);
  }

  debuggableImages(): Promise<ImageDetails[]> {
    return this.answer(this.debuggable);
  }

  logs(ref: string, tail: number): Promise<string[]> {
    const lines = this.logLines.get(ref);
    return lines ? this.answer(lines.slice(-tail)) : Promise.reject(new CdebugError('target_not_found', `no ${ref}`));
  }
}

function container(name: string, createdAt: string): ContainerDetails {
  return runningContainer({ id: `${name}-id`, name, image: 'i', createdAt });
}

const noSessions = {} as SessionEngine;

function pool(defaultName?: string) {
  const a = new Catalog([container('a1', '2026-01-01T00:00:01Z'), container('a2', '2026-01-01T00:00:03Z')], [{ tags: ['busybox:latest'], labels: {} }]);
  const b = new Catalog([container('b1', '2026-01-01T00:00:02Z')]);
  const engines = new EnginePool(
    [
      { name: 'a', host: 'unix:///a.sock', catalog: a, sessions: noSessions },
      { name: 'b', host: 'unix:///b.sock', catalog: b, sessions: noSessions },
    ],
    defaultName,
  );
  return { engines, a, b };
}

describe('engine statuses', () => {
  it('reports each engine in order, the default marked, with what answered', async () => {
    const { engines } = pool('b');
    expect(await engineStatuses(engines)).toEqual([
      { name: 'a', host: 'unix:///a.sock', default: false, reachable: true, engine: { name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' } },
      { name: 'b', host: 'unix:///b.sock', default: true, reachable: true, engine: { name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' } },
    ]);
  });

  it('reports an engine that is down or hangs as unreachable, with why, and the other as it is', async () => {
    const { engines, a, b } = pool();
    a.mode = 'down';
    b.mode = 'hung';
    const [down, hung] = await engineStatuses(engines, 20);
    expect(down).toMatchObject({ name: 'a', reachable: false, engine: null, error: { code: 'engine_unreachable' } });
    expect(hung).toMatchObject({ name: 'b', reachable: false, engine: null, error: { code: 'engine_unreachable', message: containing('"b"') } });
    b.mode = 'up';
    expect((await engineStatuses(engines, 20)).map((s) => s.reachable)).toEqual([false, true]);
  });
});

describe('containers of several engines', () => {
  it('lists every engine, newest first, each container marked with its engine', async () => {
    const { engines } = pool();
    expect((await listContainers(engines)).map((c) => [c.engine, c.name])).toEqual([
      ['a', 'a2'],
      ['b', 'b1'],
      ['a', 'a1'],
    ]);
  });

  it('lists one engine when asked, and refuses a name it does not know', async () => {
    const { engines } = pool();
    expect((await listContainers(engines, 'b')).map((c) => c.name)).toEqual(['b1']);
    await expect(listContainers(engines, 'c')).rejects.toMatchObject({ code: 'engine_not_found' });
  });

  it('leaves out an engine that is down or hangs, and keeps the others', async () => {
    const { engines, a, b } = pool();
    a.mode = 'hung';
    expect((await listContainers(engines, undefined, 20)).map((c) => c.name)).toEqual(['b1']);
    a.mode = 'up';
    b.mode = 'down';
    expect((await listContainers(engines)).map((c) => c.name)).toEqual(['a2', 'a1']);
    await expect(listContainers(engines, 'b')).rejects.toMatchObject({ code: 'engine_unreachable' });
  });

  it("answers with the default engine's error when every engine fails, as one engine did", async () => {
    const { engines, a, b } = pool('b');
    a.mode = 'down';
    b.mode = 'hung';
    await expect(listContainers(engines, undefined, 20)).rejects.toMatchObject({ code: 'engine_unreachable', message: containing('"b"') });
  });
});

describe('stopped containers, images and logs of several engines', () => {
  const stopped = (name: string, createdAt: string) => runningContainer({ id: `${name}-id`, name, image: 'i', createdAt, state: 'exited', exitCode: 1 });
  const image = (tag: string, createdAt: string): ImageDetails => ({ id: `sha256:${tag}`, tags: [tag], size: 1, createdAt });

  it('lists stopped containers only when asked for all, newest first across engines', async () => {
    const { engines, a, b } = pool();
    a.stopped = [stopped('a-dead', '2026-01-01T00:00:05Z')];
    b.stopped = [stopped('b-dead', '2026-01-01T00:00:00Z')];
    expect((await listContainers(engines)).map((c) => c.name)).toEqual(['a2', 'b1', 'a1']);
    expect((await listContainers(engines, undefined, 1000, 'all')).map((c) => [c.engine, c.name])).toEqual([
      ['a', 'a-dead'],
      ['a', 'a2'],
      ['b', 'b1'],
      ['a', 'a1'],
      ['b', 'b-dead'],
    ]);
    expect((await listContainers(engines, 'b', 1000, 'all')).map((c) => c.name)).toEqual(['b1', 'b-dead']);
  });

  it('lists images of every engine newest first, each marked with its engine, and leaves out one that is down', async () => {
    const { engines, a, b } = pool();
    a.debuggable = [image('old:1', '2025-01-01T00:00:00.000Z')];
    b.debuggable = [image('new:1', '2026-01-01T00:00:00.000Z')];
    expect((await listImages(engines)).map((i) => [i.engine, i.tags[0]])).toEqual([
      ['b', 'new:1'],
      ['a', 'old:1'],
    ]);
    expect((await listImages(engines, 'a')).map((i) => i.tags[0])).toEqual(['old:1']);
    b.mode = 'hung';
    expect((await listImages(engines, undefined, 20)).map((i) => i.tags[0])).toEqual(['old:1']);
    await expect(listImages(engines, 'b', 20)).rejects.toMatchObject({ code: 'engine_unreachable' });
  });

  it("reads a container's last lines on the engine named (the default one otherwise)", async () => {
    const { engines, a, b } = pool('b');
    a.logLines.set('app', ['one', 'two', 'three']);
    b.logLines.set('app', ['on b']);
    expect(await containerLogs(engines, 'app', 2, 'a')).toEqual(['two', 'three']);
    expect(await containerLogs(engines, 'app', 50)).toEqual(['on b']);
    await expect(containerLogs(engines, 'gone', 50, 'a')).rejects.toMatchObject({ code: 'target_not_found' });
    await expect(containerLogs(engines, 'app', 50, 'c')).rejects.toMatchObject({ code: 'engine_not_found' });
  });
});

describe('toolkits per engine', () => {
  it("marks presets local by the named engine's images (the default's when none is named)", async () => {
    const { engines } = pool();
    expect((await toolkitsOn(engines)).find((t) => t.image === 'busybox:latest')?.local).toBe(true);
    expect((await toolkitsOn(engines, 'b')).find((t) => t.image === 'busybox:latest')?.local).toBe(false);
  });
});

describe('the pool', () => {
  it('refuses unsafe or repeated names and an unknown default', () => {
    const entry = (name: string, host = `unix:///run/${name}.sock`) => ({ name, host, catalog: new Catalog([]), sessions: noSessions });
    expect(() => new EnginePool([entry('a b')])).toThrow(/not a usable engine name/);
    expect(() => new EnginePool([entry('a'), entry('a')])).toThrow(/twice/);
    expect(() => new EnginePool([entry('a')], 'b')).toThrow(CdebugError);
    expect(() => new EnginePool([])).toThrow(/at least one/);
  });

  it('refuses one engine under two names, by its address', () => {
    const entry = (name: string, host: string) => ({ name, host, catalog: new Catalog([]), sessions: noSessions });
    const same = () =>
      new EnginePool([entry('local', 'unix:///var/run/docker.sock'), entry('other', 'tcp://10.0.0.2:2376'), entry('desktop', 'unix:///var/run/docker.sock')]);
    expect(same).toThrow(CdebugError);
    expect(same).toThrow('The engines "local" and "desktop" are one engine (unix:///var/run/docker.sock): give it once.');
    expect(() => new EnginePool([entry('a', 'ssh://me@box'), entry('b', 'ssh://you@box')])).not.toThrow();
  });
});
