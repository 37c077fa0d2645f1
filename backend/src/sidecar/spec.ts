// The sidecar's container specification, built from facts about the target and the user's
// request. Pure: no engine calls, so every rule here is unit-tested without Docker.

import type { ContainerCreateOptions } from 'dockerode';
import type { ShellChoice } from '../contract/index.js';
import { ENTRY_SCRIPT } from './entry-script.js';
import { encodeEnv } from './env-codec.js';
import { entrypointScript, type OriginalFacts } from './original.js';
import type { PrivilegeSettings } from './profiles.js';

export const LABELS = {
  session: 'io.cdebug.session',
  target: 'io.cdebug.target',
  owner: 'io.cdebug.owner',
  image: 'io.cdebug.image',
  /** a copy or image session's: the container its shell runs in, which goes with it */
  copy: 'io.cdebug.copy',
  /** a copy session's: the image committed from the original, which goes with it */
  copyImage: 'io.cdebug.copy-image',
  /** 'copy' or 'image' (none: live) */
  mode: 'io.cdebug.mode',
  /** a port-forward's helper (runtimes/docker/forwards.ts), not a session's sidecar */
  forward: 'io.cdebug.forward',
  /** the privilege profile it was started with (--profile) */
  profile: 'io.cdebug.profile',
} as const;

/**
 * On the copies and the images committed for them. Keys of their own, not the sidecars':
 * a copy is no sidecar (lists of sidecars by session or owner must not count it), and a kept
 * copy must carry no owner at all (the user owns it).
 */
export const COPY_LABELS = {
  /** the original container's id (or the image's, for an image session) */
  of: 'io.cdebug.copy-of',
  owner: 'io.cdebug.copy-owner',
  session: 'io.cdebug.copy-session',
} as const;

/** What a sidecar in a copy (or a container made from an image) adds to a live one. */
export interface CopySidecar {
  /** the session's first line: where writes go */
  note: string;
  /** what the `entrypoint` command shows and runs */
  original: OriginalFacts;
  /** LABELS.copy, copyImage, mode: what a service must remove with the sidecar after a restart */
  labels: Readonly<Record<string, string>>;
}

/** What the spec needs to know about the target, read from its inspect data. */
export interface TargetFacts {
  id: string;
  name: string;
  /** Config.Env, as the image and `docker run -e` set it */
  env: readonly string[];
  workingDir: string;
  /** HostConfig.PidMode: "" (private), "host" or "container:<id>" */
  pidMode: string;
  /** HostConfig.IpcMode: "private", "shareable", "host", "container:<id>", "none", "" */
  ipcMode: string;
  /** State.Pid: the target's first process as the host sees it */
  hostPid: number;
}

