// The copy's ways out, against a fake engine: whatever step fails, what was made is removed and
// the error is coded; the original is only ever read. `makeCopy` below is what a session does
// around its sidecar (copy/session.ts): create, start, and on a refused start the fallback.

import { Readable } from 'node:stream';
import type { ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../contract/index.js';
import type { Engine } from '../api/connect.js';
import { archiveOf } from './tar.js';
import { createCopy, type CopyOptions, type CopySubject, retryWithoutNetwork } from './make.js';

/** a static ELF header: what the busybox reader accepts */
function staticElf(): Buffer {
  const b = Buffer.alloc(64 + 56);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2;
  b[5] = 1;
  b.writeBigUInt64LE(64n, 32);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(1, 56);
  b.writeUInt32LE(1, 64);
  return b;
}

const engineFailure = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode, json: { message } });

type Step = 'commit' | 'create' | 'put' | 'start';

/** records every call; `fail` makes one step fail with an engine status */
function fakeEngine(fail: Partial<Record<Step, Error>> = {}, failOnce: Step[] = []) {
  const calls: string[] = [];
  const networks: string[] = [];
  const failing = (step: Step) => {
    const once = failOnce.indexOf(step);
    if (once < 0) return fail[step];
    failOnce.splice(once, 1);
    return engineFailure(500, `${step} refused once`);
  };
  const containers = new Set<string>();
  const images = new Set<string>();
  let n = 0;
  const engine = {
    createContainer: (opts: { _body: { Image: string; Entrypoint?: string[]; HostConfig?: { NetworkMode?: string } } }) => {
      const isCopy = opts._body.Entrypoint?.[0] === '/.cdebug/busybox';
      calls.push(isCopy ? `create copy ${opts._body.Image}` : `create reader ${opts._body.Image}`);
      if (isCopy) networks.push(opts._body.HostConfig?.NetworkMode ?? '');
      const refused = isCopy ? failing('create') : undefined;
      if (refused) return Promise.reject(refused);
      const id = `${isCopy ? 'copy' : 'reader'}${n++}`;
      containers.add(id);
      return Promise.resolve({ id });
    },
    getContainer: (id: string) => ({
      commit: () => {
        calls.push(`commit ${id}`);
        if (fail.commit) return Promise.reject(fail.commit);
        images.add('sha256:temp');
        return Promise.resolve({ Id: 'sha256:temp' });
      },
      getArchive: () => Promise.resolve(Readable.from([archiveOf('bin', 'busybox', staticElf())])),
      putArchive: () => {
        calls.push(`put ${id}`);
        return fail.put ? Promise.reject(fail.put) : Promise.resolve();
      },
      start: () => {
        calls.push(`start ${id}`);
        const refused = failing('start');
        return refused ? Promise.reject(refused) : Promise.resolve();
      },
      remove: () => {
        calls.push(`remove ${id}`);
        containers.delete(id);
        return Promise.resolve();
      },
    }),
    getImage: (id: string) => ({
      remove: () => {
        calls.push(`rmi ${id}`);
        images.delete(id);
        return Promise.resolve();
      },
    }),
  };
  return { engine: engine as unknown as Engine, calls, containers, images, networks };
}

const original = {
  Id: 'orig',
  Name: '/web',
  Config: { Env: ['A=1'], WorkingDir: '/srv', Labels: {} },
  HostConfig: { NetworkMode: 'none' },
  Mounts: [],
  State: { Status: 'exited', ExitCode: 1 },
} as unknown as ContainerInspectInfo;

const toolkit = (() => {
  const ref = parseImageRef('cdebug-test/toolkit-for-make:1');
  if (!ref.ok) throw new Error('bad ref');
  return ref.value;
})();

const options = { sessionId: '0123456789abcdef', owner: 'service:test', placeholder: { toolkit, toolkitId: null }, rwVolumes: false };

async function makeCopy(engine: Engine, subject: CopySubject, opts: CopyOptions) {
  const created = await createCopy(engine, subject, opts);
  await created.start().catch((err: unknown) => retryWithoutNetwork(created, err, opts.signal));
  return created.copy;
}

