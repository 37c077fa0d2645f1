// A containerd target: its container (by id: containerd has no names) and its running task.

import { CdebugError } from '../../contract/index.js';
import type { TargetFacts } from '../../sidecar/spec.js';
import type { ContainerdClient } from './client/connect.js';
import { containerdError, isNotFound } from './client/errors.js';
import type { Container, Process } from './client/messages.js';
import { parseSpec, targetFacts } from './target-facts.js';
import type { TargetState } from '../port.js';

export async function getContainer(client: ContainerdClient, id: string, signal?: AbortSignal): Promise<Container | null> {
  try {
    return (await client.call<{ container: Container }>('containers', 'Get', { id }, signal)).container;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw containerdError(err, client.socket, `look up the container ${id}`);
  }
}

export async function getTask(client: ContainerdClient, id: string, signal?: AbortSignal): Promise<Process | null> {
  try {
    return (await client.call<{ process: Process }>('tasks', 'Get', { containerId: id }, signal)).process;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw containerdError(err, client.socket, `look up the task of ${id}`);
  }
}

/** the target's facts once it is known to run; coded errors: target_not_found, target_not_running */
export async function resolveTarget(client: ContainerdClient, ref: string): Promise<TargetFacts> {
  if (!ref || ref.length > 255)
    throw new CdebugError('target_not_found', `No container in containerd's namespace "${client.namespace}" has the id "${ref.slice(0, 64)}".`);
  const [container, task] = await Promise.all([getContainer(client, ref), getTask(client, ref)]);
  if (!container) {
    throw new CdebugError(
      'target_not_found',
      `No container in containerd's namespace "${client.namespace}" has the id "${ref}" (list them with: ctr -n ${client.namespace} containers ls).`,
    );
  }
  if (!task || task.status !== 'RUNNING') {
    throw new CdebugError('target_not_running', `The container ${ref} has no running task (${task ? task.status.toLowerCase() : 'none'}): start it first.`);
  }
  return targetFacts(container.id, parseSpec(container.spec?.value), task.pid);
}

export async function targetState(client: ContainerdClient, id: string): Promise<TargetState> {
  const container = await getContainer(client, id);
  if (!container) return 'gone';
  const task = await getTask(client, id);
  return task?.status === 'RUNNING' ? 'running' : 'stopped';
}
