// Makes the copy a copy or image session runs in, and removes it. The original is only ever
// read (inspect, commit without pause): every write goes to what is made here, which is removed
// again on every way out, a failure half-way included.
//   1. commit the original to a temporary image (copy mode; an image session uses the image);
//      at the same time, get the static busybox the copy's PID 1 runs (placeholder.ts);
//   2. create the copy from the image (plan.ts: buildCopySpec), with the original's network
//      mode or, when that cannot be used, none;
//   3. put the busybox into it (/.cdebug/busybox) and start it: PID 1 sleeps, nothing else runs;
//      a session creates and attaches its sidecar meanwhile (session.ts).

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

/**
 * A copy created from its image, not started yet: a session creates and attaches its sidecar
 * while `start` runs (the sidecar may be created against a container that does not run yet, on
 * Docker 20.10 and Podman 4.3 alike, but only started once it runs).
 */
export interface CreatedCopy {
  /** what was made; its id changes when `withoutNetwork` makes the container again */
  readonly copy: MadeCopy;
  /** puts the placeholder in (/.cdebug/busybox) and starts it: PID 1 sleeps, nothing else runs */
  start(): Promise<void>;
  /** whether a failed start may be the original's network's doing (it was not none) */
  readonly mayFallBack: boolean;
  /** removes the container and creates it again with network none */
  withoutNetwork(): Promise<void>;
  /** removes everything made (container and temporary image) and throws `err`, coded */
  fail(err: unknown): Promise<never>;
}

export async function createCopy(engine: Engine, subject: CopySubject, options: CopyOptions): Promise<CreatedCopy> {
  const of = subject.kind === 'copy' ? subject.original.Id : subject.image.Id;
  const labels = copyLabels({ of, sessionId: options.sessionId, owner: options.owner });
  const made: MadeCopy = { id: '', name: plannedName(subject, options.sessionId), tempImage: null };
  // the placeholder is read (or found kept) while the original is committed; its failure is
  // thrown by `start`, and must not go unhandled when the commit fails first
  const archive = placeholderBinary(engine, options.placeholder, labels).then((busybox) => archiveOf(PLACEHOLDER_DIR, 'busybox', busybox));
  archive.catch(() => undefined);
  const fail = async (err: unknown): Promise<never> => {
    // the busybox reader (when one runs) removes itself: nothing is left once this answers
    await archive.catch(() => undefined);
    await removeCopy(engine, { id: made.id || null, tempImage: made.tempImage }).catch(() => undefined);
    if (options.signal?.aborted) throw options.signal.reason;
    throw copyError(err, subject);
  };
  try {
    const image = subject.kind === 'copy' ? await commit(engine, subject.original, labels, options.owner === null ? made.name : null) : subject.image.Id;
    if (subject.kind === 'copy') made.tempImage = image;
    const source = copySource(subject, image, made.name, options.rwVolumes);
    let networkMode = source.networkMode;
    const create = async () => {
      made.id = await createContainer(engine, buildCopySpec({ ...source, networkMode }, labels));
    };
    try {
      await create();
    } catch (err) {
      // the original's network may be gone, or not be one this engine can give a new container
      if (networkMode === 'none' || options.signal?.aborted) throw err;
      networkMode = 'none';
      await create();
    }
    return {
      copy: made,
      get mayFallBack() {
        return networkMode !== 'none';
      },
      async start() {
        const tar = await archive.catch((err: unknown) => {
          // coded: not the network's doing, whatever the engine said while reading it
          throw err instanceof CdebugError ? err : copyError(err, subject);
        });
        options.signal?.throwIfAborted();
        await engine.getContainer(made.id).putArchive(tar, { path: '/' });
        options.signal?.throwIfAborted();
        await engine.getContainer(made.id).start();
      },
      async withoutNetwork() {
        await removeContainer(engine, made.id);
        made.id = '';
        networkMode = 'none';
        await create();
      },
      fail,
    };
  } catch (err) {
    return fail(err);
  }
}

/**
 * After a failed start: when the original's network may be why (it was not none, and the engine
 * refused rather than cdebug or an abort), the container is made again without it and started;
 * otherwise, or when that fails too, everything made is removed and the error thrown, coded.
 */
export async function retryWithoutNetwork(created: CreatedCopy, err: unknown, signal?: AbortSignal): Promise<void> {
  try {
    if (!created.mayFallBack || err instanceof CdebugError || signal?.aborted) throw err;
    await created.withoutNetwork();
    await created.start();
  } catch (failure) {
    await created.fail(failure);
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