describe('makeCopy', () => {
  it('commits, creates, puts the placeholder in and starts; only the commit touches the original', async () => {
    const fake = fakeEngine();
    const copy = await makeCopy(fake.engine, { kind: 'copy', original }, options);
    expect(copy).toMatchObject({ name: 'web-cdebug-copy-89abcdef', tempImage: 'sha256:temp' });
    expect(fake.calls.filter((c) => c.includes('orig'))).toEqual(['commit orig']);
    expect(fake.calls).toContain(`start ${copy.id}`);
    expect([...fake.containers]).toEqual([copy.id]);
  });

  it('a container removed during the commit: target_not_found, nothing made is left', async () => {
    const fake = fakeEngine({ commit: engineFailure(404, 'No such container: orig') });
    await expect(makeCopy(fake.engine, { kind: 'copy', original }, options)).rejects.toMatchObject({
      code: 'target_not_found',
      message: expect.stringMatching(/removed while its copy/) as unknown,
    });
    expect([...fake.containers, ...fake.images]).toEqual([]);
  });

  it('a disk that fills while committing: copy_failed that says to free space', async () => {
    const fake = fakeEngine({ commit: engineFailure(500, 'write /var/lib/docker/x: no space left on device') });
    await expect(makeCopy(fake.engine, { kind: 'copy', original }, options)).rejects.toMatchObject({
      code: 'copy_failed',
      message: expect.stringMatching(/free some disk space/) as unknown,
    });
    expect([...fake.containers, ...fake.images]).toEqual([]);
  });

  it('a copy that cannot be created or started: the committed image (and the copy) are removed', async () => {
    for (const step of ['create', 'put', 'start'] as const) {
      const fake = fakeEngine({ [step]: engineFailure(500, `${step} refused`) });
      await expect(makeCopy(fake.engine, { kind: 'copy', original }, options)).rejects.toMatchObject({ code: 'copy_failed' });
      expect([...fake.containers, ...fake.images], step).toEqual([]);
    }
  });

  it('an image session never removes the image it was made from', async () => {
    const fake = fakeEngine({ start: engineFailure(500, 'start refused') });
    const image = { Id: 'sha256:user-image', Config: { Env: [], WorkingDir: '' } } as never;
    await expect(makeCopy(fake.engine, { kind: 'image', ref: 'web:1', image }, options)).rejects.toMatchObject({ code: 'copy_failed' });
    expect(fake.calls.filter((c) => c.startsWith('rmi'))).toEqual([]);
    expect([...fake.containers]).toEqual([]);
  });

  it('an abort (Ctrl-C) half-way removes what was made and throws the abort', async () => {
    const fake = fakeEngine();
    const aborter = new AbortController();
    const reason = new Error('interrupted');
    aborter.abort(reason);
    await expect(makeCopy(fake.engine, { kind: 'copy', original }, { ...options, signal: aborter.signal })).rejects.toBe(reason);
    expect([...fake.containers, ...fake.images]).toEqual([]);
  });

  it("a refused create or start on the original's network: made again with none, the first one removed", async () => {
    const onNet = { ...original, HostConfig: { NetworkMode: 'gone-net' } } as unknown as ContainerInspectInfo;
    for (const step of ['create', 'start'] as const) {
      const fake = fakeEngine({}, [step]);
      const copy = await makeCopy(fake.engine, { kind: 'copy', original: onNet }, options);
      expect(fake.networks, step).toEqual(['gone-net', 'none']);
      expect([...fake.containers], step).toEqual([copy.id]);
      expect(fake.calls, step).toContain(`start ${copy.id}`);
    }
  });

  it('a start refused with no network to blame is not tried again: all removed, coded', async () => {
    const fake = fakeEngine({}, ['start']);
    await expect(makeCopy(fake.engine, { kind: 'copy', original }, options)).rejects.toMatchObject({ code: 'copy_failed' });
    expect(fake.networks).toEqual(['none']);
    expect([...fake.containers, ...fake.images]).toEqual([]);
  });
});
