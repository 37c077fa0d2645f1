// The live side of the catalog (port.ts LiveCatalogEngine) over the Docker API: one full list of
// every container (at start and after a gap in the event stream), one inspect per container
// event, and the event stream itself (event-stream.ts). cdebug's own containers (sidecars,
// copies) are never part of it.

import { CdebugError, type ContainerDetails } from '../../contract/index.js';
import { isOwn } from './own-labels.js';
import { abortable, type Engine, engineError } from './api/connect.js';
import { type ContainerApi, dockerodeApi } from './api/container-api.js';
import { inspectTarget } from './api/target.js';
import { followContainerEvents } from './event-stream.js';
import type { LiveCatalogEngine } from '../port.js';

/** the events that change what a container row shows (Podman says "remove" for "destroy") */
const CHANGES = new Set(['create', 'start', 'restart', 'die', 'stop', 'rename', 'pause', 'unpause', 'update']);
const REMOVALS = new Set(['destroy', 'remove']);

const NO_SUCH_CONTAINER = /no such container/i;

/** How many inspects a full list runs at once: an engine with a thousand containers is not flooded. */
const LIST_CONCURRENCY = 8;

type Inspected = Awaited<ReturnType<ContainerApi['inspect']>>;

/** "127.0.0.1:8080->80/tcp" as `docker ps` shows them, from an inspect's port bindings */
export function portsOf(ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined): string[] {
  return Object.entries(ports ?? {}).flatMap(([port, bindings]) =>
    bindings?.length ? bindings.map((b) => `${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort}->${port}`) : [port],
  );
}

export function dockerLive(engine: Engine): LiveCatalogEngine {
  const base = dockerodeApi(engine);

  async function inspect(containerId: string, signal?: AbortSignal): Promise<ContainerDetails | null> {
    let raw: Inspected | null = null;
    const reader: ContainerApi = {
      ...base,
      inspect: async (ref) => (raw = await engine.getContainer(ref).inspect(abortable(signal))),
    };
    try {
      const { summary } = await inspectTarget(reader, containerId);
      const seen = raw as Inspected | null;
      if (isOwn(seen?.Config.Labels ?? undefined)) return null;
      return { ...summary, ports: portsOf(seen?.NetworkSettings?.Ports) };
    } catch (err) {
      if (err instanceof CdebugError && err.code === 'target_not_found') return null;
      const failed = engineError(err);
      // Podman answers a container removed a moment ago with a 500 that says so
      if (NO_SUCH_CONTAINER.test(failed.message)) return null;
      throw failed;
    }
  }

  return {
    inspect,

    async listAll(signal) {
      let listed: Awaited<ReturnType<Engine['listContainers']>>;
      try {
        listed = await engine.listContainers({ all: true, ...abortable(signal) });
      } catch (err) {
        throw engineError(err);
      }
      const ids = listed.filter((c) => !isOwn(c.Labels)).map((c) => c.Id);
      const found: ContainerDetails[] = [];
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++];
          const details = id ? await inspect(id, signal) : null;
          if (details) found.push(details);
        }
      };
      await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, ids.length) }, worker));
      return found;
    },

    watchContainers(watch) {
      return followContainerEvents(engine, null, {
        onOpen: () => watch.onOpen(),
        onLost: (err) => watch.onLost(engineError(err)),
        onEvent: ({ id, action, labels }) => {
          if (isOwn(labels)) return;
          if (REMOVALS.has(action)) watch.onChange(id, true);
          else if (CHANGES.has(action)) watch.onChange(id, false);
        },
      });
    },
  };
}
