// Re-attaching to a sidecar a dead service left running: its task still writes to the FIFOs
// it was created with (the shim holds them open), whose paths containerd remembers.

import { closeSync, constants, existsSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import { CdebugError } from '../../contract/index.js';
import type { ContainerdClient } from './client/connect.js';
import type { TaskIo } from './fifos.js';
import { getContainer, getTask } from './target.js';
import { taskHandle } from './handle.js';
import { parseSpec } from './target-facts.js';
import type { SidecarHandle } from '../port.js';

interface TaskPaths {
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
}

export async function adoptSidecar(client: ContainerdClient, id: string): Promise<SidecarHandle> {
  const [container, task] = await Promise.all([getContainer(client, id), getTask(client, id)]);
  const paths: TaskPaths | null = task;
  if (!container || !task || task.status !== 'RUNNING' || !paths || !paths.stdout || !existsSync(paths.stdout)) {
    throw new CdebugError('session_ended', `The sidecar ${id} is no longer running, or its terminal is gone.`);
  }
  const holder = openSync(paths.stdout, constants.O_RDWR);
  const output = new Socket({ fd: openSync(paths.stdout, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  output.on('error', () => output.destroy());
  const input = paths.stdin && existsSync(paths.stdin) ? new Socket({ fd: openSync(paths.stdin, constants.O_RDWR), readable: false, writable: true }) : null;
  input?.on('error', () => input.destroy());
  let held = true;
  const release = () => {
    if (held) closeSync(holder);
    held = false;
  };
  const io: TaskIo = {
    paths: { stdin: paths.stdin, stdout: paths.stdout, stderr: paths.stderr },
    input,
    output,
    errors: null,
    release,
    dispose() {
      release();
      output.destroy();
      input?.destroy();
      rmSync(dirname(paths.stdout), { recursive: true, force: true });
    },
  };
  const waited = client.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id }).then((w) => w.exitStatus);
  waited.catch(() => undefined);
  const spec = parseSpec(container.spec?.value) as { process?: Record<string, unknown> };
  return taskHandle(client, id, io, waited, { process: spec.process ?? {}, launchSize: null, tty: paths.terminal });
}
