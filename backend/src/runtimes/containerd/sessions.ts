// The session side of the runtime port (port.ts) over containerd: a target is a container id in
// the client's namespace, a sidecar a container of its own (launch.ts) carrying the owner's labels.

import { LABELS } from '../../sidecar/spec.js';
import { specRequestOf } from '../../sidecar/spec-request.js';
import { checkSidecarRequest } from '../../sidecar/check-request.js';
import { connectContainerd, type ContainerdClient } from './client/connect.js';
import { containerdError } from './client/errors.js';
import type { Container } from './client/messages.js';
import { adoptSidecar } from './adopt.js';
import { watchTaskExits } from './events.js';
import { launchSidecar } from './launch.js';
import { removeSidecar } from './remove.js';
import { getTask, resolveTarget, targetState } from './target.js';
import { findImage, resolveToolkit } from './toolkit.js';
import type { OwnedSidecar, SessionEngine, SessionInfo } from '../port.js';
import { CdebugError } from '../../contract/index.js';
import { millis } from './client/messages.js';
import { parseSpec } from './target-facts.js';
import { containerdImageName } from './image-config.js';

export function containerdSessionEngine(client: ContainerdClient, owner: string): SessionEngine {
  return {
    async prepare(request, sessionId) {
      if (request.asImage === true) throw unsupported('--as-image');
      const checked = checkSidecarRequest(request);
      const imageName = containerdImageName(checked.image);
      const [target, image] = await Promise.allSettled([resolveTarget(client, request.target), findImage(client, imageName)]);
      if (target.status === 'rejected') throw target.reason;
      if (image.status === 'rejected') throw image.reason;
      const info: SessionInfo = {
        target: { id: target.value.id, name: target.value.name },
        mode: 'live',
        image: imageName,
        cmd: checked.cmd,
        user: checked.user,
        privileged: checked.privileges.Privileged,
      };
      return {
        info,
        imagePresent: image.value !== null,
        async launch({ cols, rows, signal }) {
          const toolkit = await resolveToolkit(client, imageName, signal);
          // the target may have restarted since prepare: its task's pid is read again
          const task = await getTask(client, target.value.id, signal);
          if (!task || task.status !== 'RUNNING')
            throw new CdebugError('target_not_running', `The container ${target.value.id} stopped before its sidecar could start.`);
          const specRequest = specRequestOf(checked, { sessionId, owner, target: target.value, image: imageName, cols, rows });
          return launchSidecar(client, { request: specRequest, toolkit, targetTaskPid: task.pid, signal });
        },
      };
    },

    async listOwned() {
      let containers: Container[];
      try {
        const filter = `labels."${LABELS.owner}"==${JSON.stringify(owner)}`;
        containers = (await client.call<{ containers: Container[] }>('containers', 'List', { filters: [filter] })).containers;
      } catch (err) {
        throw containerdError(err, client.socket, 'list its sidecars');
      }
      const owned: OwnedSidecar[] = [];
      for (const c of containers) {
        const sessionId = c.labels[LABELS.session];
        const targetId = c.labels[LABELS.target];
        if (!sessionId || !targetId || c.labels[LABELS.owner] !== owner) continue;
        const task = await getTask(client, c.id);
        const args = (parseSpec(c.spec?.value) as { process?: { args?: unknown } }).process?.args;
        const cmd = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string').slice(5) : [];
        owned.push({
          id: c.id,
          sessionId,
          running: task?.status === 'RUNNING',
          createdAt: new Date(millis(c.createdAt)).toISOString(),
          info: { target: { id: targetId, name: targetId }, mode: 'live', image: c.labels[LABELS.image] ?? c.image, cmd, user: null, privileged: false },
        });
      }
      return owned;
    },

    adopt: (id) => adoptSidecar(client, id),
    // containerd keeps no output of a task: an adopted screen starts empty
    history: () => Promise.resolve(new Uint8Array()),
    remove: (id) => removeSidecar(client, id),
    targetState: (id) => targetState(client, id),

    async answers() {
      // a fresh connection, as on Docker: a pooled one may outlive a containerd that went away
      const probe = connectContainerd(client.socket, client.namespace);
      try {
        await probe.call('version', 'Version', {}, AbortSignal.timeout(2000));
        return true;
      } catch {
        return false;
      } finally {
        probe.close();
      }
    },

    watchDeaths: (onEvent) => watchTaskExits(client, onEvent),
  };
}

function unsupported(what: string): CdebugError {
  return new CdebugError('target_unsupported', `${what} is not supported on containerd yet: give a running container's id.`);
}
