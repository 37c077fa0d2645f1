// The session side of the runtime port (port.ts), over the Docker API (api/): every sidecar
// it starts carries its owner's label (a service's, or one `cdebug exec`'s).

import { type Engine, engineAnswers, engineError, engineStatus } from './api/connect.js';
import { dockerodeApi } from './api/container-api.js';
import { checkRequest, type DebugRequest, launchDebug } from './api/debug.js';
import { findImage } from './api/image.js';
import { adoptSidecar } from './api/sidecar.js';
import { LABELS } from '../../sidecar/spec.js';
import { heldBy, readPrivileges } from './privileges.js';
import type { OwnedSidecar, SessionEngine, SessionInfo, SidecarPrivileges, SidecarRequest, TargetState } from '../port.js';
import { watchContainerDeaths } from './events.js';
import { resolveSubject } from './copy/resolve.js';
import { copyOfSidecar, disposer, prepareCopyLaunch, withCopy } from './copy/session.js';
import { sweepCopies } from './copy/sweep.js';
import { readTargetFile } from './files.js';

/** `dialProbe`: the same engine dialled with PROBE_LIMITS, for `answers` (see engineAnswers); dialled
 * only when asked, as most sessions and every successful `cdebug exec` never ask */
export function dockerSessionEngine(engine: Engine, owner: string, dialProbe: () => Engine): SessionEngine {
  const api = dockerodeApi(engine);
  return {
    async prepare(request: SidecarRequest, sessionId: string) {
      const debugRequest: DebugRequest = { ...request, owner };
      // the target and the image asked about at once (one engine round trip on the way to the
      // prompt instead of two); a bad request is refused before either, the target's error first
      const checked = checkRequest(debugRequest);
      const [subject, found] = await Promise.allSettled([
        resolveSubject(engine, api, request.target, request.asImage === true),
        findImage(engine, checked.image.canonical),
      ]);
      if (subject.status === 'rejected') throw subject.reason;
      if (found.status === 'rejected') throw found.reason;
      const imagePresent = found.value !== null;
      if (subject.value.kind !== 'live') {
        const context = {
          engine,
          api,
          sessionId,
          owner,
          keep: request.keep === true,
          rwVolumes: request.rwVolumes === true,
          imagePresent,
          toolkitId: found.value?.id ?? null,
        };
        return prepareCopyLaunch(subject.value, checked, context);
      }
      const prepared = { ...checked, sessionId, target: subject.value.target };
      const info: SessionInfo = {
        target: { id: prepared.target.id, name: prepared.target.name },
        mode: 'live',
        image: prepared.image.canonical,
        cmd: prepared.cmd,
        user: prepared.user,
        privileged: prepared.privileges.Privileged,
        privileges: heldBy(prepared.privileges),
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
        // a forward's helper is no session: the forwards facet removes its own leftovers
        if (labels[LABELS.forward] !== undefined) continue;
        owned.push({
          id: c.Id,
          sessionId,
          running: c.State === 'running',
          createdAt: new Date(c.Created * 1000).toISOString(),
          info: await describeSidecar(engine, c.Id, targetId, labels[LABELS.image] ?? c.Image, labels),
        });
      }
      // copies (and their images) whose sidecar never came, or is gone: killed in between
      await sweepCopies(engine, owner, new Set(owned.map((o) => o.sessionId)));
      return owned;
    },

    async adopt(sidecarId) {
      const copy = await copyOf(engine, sidecarId);
      const handle = await adoptSidecar(api, sidecarId, true);
      return copy ? withCopy(handle, disposer(engine, copy, false)) : handle;
    },

    readFile(sidecarId, path) {
      return readTargetFile(engine, sidecarId, path);
    },

    async history(sidecarId) {
      try {
        const logs = (await engine.getContainer(sidecarId).logs({ stdout: true, stderr: true, follow: false })) as unknown;
        return Buffer.isBuffer(logs) ? logs : new Uint8Array();
      } catch (err) {
        throw engineError(err);
      }
    },

    async remove(sidecarId) {
      const copy = await copyOf(engine, sidecarId);
      try {
        await engine.getContainer(sidecarId).remove({ force: true });
      } catch (err) {
        const status = engineStatus(err);
        if (status !== 404 && status !== 409) throw engineError(err);
      }
      if (copy) await disposer(engine, copy, false)();
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

/** the copy a sidecar runs in, from its labels (null: a live sidecar, or gone) */
async function copyOf(engine: Engine, sidecarId: string) {
  try {
    return copyOfSidecar((await engine.getContainer(sidecarId).inspect()).Config.Labels ?? {});
  } catch (err) {
    if (engineStatus(err) === 404) return null;
    throw engineError(err);
  }
}

/** what an adopted session shows, read back from its sidecar and its target */
async function describeSidecar(engine: Engine, id: string, targetId: string, image: string, labels: Record<string, string>): Promise<SessionInfo> {
  let cmd: string[] = [];
  let user: string | null = null;
  let privileged = false;
  let privileges: SidecarPrivileges | undefined;
  try {
    const info = await engine.getContainer(id).inspect();
    // the entry script's arguments: ["run", ...command]
    cmd = (info.Config.Cmd ?? []).slice(1);
    const userEntry = (info.Config.Env ?? []).find((e) => e.startsWith('CDEBUG_USER='));
    user = userEntry && userEntry.length > 'CDEBUG_USER='.length ? userEntry.slice('CDEBUG_USER='.length) : null;
    privileged = info.HostConfig.Privileged === true;
    privileges = readPrivileges(labels[LABELS.profile], info.HostConfig);
  } catch {
    // gone in between: reconciliation finds out when it attaches
  }
  let name = targetId.slice(0, 12);
  try {
    name = (await engine.getContainer(targetId).inspect()).Name.replace(/^\//, '');
  } catch {
    // the target is gone; the session will end as soon as it is adopted
  }
  const copy = copyOfSidecar(labels);
  if (!copy) return { target: { id: targetId, name }, mode: 'live', image, cmd, user, privileged, privileges };
  let copyName = copy.id.slice(0, 12);
  try {
    copyName = (await engine.getContainer(copy.id).inspect()).Name.replace(/^\//, '');
  } catch {
    // gone: the session ends as soon as it is adopted
  }
  const mode = labels[LABELS.mode] === 'image' ? 'image' : 'copy';
  return { target: { id: targetId, name }, mode, copy: { id: copy.id, name: copyName }, image, cmd, user, privileged, privileges };
}
