// The catalog side of the runtime port (port.ts), over the Docker API: containers (running ones, or
// all) without cdebug's sidecars and copies, local images, a container's last log lines, and what
// the engine is.

import { CdebugError, type ContainerDetails } from '../../contract/index.js';
import { abortable, describeEngine, type Engine, engineError } from './api/connect.js';
import { type ContainerApi, dockerodeApi } from './api/container-api.js';
import { readLogs } from './api/logs.js';
import { inspectTarget } from './api/target.js';
import { debuggableImages } from './image-list.js';
import { isOwn } from './own-labels.js';
import type { CatalogEngine, ImageDetails, LocalImage } from '../port.js';
import { dockerLive } from './live.js';

type Listed = Awaited<ReturnType<Engine['listContainers']>>[number];

function portsOf(c: Listed): string[] {
  return (c.Ports ?? []).map((p) => (p.PublicPort ? `${p.IP ? `${p.IP}:` : ''}${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`));
}

export function dockerCatalog(engine: Engine): CatalogEngine {
  const api = dockerodeApi(engine);
  return {
    describe: (signal) => describeEngine(engine, signal),
    live: dockerLive(engine),

    async containers(signal, scope = 'running') {
      let listed: Listed[];
      try {
        listed = await engine.listContainers(
          scope === 'all' ? { all: true, ...abortable(signal) } : { filters: { status: ['running'] }, ...abortable(signal) },
        );
      } catch (err) {
        throw engineError(err);
      }
      // neither sidecars nor the copies that sessions run in (a kept copy, with no owner, is the user's)
      const targets = listed.filter((c) => !isOwn(c.Labels));
      // the inspects stop with the list when the deadline passes
      const reader: ContainerApi = { ...api, inspect: (ref) => engine.getContainer(ref).inspect(abortable(signal)) };
      const summaries = await Promise.all(
        targets.map(async (c): Promise<ContainerDetails | null> => {
          try {
            const { summary } = await inspectTarget(reader, c.Id);
            return { ...summary, status: c.Status || summary.status, ports: portsOf(c) };
          } catch (err) {
            // gone between the list and the inspect
            if (err instanceof CdebugError && err.code === 'target_not_found') return null;
            throw engineError(err);
          }
        }),
      );
      return summaries.filter((s): s is ContainerDetails => s !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
    },

    async images(signal): Promise<LocalImage[]> {
      try {
        const images = await engine.listImages(abortable(signal));
        return images.map((i) => ({ tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), labels: i.Labels ?? {} }));
      } catch (err) {
        throw engineError(err);
      }
    },

    async debuggableImages(signal): Promise<ImageDetails[]> {
      try {
        return debuggableImages(await engine.listImages(abortable(signal)));
      } catch (err) {
        throw engineError(err);
      }
    },

    logs: (ref, tail, signal) => readLogs(engine, ref, tail, signal),
  };
}
