// The session side of the runtime port (port.ts), over the Docker API (api/): every sidecar
// it starts carries its owner's label (a service's, or one `cdebug exec`'s).

import { type Engine, engineAnswers, engineError, engineStatus } from './api/connect.js';
import { dockerodeApi } from './api/container-api.js';
import { checkRequest, type DebugRequest, launchDebug, prepareDebug } from './api/debug.js';
import { findImage } from './api/image.js';
import { adoptSidecar } from './api/sidecar.js';
import { LABELS } from '../../sidecar/spec.js';
import type { OwnedSidecar, SessionEngine, SessionInfo, SidecarRequest, TargetState } from '../port.js';
import { watchContainerDeaths } from './events.js';

/** `dialProbe`: the same engine dialled with PROBE_LIMITS, for `answers` (see engineAnswers); dialled
 * only when asked, as most sessions and every successful `cdebug exec` never ask */
export function dockerSessionEngine(engine: Engine, owner: string, dialProbe: () => Engine): SessionEngine {
  const api = dockerodeApi(engine);
  return {
    async prepare(request: SidecarRequest, sessionId: string) {
      const debugRequest: DebugRequest = { ...request, owner };
      // the target and the image asked about at once (one engine round trip on the way to the
      // prompt instead of two); a bad request is refused before either, the target's error first
      const { image } = checkRequest(debugRequest);
      const [target, found] = await Promise.allSettled([prepareDebug(api, debugRequest, sessionId), findImage(engine, image.canonical)]);
      if (target.status === 'rejected') throw target.reason;
      if (found.status === 'rejected') throw found.reason;
      const prepared = target.value;
      const imagePresent = found.value !== null;
      const info: SessionInfo = {
        target: { id: prepared.target.id, name: prepared.target.name },
        mode: 'live',
        image: prepared.image.canonical,
        cmd: prepared.cmd,
        user: prepared.user,
        privileged: prepared.privileges.Privileged,
      };
      return {
        info,
        imagePresent,
        launch: ({ cols, rows, onPull, onStarting, signal }) =>
          launchDebug(api, { ...prepared, request: { ...prepared.request, cols, rows } }, { onPull, onStarting, signal }),
      };
    },

    async listOwned() {
      let listed: Awaited<ReturnType<Engine['listContainers']>>;
      try {
        listed = await engine.listContainers({ all: true, filters: { label: [`${LABELS.owner}=${owner}`] } });
      } catch (err) {
        throw engineError(err);
      }
      const owned: OwnedSidecar[] = [];
      for (const c of listed) {
        const labels = c.Labels ?? {};
        const sessionId = labels[LABELS.session];
        const targetId = labels[LABELS.target];
        if (!sessionId || !targetId || labels[LABELS.owner] !== owner) continue;
        owned.push({
          id: c.Id,
          sessionId,
          running: c.State === 'running',
          createdAt: new Date(c.Created * 1000).toISOString(),
          info: await describeSidecar(engine, c.Id, targetId, labels[LABELS.image] ?? c.Image),
        });
      }
      return owned;
    },

    adopt: (sidecarId) => adoptSidecar(api, sidecarId, true),

    async history(sidecarId) {
      try {
        const logs = (await engine.getContainer(sidecarId).logs({ stdout: true, stderr: true, follow: false })) as unknown;
        return Buffer.isBuffer(logs) ? logs : new Uint8Array();
      } catch (err) {
        throw engineError(err);
      }
    },

    async remove(sidecarId) {
      try {
        await engine.getContainer(sidecarId).remove({ force: true });
      } catch (err) {
        const status = engineStatus(err);
        if (status !== 404 && status !== 409) throw engineError(err);
      }
    },

    async targetState(targetId): Promise<TargetState> {
      try {
        const info = await engine.getContainer(targetId).inspect();
        return info.State.Running && !info.State.Paused ? 'running' : 'stopped';
      } catch (err) {
        if (engineStatus(err) === 404) return 'gone';
        throw engineError(err);
      }
    },

    answers: () => engineAnswers(dialProbe()),

    watchDeaths: (onEvent) => watchContainerDeaths(engine, onEvent),
  };
}

/** what an adopted session shows, read back from its sidecar and its target */
async function describeSidecar(engine: Engine, id: string, targetId: string, image: string): Promise<SessionInfo> {
  let cmd: string[] = [];
  let user: string | null = null;
  let privileged = false;
  try {
    const info = await engine.getContainer(id).inspect();
    // the entry script's arguments: ["run", ...command]
    cmd = (info.Config.Cmd ?? []).slice(1);
    const userEntry = (info.Config.Env ?? []).find((e) => e.startsWith('CDEBUG_USER='));
    user = userEntry && userEntry.length > 'CDEBUG_USER='.length ? userEntry.slice('CDEBUG_USER='.length) : null;
    privileged = info.HostConfig.Privileged === true;
  } catch {
    // gone in between: reconciliation finds out when it attaches
  }
  let name = targetId.slice(0, 12);
  try {
    name = (await engine.getContainer(targetId).inspect()).Name.replace(/^\//, '');
  } catch {
    // the target is gone; the session will end as soon as it is adopted
  }
  return { target: { id: targetId, name }, mode: 'live', image, cmd, user, privileged };
}
