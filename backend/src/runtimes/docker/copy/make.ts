// Makes the copy a copy or image session runs in, and removes it. The original is only ever
// read (inspect, commit without pause): every write goes to what is made here, which is removed
// again on every way out, a failure half-way included.
//   1. commit the original to a temporary image (copy mode; an image session uses the image);
//      at the same time, read a static busybox out of a created, never started container of the
//      toolkit image (or of busybox:latest) with the archive API;
//   2. create the copy from the image (plan.ts: buildCopySpec), with the original's network
//      mode or, when that cannot be used, none;
//   3. put the busybox into it (/.cdebug/busybox) and start it: PID 1 sleeps, nothing else runs.

import type { ContainerCreateOptions, ContainerInspectInfo } from 'dockerode';
import { CdebugError } from '../../../contract/index.js';
import { type Engine, engineError, engineMessage, engineStatus } from '../api/connect.js';
import { archiveOf } from './tar.js';
import { type PlaceholderSource, placeholderBinary } from './placeholder.js';
import { buildCopySpec, type CopySource, copyLabels, copyMounts, copyName, copyNetworkMode, imageBase, labelValue, PLACEHOLDER_DIR } from './plan.js';
import type { Subject } from './resolve.js';

export interface MadeCopy {
  id: string;
  name: string;
  /** the image committed for it, removed with it; null for an image session (never removed) */
  tempImage: string | null;
}

export interface CopyOptions {
  sessionId: string;
  /** null with --keep: the user owns what is made */
  owner: string | null;
  /** the toolkit (and its image id when it is on the engine): where the placeholder comes from */
  placeholder: PlaceholderSource;
  rwVolumes: boolean;
  signal?: AbortSignal | undefined;
}

/** A container that is not running, or an image: what the copy is made from. */
export type CopySubject = Exclude<Subject, { kind: 'live' }>;

/** the name the copy gets (known before it exists, so the session can show it) */
export function plannedName(subject: CopySubject, sessionId: string): string {
  return subject.kind === 'copy' ? copyName(subject.original.Name, sessionId) : copyName(imageBase(subject.ref), sessionId);
}

export async function makeCopy(engine: Engine, subject: CopySubject, options: CopyOptions): Promise<MadeCopy> {
  const of = subject.kind === 'copy' ? subject.original.Id : subject.image.Id;
  const labels = copyLabels({ of, sessionId: options.sessionId, owner: options.owner });
  const made: { image: string | null; container: string | null } = { image: null, container: null };
  try {
    // the copy is created as soon as its image is there, while the busybox is still being read
    const name = plannedName(subject, options.sessionId);
    const image = subject.kind === 'copy' ? commit(engine, subject.original, labels, options.owner === null ? name : null) : Promise.resolve(subject.image.Id);
    const source = image.then((id) => {
      if (subject.kind === 'copy') made.image = id;
      return copySource(subject, id, name, options.rwVolumes);
    });
    const create = async (networkMode: string) => {
      made.container = await createContainer(engine, buildCopySpec({ ...(await source), networkMode }, labels));
      return made.container;
    };
    const [created, busybox] = await Promise.allSettled([source.then((s) => create(s.networkMode)), placeholderBinary(engine, options.placeholder, labels)]);
    if (created.status === 'rejected' && !(await source.then(() => true).catch(() => false))) throw created.reason;
    if (busybox.status === 'rejected') throw busybox.reason;
    options.signal?.throwIfAborted();
    const archive = archiveOf(PLACEHOLDER_DIR, 'busybox', busybox.value);
    const start = async (id: string) => {
      await engine.getContainer(id).putArchive(archive, { path: '/' });
      options.signal?.throwIfAborted();
      await engine.getContainer(id).start();
    };
    const { networkMode } = await source;
    try {
      if (created.status === 'rejected') throw created.reason;
      await start(created.value);
    } catch (err) {
      // the original's network may be gone, or not be one this engine can give a new container
      if (networkMode === 'none' || err instanceof CdebugError || options.signal?.aborted) throw err;
      if (made.container) await removeContainer(engine, made.container);
      made.container = null;
      await start(await create('none'));
    }
    return { id: made.container as string, name, tempImage: made.image };
  } catch (err) {
    await removeCopy(engine, { id: made.container, tempImage: made.image }).catch(() => undefined);
    if (options.signal?.aborted) throw options.signal.reason;
    throw copyError(err, subject);
  }
}