export interface SidecarRequest {
  sessionId: string;
  /** who starts it: "cli:<host>:<pid>" or "service:<name>" */
  owner: string;
  target: TargetFacts;
  /** canonical image reference */
  image: string;
  /** empty when `shell` names the shell to start instead */
  cmd: readonly string[];
  /** the shell the entry script picks and starts (no command given); null: run `cmd` */
  shell: ShellChoice | null;
  /** USER[:GROUP], already validated; null runs as root */
  user: string | null;
  /** capabilities, privileged mode and security options (sidecar/profiles.ts) */
  privileges: PrivilegeSettings;
  env: Readonly<Record<string, string>>;
  tty: boolean;
  stdin: boolean;
  /** single attach (the CLI): the engine closes the command's stdin when the client's ends */
  stdinOnce: boolean;
  /** TERM for the command; null leaves it unset (no tty) */
  term: string | null;
  /**
   * the terminal's size: engines size the pty only after the start, so the script gives it this
   * size itself when it finds it unsized (the engine's resize follows with the same one)
   */
  size: { cols: number; rows: number } | null;
  /** a copy or image session; absent for a live one */
  copy?: CopySidecar | undefined;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** How the entry script finds the target's first process in the PID namespace it joins. */
export function targetPidSpec(target: TargetFacts): string {
  if (target.pidMode === 'host') return String(target.hostPid);
  // Joined another container's namespace: its PID 1 is someone else's; find ours by cgroup.
  if (target.pidMode.startsWith('container:')) return `cgroup:${target.id}`;
  return '1';
}

/** IPC can be joined only where the target allows it; otherwise the sidecar keeps its own. */
export function ipcModeFor(target: TargetFacts): string | undefined {
  if (target.ipcMode === 'shareable') return `container:${target.id}`;
  if (target.ipcMode === 'host') return 'host';
  return undefined;
}

function splitEnv(entry: string): [string, string] {
  const eq = entry.indexOf('=');
  return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
}

/**
 * The command's environment: the target's, then HOME and TERM, then the user's `-e` values.
 * PATH is kept apart: the script appends the toolkit's directories to it. For another user the
 * HOME default is left to the entry script, which reads it from the target's /etc/passwd (as
 * `docker exec -u` does); only the script can read the target's files.
 */
export function commandEnvironment(req: SidecarRequest): { entries: Array<[string, string]>; path: string } {
  const env = new Map<string, string>();
  for (const entry of req.target.env) {
    const [k, v] = splitEnv(entry);
    if (k) env.set(k, v);
  }
  // Podman writes HOME (the target's user's) into every container's environment, where Docker
  // leaves it to the process start: it is no choice of the target's, so another user gets its
  // own home from /etc/passwd, as on Docker. (A HOME given with `podman run -e` goes with it.)
  if (req.user !== null && env.get('container') === 'podman') env.delete('HOME');
  if (!env.has('HOME') && req.user === null) env.set('HOME', '/root');
  if (req.term !== null) env.set('TERM', req.term);
  for (const [k, v] of Object.entries(req.env)) env.set(k, v);
  const path = env.get('PATH') || DEFAULT_PATH;
  env.delete('PATH');
  return { entries: [...env.entries()], path };
}

/**
 * The sidecar's own environment (not its command's): the entry script, and what it needs to know
 * of the target and the request. The same on every engine: an adapter adds its own image's PATH.
 */
export function sidecarEnvironment(req: SidecarRequest): string[] {
  const { entries, path } = commandEnvironment(req);
  return [
    `CDEBUG_ENTRY=${ENTRY_SCRIPT}`,
    `CDEBUG_TARGET_PID=${targetPidSpec(req.target)}`,
    `CDEBUG_TARGET_PATH=${path}`,
    `CDEBUG_WORKDIR=${req.target.workingDir || '/'}`,
    `CDEBUG_USER=${req.user ?? ''}`,
    `CDEBUG_ENV=${encodeEnv(entries)}`,
    ...(req.tty && req.size ? [`CDEBUG_SIZE=${req.size.cols}x${req.size.rows}`] : []),
    ...(req.copy ? [`CDEBUG_NOTE=${req.copy.note}`, `CDEBUG_ENTRYPOINT=${entrypointScript(req.copy.original)}`] : []),
    ...(req.shell ? [`CDEBUG_SHELL=${req.shell}`] : []),
  ];
}

/** The toolkit's own PATH finds `sh`; the script is handed over in the environment so that `ps`
 * in the target shows a short command line. */
export const ENTRY_COMMAND: readonly string[] = ['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug'];

/** the entry script's arguments: `run` and the user's command (none when the script picks the shell) */
export function entryArguments(req: Pick<SidecarRequest, 'shell' | 'cmd'>): string[] {
  return req.shell ? ['run'] : ['run', ...req.cmd];
}

/** the labels every sidecar carries, whatever engine runs it */
export function sidecarLabels(req: SidecarRequest): Record<string, string> {
  return {
    [LABELS.session]: req.sessionId,
    [LABELS.target]: req.target.id,
    [LABELS.owner]: req.owner,
    [LABELS.image]: req.image,
    ...req.copy?.labels,
    [LABELS.profile]: req.privileges.profile,
  };
}

export function buildSidecarSpec(req: SidecarRequest): ContainerCreateOptions {
  const containerEnv = sidecarEnvironment(req);
  const ipcMode = ipcModeFor(req.target);
  return {
    name: `cdebug-${req.sessionId}`,
    Image: req.image,
    Entrypoint: [...ENTRY_COMMAND],
    Cmd: entryArguments(req),
    Env: containerEnv,
    // Images made with `docker import` have no /etc/passwd: a numeric user always resolves.
    User: '0:0',
    WorkingDir: '/',
    Tty: req.tty,
    OpenStdin: req.stdin,
    StdinOnce: req.stdinOnce,
    AttachStdin: req.stdin,
    AttachStdout: true,
    AttachStderr: true,
    Labels: sidecarLabels(req),
    HostConfig: {
      PidMode: `container:${req.target.id}`,
      NetworkMode: `container:${req.target.id}`,
      ...(ipcMode ? { IpcMode: ipcMode } : {}),
      // Reading /proc/<pid>/root of a process owned by another user needs CAP_SYS_PTRACE (all
      // profiles but baseline and sysadmin add it; sysadmin has every one). The target's dropped
      // capabilities are its own business, not the debugger's.
      CapAdd: req.privileges.CapAdd,
      ...(req.privileges.CapDrop.length > 0 ? { CapDrop: req.privileges.CapDrop } : {}),
      ...(req.privileges.SecurityOpt.length > 0 ? { SecurityOpt: req.privileges.SecurityOpt } : {}),
      Privileged: req.privileges.Privileged,
      AutoRemove: false,
      Init: false,
    },
  };
}
