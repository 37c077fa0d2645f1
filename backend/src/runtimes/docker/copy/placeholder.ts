// The static busybox a copy's PID 1 runs (plan.ts: PLACEHOLDER_COMMAND): the toolkit's own
// /bin/busybox when it is static, else busybox:latest's (pulled when missing), read out of a
// created, never started container with the archive API.
//
// Reading it costs a container create, a 1 MB archive and a remove: on the shared engine, at
// the same time as the commit, it was the longer of the two (docs/DEBUG-STOPPED.md). So it is
// kept, by the toolkit image's id (content-addressed: a tag that moves gets a new id, and so a
// new read), in memory for a service's later sessions, and on disk for the next `cdebug exec`
// (one process per session, which a memory cache never helps).

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CdebugError, DEFAULT_TOOLKIT_IMAGE, type ImageRef, parseImageRef } from '../../../contract/index.js';
import type { ContainerCreateOptions } from 'dockerode';
import { type Engine, engineStatus } from '../api/connect.js';
import { ensureImage } from '../api/image.js';
import { isStaticElf } from './elf.js';
import { firstFileOf } from './tar.js';

/** the toolkit, and its image id when it is on the engine (null: not there, to be pulled) */
export interface PlaceholderSource {
  toolkit: ImageRef;
  toolkitId: string | null;
}

const known = new WeakMap<Engine, Map<string, Promise<Buffer>>>();

/**
 * Where a toolkit's placeholder is kept between processes: the user's cache directory, as the XDG
 * base directory spec names it ($XDG_CACHE_HOME, else ~/.cache), one file per toolkit image id.
 * Null for an id that is not a plain digest (never a path from the engine's words). Pure.
 */
export function placeholderCachePath(toolkitId: string, env: NodeJS.ProcessEnv, home: string): string | null {
  const digest = /^sha256:([0-9a-f]{64})$/.exec(toolkitId)?.[1];
  if (!digest) return null;
  const cache = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(cache, 'cdebug', 'placeholder', `busybox-${digest}`);
}

export function placeholderBinary(engine: Engine, source: PlaceholderSource, labels: Record<string, string>): Promise<Buffer> {
  let cache = known.get(engine);
  if (!cache) known.set(engine, (cache = new Map<string, Promise<Buffer>>()));
  const key = source.toolkitId ?? source.toolkit.canonical;
  const cached = cache.get(key);
  if (cached) return cached;
  const file = source.toolkitId ? placeholderCachePath(source.toolkitId, process.env, homedir()) : null;
  const reading = (async () => {
    const kept = file ? await readKept(file) : null;
    if (kept) return kept;
    const busybox = await readFromEngine(engine, source.toolkit, labels);
    if (file) await keep(file, busybox);
    return busybox;
  })();
  cache.set(key, reading);
  // a failure is not kept: the next session tries again
  const forCache = cache;
  reading.catch(() => forCache.delete(key));
  return reading;
}

/** a kept file that is not (or no longer) a static ELF is read again from the engine */
async function readKept(file: string): Promise<Buffer | null> {
  try {
    const binary = await readFile(file);
    return isStaticElf(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** best effort: a read-only or full home only means the next process reads it again */
async function keep(file: string, binary: Buffer): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
    await writeFile(partial, binary, { mode: 0o600 });
    // a rename: a concurrent `cdebug exec` reads the whole file or none of it
    await rename(partial, file);
  } catch {
    // nothing kept; nothing else to do
  }
}

async function readFromEngine(engine: Engine, toolkit: ImageRef, labels: Record<string, string>): Promise<Buffer> {
  const own = await readBusybox(engine, toolkit.canonical, labels);
  if (own) return own;
  const fallback = parseImageRef(DEFAULT_TOOLKIT_IMAGE);
  if (!fallback.ok) throw new CdebugError('internal', fallback.error.message);
  await ensureImage(engine, fallback.value);
  const busybox = await readBusybox(engine, fallback.value.canonical, labels);
  if (!busybox)
    throw new CdebugError(
      'copy_failed',
      `${DEFAULT_TOOLKIT_IMAGE} has no static /bin/busybox for the copy's placeholder: pull it again (docker pull ${DEFAULT_TOOLKIT_IMAGE}).`,
    );
  return busybox;
}

async function readBusybox(engine: Engine, image: string, labels: Record<string, string>): Promise<Buffer | null> {
  let id: string;
  try {
    const body = { Image: image, Entrypoint: ['/bin/busybox'], Cmd: [], Labels: { ...labels }, HostConfig: { NetworkMode: 'none' } };
    id = (await engine.createContainer({ _query: {}, _body: body } as ContainerCreateOptions)).id;
  } catch (err) {
    if (engineStatus(err) === 404) return null;
    throw err;
  }
  try {
    const stream = await engine.getContainer(id).getArchive({ path: '/bin/busybox' });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    const file = firstFileOf(Buffer.concat(chunks));
    return file && isStaticElf(file) ? file : null;
  } catch (err) {
    if (engineStatus(err) === 404) return null;
    throw err;
  } finally {
    // gone already, or refused: the sweep of this owner's leftovers (sweep.ts) takes it later
    await engine
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  }
}
