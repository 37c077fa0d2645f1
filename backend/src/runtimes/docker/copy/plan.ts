// What a copy is made of, pure, from the engine's inspect data: which reading a TARGET gets
// (live, copy, image), whether an image can be debugged at all, the copy's create spec (the
// original's filesystem, environment and mounts, none of its ways to run), and what the session
// says and shows about it. The engine calls that make it are in make.ts.

import type { ContainerCreateOptions, ContainerInspectInfo, ImageInspectInfo, MountSettings } from 'dockerode';
import { CdebugError } from '../../../contract/index.js';
import type { OriginalFacts } from '../../../sidecar/original.js';
import { COPY_LABELS } from '../../../sidecar/spec.js';

/** where the placeholder's busybox goes in the copy (its only write there before the session's) */
export const PLACEHOLDER_DIR = '.cdebug';
export const PLACEHOLDER = `/${PLACEHOLDER_DIR}/busybox`;
/** PID 1 of the copy: a static busybox that sleeps, never the original's program */
export const PLACEHOLDER_COMMAND = [PLACEHOLDER, 'sleep', '2147483647'];

/** a container restarted by its policy less than this long ago may be about to die again */
export const CRASH_LOOP_MS = 2000;

/**
 * A sidecar can join it as it is: running, neither paused nor being restarted, and not just
 * restarted by its restart policy (a crash loop; Podman restarts at once, and shows it running
 * in between for an instant, where Docker shows it restarting).
 */
export function runsNow(info: Pick<ContainerInspectInfo, 'State' | 'RestartCount'>, now = Date.now()): boolean {
  const { State: state } = info;
  if (state.Running !== true || state.Paused === true || state.Restarting === true) return false;
  const startedAt = Date.parse(state.StartedAt);
  return !(info.RestartCount > 0 && Number.isFinite(startedAt) && now - startedAt < CRASH_LOOP_MS);
}

/** How the state of a container that is not running is told: "exited (code 1)", "created", … */
export function stateWords(state: ContainerInspectInfo['State'], restartCount = 0): string {
  if (state.Paused) return 'paused';
  if (state.Restarting) return `restarting (last exit code ${state.ExitCode})`;
  // running, yet copied: just restarted by its policy, in a crash loop (its exit code is reset)
  if (state.Running) return `restarting (restarted ${restartCount} times)`;
  // Podman's 'stopped' is an exit whose clean-up has not run yet
  if (state.Status === 'exited' || state.Status === 'stopped') return `exited (code ${state.ExitCode})`;
  return state.Status;
}

/** Would the engine read this as a container name? Else it can only be an image reference. */
export function mayNameContainer(ref: string): boolean {
  return /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/.test(ref);
}

/**
 * A reference that says it is an image (a tag, a digest, a registry or a path, or --as-image)
 * is pulled when it is missing; a bare word is a container name first, and a typo in one must
 * not send the engine to a registry.
 */
export function pullsWhenMissing(ref: string, asImage: boolean): boolean {
  return asImage || !mayNameContainer(ref);
}

/** Windows images and images without files cannot be copied into a Linux container. */
export function checkImageUsable(image: Pick<ImageInspectInfo, 'Os' | 'RootFS'>, shown: string): CdebugError | null {
  if (image.Os && image.Os !== 'linux') {
    return new CdebugError('target_unsupported', `${shown} is a ${image.Os} image: cdebug debugs Linux containers only; use a Linux engine and image.`);
  }
  if ((image.RootFS?.Layers ?? []).length === 0) {
    return new CdebugError(
      'target_unsupported',
      `${shown} has no files at all (an empty FROM scratch image): there is nothing to debug; add its files to the image first.`,
    );
  }
  return null;
}

/** ENTRYPOINT then CMD, as the engine runs them */
export function originalFacts(config: {
  Entrypoint?: string | string[] | null;
  Cmd?: string | string[] | null;
  WorkingDir?: string;
  User?: string;
}): OriginalFacts {
  const words = (v: string | string[] | null | undefined) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return { argv: [...words(config.Entrypoint), ...words(config.Cmd)], workingDir: config.WorkingDir ?? '', user: config.User ?? '' };
}

/**
 * The copy's name, for humans: "<original>-cdebug-copy-<session id tail>". Lower case, one
 * separator at a time: a kept copy's image is tagged with the same name, which a repository
 * name must be.
 */