function copySource(subject: CopySubject, image: string, name: string, rwVolumes: boolean): CopySource {
  if (subject.kind === 'image') {
    const config = subject.image.Config;
    return { image, name, env: config.Env ?? [], workingDir: config.WorkingDir ?? '', labels: {}, mounts: [], tmpfs: {}, networkMode: 'none' };
  }
  const { Config: config, HostConfig: host } = subject.original;
  return {
    image,
    name,
    env: config.Env ?? [],
    workingDir: config.WorkingDir ?? '',
    labels: config.Labels ?? {},
    mounts: copyMounts(subject.original.Mounts ?? [], rwVolumes),
    tmpfs: (host as typeof host & { Tmpfs?: Record<string, string> }).Tmpfs ?? {},
    networkMode: copyNetworkMode(host.NetworkMode),
  };
}

/** `keptAs`: a kept copy's image is tagged with the copy's name, for its owner to find */
async function commit(engine: Engine, original: ContainerInspectInfo, labels: Record<string, string>, keptAs: string | null): Promise<string> {
  // one LABEL a change: Podman reads several pairs in one instruction as one value
  const changes = Object.entries(labels).map(([k, v]) => `LABEL ${k}="${labelValue(v)}"`);
  // pause=false: a stopped container has nothing to pause, and a restarting one must not be held;
  // the labels in the body too, which Docker merges with the original's: Podman wants a body
  const answer = (await engine.getContainer(original.Id).commit({
    _query: { container: original.Id, pause: false, changes, ...(keptAs ? { repo: keptAs, tag: 'latest' } : {}) },
    _body: { Labels: labels },
  })) as unknown as { Id?: string };
  if (!answer?.Id) throw new CdebugError('copy_failed', 'The engine committed the container but named no image: try again.');
  return answer.Id;
}

async function createContainer(engine: Engine, spec: ContainerCreateOptions): Promise<string> {
  const { name, ...body } = spec;
  const container = await engine.createContainer({ _query: name ? { name } : {}, _body: body } as ContainerCreateOptions);
  return container.id;
}

// ---- removal

async function removeContainer(engine: Engine, id: string): Promise<void> {
  try {
    // v: the anonymous volumes the image's VOLUMEs gave the copy (an original's volume, in use
    // by the original, is never removed)
    await engine.getContainer(id).remove({ force: true, v: true });
  } catch (err) {
    const status = engineStatus(err);
    if (status !== 404 && status !== 409) throw engineError(err);
  }
}

/** Removes a copy and the image committed for it; gone already is fine. */
export async function removeCopy(engine: Engine, copy: { id: string | null; tempImage: string | null }): Promise<void> {
  if (copy.id) await removeContainer(engine, copy.id);
  if (copy.tempImage) {
    try {
      await engine.getImage(copy.tempImage).remove({ force: true });
    } catch (err) {
      const status = engineStatus(err);
      if (status !== 404) throw engineError(err);
    }
  }
}

/** --keep: the copy stays (stopped), with its image; the user owns both. */
export async function stopCopy(engine: Engine, id: string): Promise<void> {
  try {
    await engine.getContainer(id).kill();
  } catch (err) {
    const status = engineStatus(err);
    if (status !== 404 && status !== 409) throw engineError(err);
  }
}

function copyError(err: unknown, subject: CopySubject): CdebugError {
  if (err instanceof CdebugError) return err;
  const status = engineStatus(err);
  if (status === undefined) return engineError(err);
  if (subject.kind === 'copy' && status === 404) {
    const name = subject.original.Name.replace(/^\//, '');
    return new CdebugError(
      'target_not_found',
      `Container "${name}" was removed while its copy was being made: nothing was left behind; check \`docker ps -a\`.`,
      { cause: err },
    );
  }
  const words = engineMessage(err);
  const hint = /no space left/i.test(words) ? 'free some disk space (docker system df) and try again' : 'nothing was left behind; try again';
  return new CdebugError('copy_failed', `The copy could not be made (${words}): ${hint}.`, { cause: err });
}
