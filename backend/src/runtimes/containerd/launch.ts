// Starting a sidecar on containerd, in the order its pieces depend on each other: the container
// (with the OCI spec, the labels and the snapshot's key), the snapshot prepared from the toolkit
// image's layers (its chain id), the FIFOs, the task; then the wait, asked before the start so
// that no exit goes unseen; then the start. Whatever fails half-way is removed again.

import type { SidecarRequest } from '../../sidecar/spec.js';
import { sidecarLabels } from '../../sidecar/spec.js';
import { CdebugError } from '../../contract/index.js';
import type { ContainerdClient } from './client/connect.js';
import { GRPC, grpcCode, isNotFound } from './client/errors.js';
import { type Mount, SPEC_TYPE_URL } from './client/messages.js';
import { openTaskIo, type TaskIo } from './fifos.js';
import { launchFailed, taskHandle } from './handle.js';
import { buildOciSpec } from './oci-spec.js';
import { removeSidecar, SNAPSHOTTER } from './remove.js';
import type { Toolkit } from './toolkit.js';
import type { SidecarHandle } from '../port.js';

export const RUNTIME_NAME = 'io.containerd.runc.v2';

export interface ContainerdLaunch {
  request: SidecarRequest;
  toolkit: Toolkit;
  targetTaskPid: number;
  signal?: AbortSignal | undefined;
}

/** the sidecar's container id: cdebug-<session id>, as its Docker name */
export function sidecarId(sessionId: string): string {
  return `cdebug-${sessionId}`;
}

export async function launchSidecar(client: ContainerdClient, launch: ContainerdLaunch): Promise<SidecarHandle> {
  const { request, toolkit } = launch;
  const id = sidecarId(request.sessionId);
  const spec = buildOciSpec({ ...request, targetTaskPid: launch.targetTaskPid, imageEnv: toolkit.env, namespace: client.namespace, containerId: id });
  let io: TaskIo | null = null;
  try {
    await client.call('containers', 'Create', {
      container: {
        id,
        labels: sidecarLabels(request),
        image: toolkit.name,
        runtime: { name: RUNTIME_NAME },
        spec: { typeUrl: SPEC_TYPE_URL, value: Buffer.from(JSON.stringify(spec)) },
        snapshotter: SNAPSHOTTER,
        snapshotKey: id,
      },
    });
    // after the container, which holds it from then on (containerd's garbage collector would
    // take a snapshot nothing refers to)
    const mounts = await prepareSnapshot(client, id, toolkit);
    io = await openTaskIo({ stdin: request.stdin, tty: request.tty });
    await client.call('tasks', 'Create', { containerId: id, rootfs: mounts, terminal: request.tty, ...io.paths });
    const waited = client.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id }).then((w) => w.exitStatus);
    // a failed start answers the wait with an error, which nobody would read
    waited.catch(() => undefined);
    await client.call('tasks', 'Start', { containerId: id });
    const launchSize = request.tty && request.size ? request.size : null;
    const handle = taskHandle(client, id, io, waited, { process: spec.process as Record<string, unknown>, launchSize, tty: request.tty });
    // the entry script sizes the pty itself (CDEBUG_SIZE); containerd's resize follows for toolkits without stty
    if (launchSize) void handle.resize(launchSize.cols, launchSize.rows).catch(() => undefined);
    if (launch.signal?.aborted) {
      await handle.stop();
      launch.signal.throwIfAborted();
    }
    return handle;
  } catch (err) {
    io?.dispose();
    await removeSidecar(client, id).catch(() => undefined);
    if (err instanceof CdebugError || launch.signal?.aborted) throw err;
    if (grpcCode(err) === GRPC.alreadyExists) {
      throw new CdebugError(
        'sidecar_failed',
        `containerd already has a container ${id}: remove it (ctr -n ${client.namespace} containers rm ${id}) and try again.`,
      );
    }
    throw launchFailed(err, client, 'start the sidecar');
  }
}

async function prepareSnapshot(client: ContainerdClient, key: string, toolkit: Toolkit): Promise<Mount[]> {
  try {
    const answer = await client.call<{ mounts: Mount[] }>('snapshots', 'Prepare', { snapshotter: SNAPSHOTTER, key, parent: toolkit.chainId, labels: {} });
    return answer.mounts;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new CdebugError(
      'image_not_found',
      `The toolkit image ${toolkit.name} is in containerd's namespace "${client.namespace}" but not unpacked for the ${SNAPSHOTTER} snapshotter: ` +
        `pull or import it again with ctr (which unpacks it), then try again.`,
    );
  }
}
