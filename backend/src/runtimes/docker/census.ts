// Every cdebug sidecar on one engine, whoever started it (the port's SidecarCensus): what
// `cdebug ps` lists and `cdebug kill` ends when no service holds the session.

import { abortable, type Engine, engineError, engineStatus } from './api/connect.js';
import { dockerodeApi } from './api/container-api.js';
import { adoptSidecar } from './api/sidecar.js';
import { LABELS } from '../../sidecar/spec.js';
import type { SidecarCensus, SidecarSummary } from '../port.js';

export function dockerCensus(engine: Engine): SidecarCensus {
  const api = dockerodeApi(engine);
  return {
    async list(signal) {
      let listed: Awaited<ReturnType<Engine['listContainers']>>;
      try {
        listed = await engine.listContainers({ all: true, filters: { label: [LABELS.session] }, ...abortable(signal) });
      } catch (err) {
        throw engineError(err);
      }
      return listed
        .map((c): SidecarSummary => {
          const labels = c.Labels ?? {};
          return {
            id: c.Id,
            sessionId: labels[LABELS.session] ?? '',
            owner: labels[LABELS.owner] ?? '',
            targetId: labels[LABELS.target] ?? '',
            image: labels[LABELS.image] ?? c.Image,
            running: c.State === 'running',
            createdAt: new Date(c.Created * 1000).toISOString(),
            profile: labels[LABELS.profile] ?? null,
          };
        })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    async end(sidecarId) {
      let tty: boolean;
      try {
        const info = await engine.getContainer(sidecarId).inspect();
        if (!info.State.Running) {
          await engine.getContainer(sidecarId).remove({ force: true });
          return;
        }
        tty = info.Config.Tty === true;
      } catch (err) {
        if (engineStatus(err) === 404) return;
        throw engineError(err);
      }
      // the same end as a session's: the processes deepest first (no zombie left in the target),
      // the planted /nix link removed, then the container
      const handle = await adoptSidecar(api, sidecarId, tty);
      handle.output.resume();
      handle.errors?.resume();
      await handle.stop();
    },
  };
}