export function copyName(base: string, sessionId: string): string {
  const cleaned = base
    .replace(/^\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${cleaned.slice(0, 60).replace(/-+$/, '') || 'image'}-cdebug-copy-${sessionId.slice(-8).toLowerCase()}`;
}

/** an image's short name for a copy's: "registry/path/web:1.2" → "web" */
export function imageBase(ref: string): string {
  const noDigest = ref.split('@')[0] ?? ref;
  const last = noDigest.split('/').pop() ?? noDigest;
  return last.replace(/:[^:]*$/, '') || 'image';
}

/**
 * The original's network mode, unless it names another container (which may be gone, or be
 * the original itself): then none. A mode that turns out unusable falls back to none (make.ts).
 */
export function copyNetworkMode(mode: string | undefined): string {
  if (!mode || mode.startsWith('container:')) return 'none';
  return mode;
}

type InspectMount = ContainerInspectInfo['Mounts'][number];

/** A mount of the create API, as much of it as a copy uses (dockerode's type wants every field). */
export interface CopyMount {
  Type: 'volume' | 'bind' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: { NoCopy: boolean };
}

/** The original's volumes and bind mounts, read-only unless asked; tmpfs mounts empty, as they start. */
export function copyMounts(mounts: readonly InspectMount[], rwVolumes: boolean): CopyMount[] {
  const out: CopyMount[] = [];
  for (const m of mounts) {
    if (m.Type === 'volume' && m.Name) {
      // NoCopy: an empty volume must not be filled from the copy's image (a write into it)
      out.push({ Type: 'volume', Source: m.Name, Target: m.Destination, ReadOnly: !rwVolumes || !m.RW, VolumeOptions: { NoCopy: true } });
    } else if (m.Type === 'bind') {
      out.push({ Type: 'bind', Source: m.Source, Target: m.Destination, ReadOnly: !rwVolumes || !m.RW });
    } else if (m.Type === 'tmpfs') {
      out.push({ Type: 'tmpfs', Target: m.Destination });
    }
  }
  return out;
}

/** Label values go through the commit's LABEL instruction: keep them free of quotes. */
export function labelValue(value: string): string {
  return /["\\\n]/.test(value) ? encodeURIComponent(value) : value;
}

export interface CopyLabelsInput {
  /** the original container's id, or the image's */
  of: string;
  sessionId: string;
  /** null with --keep: the user owns the copy, and no sweep may take it */
  owner: string | null;
}

export function copyLabels({ of, sessionId, owner }: CopyLabelsInput): Record<string, string> {
  return {
    [COPY_LABELS.of]: of,
    [COPY_LABELS.session]: sessionId,
    // present and empty on a kept copy: it overrides a value the committed image carries
    [COPY_LABELS.owner]: owner === null ? '' : labelValue(owner),
  };
}

/** what the copy is made from and of */
export interface CopySource {
  /** the image to create it from: the committed one, or the image itself */
  image: string;
  name: string;
  env: readonly string[];
  workingDir: string;
  /** the original's labels, kept for humans; cdebug's are added */
  labels: Readonly<Record<string, string>>;
  mounts: readonly CopyMount[];
  tmpfs: Readonly<Record<string, string>>;
  networkMode: string;
}

/**
 * The copy: the original's filesystem, environment, working directory and labels; its volumes
 * as asked; no restart policy, no published port, no health check; PID 1 the placeholder, as
 * root (the original's user may not resolve in its files: the shell's user is the session's).
 */
export function buildCopySpec(source: CopySource, labels: Readonly<Record<string, string>>): ContainerCreateOptions {
  return {
    name: source.name,
    Image: source.image,
    Entrypoint: [...PLACEHOLDER_COMMAND],
    Cmd: [],
    Env: [...source.env],
    WorkingDir: source.workingDir,
    User: '0:0',
    Labels: { ...source.labels, ...labels },
    Healthcheck: { Test: ['NONE'] },
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    HostConfig: {
      NetworkMode: source.networkMode,
      Mounts: source.mounts.map((m) => ({ ...m }) as MountSettings),
      ...(Object.keys(source.tmpfs).length > 0 ? { Tmpfs: { ...source.tmpfs } } : {}),
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      PortBindings: {},
      PublishAllPorts: false,
      AutoRemove: false,
    },
  };
}

/** the session's first line: what it runs in, and that writes stay there */
export function copyNote(copy: { kind: 'copy'; name: string; state: string } | { kind: 'image'; ref: string }): string {
  if (copy.kind === 'copy')
    return `${copy.name} is ${copy.state}: this shell runs in a copy of it; changes stay in the copy (run 'entrypoint' to see what it runs)`;
  return `this shell runs in a new container from the image ${copy.ref}; changes stay in it (run 'entrypoint' to see what the image runs)`;
}
