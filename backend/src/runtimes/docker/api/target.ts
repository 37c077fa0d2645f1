// Finds the target container and reads the facts the sidecar needs from its inspect data.

import type { ContainerDetails } from '../../../contract/index.js';
import { CdebugError } from '../../../contract/index.js';
import type { TargetFacts } from '../../../sidecar/spec.js';
import type { ContainerApi } from './container-api.js';
import { engineError, engineStatus } from './errors.js';

/** Container names and ids as the engine accepts them; anything else cannot name a container. */
const TARGET_REF = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;

export interface Target extends TargetFacts {
  image: string;
  running: boolean;
  summary: ContainerDetails;
}

export function checkTargetRef(ref: string): CdebugError | null {
  if (TARGET_REF.test(ref)) return null;
  const shown = ref.length > 60 ? `${ref.slice(0, 57)}...` : ref;
  return new CdebugError('target_not_found', `No container can be named ${JSON.stringify(shown)}: give a container name, id or id prefix (see \`docker ps\`).`);
}

export async function inspectTarget(api: ContainerApi, ref: string): Promise<Target> {
  const invalid = checkTargetRef(ref);
  if (invalid) throw invalid;
  let info: Awaited<ReturnType<ContainerApi['inspect']>>;
  try {
    info = await api.inspect(ref.replace(/^\//, ''));
  } catch (err) {
    const status = engineStatus(err);
    if (status === 404) {
      throw new CdebugError('target_not_found', `No container named or with id "${ref}": check the name with \`docker ps\`.`);
    }
    if (status === 400 || status === 409) {
      // e.g. "multiple IDs found with provided prefix"
      throw new CdebugError('target_not_found', `"${ref}" matches more than one container: give more of the id, or the name.`);
    }
    throw engineError(err);
  }
  return targetFromInspect(info);
}

/** The facts a sidecar needs, and what the session shows, from a container's inspect data. */
export function targetFromInspect(info: Awaited<ReturnType<ContainerApi['inspect']>>): Target {
  const name = info.Name.replace(/^\//, '');
  const hostConfig = info.HostConfig as typeof info.HostConfig & { ReadonlyRootfs?: boolean; IpcMode?: string };
  const summary: ContainerDetails = {
    id: info.Id,
    name,
    image: info.Config.Image,
    state: info.State.Status,
    status: info.State.Status,
    createdAt: info.Created,
    command: [...(info.Config.Entrypoint ? [info.Config.Entrypoint].flat() : []), ...(info.Config.Cmd ?? [])].join(' '),
    user: info.Config.User || 'root',
    readOnly: hostConfig.ReadonlyRootfs === true,
    pidMode: hostConfig.PidMode || 'private',
    networkMode: hostConfig.NetworkMode || 'default',
    ports: [],
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
    exitCode: info.State.Running || !info.State.FinishedAt || info.State.FinishedAt.startsWith('0001-') ? null : info.State.ExitCode,
    finishedAt: info.State.Running || !info.State.FinishedAt || info.State.FinishedAt.startsWith('0001-') ? '' : info.State.FinishedAt,
  };
  return {
    id: info.Id,
    name,
    image: info.Config.Image,
    // a container being restarted (crash-looping) reads as running, but has no process to join
    running: info.State.Running === true && info.State.Paused !== true && info.State.Restarting !== true,
    env: info.Config.Env ?? [],
    workingDir: info.Config.WorkingDir || '/',
    pidMode: hostConfig.PidMode ?? '',
    ipcMode: hostConfig.IpcMode ?? '',
    hostPid: info.State.Pid,
    summary,
  };
}

/** A running target, or the error that says why it cannot be debugged. */
export async function resolveTarget(api: ContainerApi, ref: string): Promise<Target> {
  const target = await inspectTarget(api, ref);
  if (!target.running) {
    throw new CdebugError(
      'target_not_running',
      `Container "${target.name}" is ${target.summary.state}, not running: start it first (\`docker start ${target.name}\`).`,
    );
  }
  return target;
}
