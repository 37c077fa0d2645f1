// The catalog side of the runtime port over containerd: what it is (its version, and the
// namespace this engine reads), its containers without cdebug's own sidecars (running tasks
// first), its images. containerd keeps no container logs: a log is empty.

import { CdebugError } from '../../contract/index.js';
import { LABELS } from '../../sidecar/spec.js';
import type { ContainerdClient } from './client/connect.js';
import { containerdError } from './client/errors.js';
import type { Container, Image, Process } from './client/messages.js';
import { millis } from './client/messages.js';
import { byRunningThenNewest, containerDetails } from './container-details.js';
import { getContainer } from './target.js';
import type { CatalogEngine, ImageDetails, LocalImage } from '../port.js';

export function containerdCatalog(client: ContainerdClient): CatalogEngine {
  const images = async (signal?: AbortSignal): Promise<Image[]> => {
    try {
      return (await client.call<{ images: Image[] }>('images', 'List', { filters: [] }, signal)).images;
    } catch (err) {
      throw containerdError(err, client.socket, 'list its images');
    }
  };
  return {
    async describe(signal) {
      try {
        const v = await client.call<{ version: string }>('version', 'Version', {}, signal);
        return { name: `containerd (namespace ${client.namespace})`, version: v.version, apiVersion: 'v1' };
      } catch (err) {
        throw containerdError(err, client.socket, 'say its version');
      }
    },

    async containers(signal, scope = 'running') {
      let containers: Container[];
      let tasks: Process[];
      try {
        [containers, tasks] = await Promise.all([
          client.call<{ containers: Container[] }>('containers', 'List', { filters: [] }, signal).then((a) => a.containers),
          client.call<{ tasks: Process[] }>('tasks', 'List', { filter: '' }, signal).then((a) => a.tasks),
        ]);
      } catch (err) {
        throw containerdError(err, client.socket, 'list its containers');
      }
      // containerd 1.6 names a listed task's container in `id` and leaves `containerId` empty
      const taskOf = new Map(tasks.map((t) => [t.containerId || t.id, t]));
      return containers
        .filter((c) => c.labels[LABELS.owner] === undefined && c.labels[LABELS.session] === undefined)
        .map((c) => containerDetails(c, taskOf.get(c.id) ?? null))
        .filter((c) => scope === 'all' || c.state === 'running')
        .sort(byRunningThenNewest);
    },

    async images(signal): Promise<LocalImage[]> {
      return (await images(signal)).map((i) => ({ tags: [i.name], labels: i.labels }));
    },

    async debuggableImages(signal): Promise<ImageDetails[]> {
      return (await images(signal))
        .map((i) => ({
          id: i.target?.digest ?? i.name,
          tags: [i.name],
          size: Number(i.target?.size ?? 0),
          createdAt: new Date(millis(i.createdAt)).toISOString(),
        }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    async logs(ref, _tail, signal) {
      if (!(await getContainer(client, ref, signal)))
        throw new CdebugError('target_not_found', `No container in containerd's namespace "${client.namespace}" has the id "${ref}".`);
      return [];
    },
  };
}
