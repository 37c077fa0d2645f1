// Everything a sidecar leaves in containerd, removed: its task (killed first), its container and
// its snapshot. Each step tolerates what is gone already, so it serves a session's end, a failed
// start half-way, and a service's sweep of its leftovers alike.

import type { ContainerdClient } from './client/connect.js';
import { containerdError, GRPC, grpcCode, isNotFound } from './client/errors.js';

export const SNAPSHOTTER = 'overlayfs';
const SIGKILL = 9;

async function tolerant(run: () => Promise<unknown>, ignore: readonly number[]): Promise<void> {
  try {
    await run();
  } catch (err) {
    const code = grpcCode(err);
    if (code === undefined || !ignore.includes(code)) throw err;
  }
}

/** kills the task's processes (every one in its cgroup) and deletes it once it has exited */
export async function removeTask(client: ContainerdClient, id: string): Promise<void> {
  await tolerant(() => client.call('tasks', 'Kill', { containerId: id, signal: SIGKILL, all: true }), [GRPC.notFound, GRPC.failedPrecondition]);
  // a killed task takes a moment to be reaped: Delete refuses a running one
  for (let attempt = 0; ; attempt++) {
    try {
      await client.call('tasks', 'Delete', { containerId: id });
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (grpcCode(err) !== GRPC.failedPrecondition || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function removeSidecar(client: ContainerdClient, id: string, snapshotKey: string = id): Promise<void> {
  try {
    await removeTask(client, id);
    await tolerant(() => client.call('containers', 'Delete', { id }), [GRPC.notFound]);
    await tolerant(() => client.call('snapshots', 'Remove', { snapshotter: SNAPSHOTTER, key: snapshotKey }), [GRPC.notFound]);
  } catch (err) {
    throw containerdError(err, client.socket, `remove the sidecar ${id}`);
  }
}
