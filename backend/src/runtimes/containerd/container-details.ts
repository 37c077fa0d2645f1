// A containerd container (and its task, if any) as the contract's ContainerDetails. Pure.

import type { ContainerDetails } from '../../contract/index.js';
import type { Container, Process } from './client/messages.js';
import { millis } from './client/messages.js';
import { isReadOnly, networkModeOf, parseSpec, pidModeOf, userOf } from './target-facts.js';

/** 'running', 'created', 'paused', 'exited', or 'created' for a container with no task at all */
function stateOf(task: Process | null): string {
  switch (task?.status) {
    case 'RUNNING':
      return 'running';
    case 'PAUSED':
    case 'PAUSING':
      return 'paused';
    case 'STOPPED':
      return 'exited';
    default:
      return 'created';
  }
}

export function containerDetails(container: Container, task: Process | null): ContainerDetails {
  const spec = parseSpec(container.spec?.value);
  const args = (spec as { process?: { args?: unknown } }).process?.args;
  const command = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string').join(' ') : '';
  const state = stateOf(task);
  const stopped = task?.status === 'STOPPED';
  const status = state === 'running' ? `running (pid ${task?.pid ?? 0})` : stopped ? `exited (${task.exitStatus})` : state;
  return {
    id: container.id,
    name: container.id,
    image: container.image,
    state,
    status,
    createdAt: new Date(millis(container.createdAt)).toISOString(),
    command,
    user: userOf(spec),
    readOnly: isReadOnly(spec),
    pidMode: pidModeOf(spec),
    networkMode: networkModeOf(spec),
    ports: [],
    networks: [],
    exitCode: stopped ? task.exitStatus : null,
    finishedAt: stopped && task.exitedAt ? new Date(millis(task.exitedAt)).toISOString() : '',
  };
}

/** running ones first, then newest first, then by id */
export function byRunningThenNewest(a: ContainerDetails, b: ContainerDetails): number {
  const run = Number(b.state === 'running') - Number(a.state === 'running');
  return run || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}
