// The session side of the runtime port (port.ts) on a Kubernetes CRI runtime: the sidecar is a
// container in the target's pod that joins the target's PID namespace (see spec.ts), started and
// attached as sidecar.ts says. Every sidecar carries its owner's label, as on Docker.

import * as grpc from '@grpc/grpc-js';
import { CdebugError } from '../../contract/index.js';
import { checkSidecarRequest } from '../../sidecar/check-request.js';
import { buildSidecarSpec, LABELS } from '../../sidecar/spec.js';
import { specRequestOf } from '../../sidecar/spec-request.js';
import type { ContainerEvent, OwnedSidecar, SessionEngine, SessionInfo, SidecarRequest, TargetState } from '../port.js';
import { criMessage, criStatus } from './client.js';
import { adoptCriSidecar, removeContainer, startCriSidecar } from './sidecar.js';
import { criSidecarConfig } from './spec.js';
import { resolveCriTarget } from './target.js';
import type { Container, CriApi } from './types.js';

export interface CriSessionOptions {
  owner: string;
  /** the Kubernetes namespace a POD[/CONTAINER] target is looked up in */
  namespace: string;
}

/** how often the deaths of targets are looked for: CRI v1 in containerd 1.6 has no event stream */
const DEATH_POLL_MS = 1000;

export function criSessionEngine(api: CriApi, options: CriSessionOptions): SessionEngine {
  const { owner, namespace } = options;
  return {
    async prepare(request: SidecarRequest, sessionId: string) {
      const checked = checkSidecarRequest(request);
      if (request.asImage === true)
        throw new CdebugError('bad_request', 'A CRI runtime has no copies of images to debug: name a running container (POD[/CONTAINER]).');
      const [target, image] = await Promise.all([resolveCriTarget(api, request.target, namespace), api.imageStatus(checked.image.canonical)]);
      const info: SessionInfo = {
        target: { id: target.facts.id, name: target.facts.name },
        mode: 'live',
        image: checked.image.canonical,
        cmd: checked.cmd,
        user: checked.user,
        privileged: checked.privileges.Privileged,
      };
      if (checked.privileges.Privileged && target.sandbox.linux?.securityContext?.privileged !== true) {
        throw new CdebugError(
          'bad_request',
          `The pod ${target.podName} is not privileged, and a CRI runtime refuses privileged containers in it: use another --profile.`,
        );
      }
      return {
        info,
        imagePresent: image !== null,
        async launch({ cols, rows, onPull, onStarting, signal }) {
          signal.throwIfAborted();
          if (image === null) {
            // CRI's PullImage reports no progress: one step, said once
            onPull?.({ status: `Pulling ${checked.image.canonical}`, current: 0, total: 0, layers: {} });
            await api.pullImage(checked.image.canonical).catch((err: unknown) => {
              throw new CdebugError(
                'image_pull_failed',
                `The toolkit image ${checked.image.canonical} is not on the node and could not be pulled: ${criMessage(err)}`,
                { cause: err },
              );
            });
            signal.throwIfAborted();
            onStarting?.();
          }
          const spec = buildSidecarSpec(specRequestOf(checked, { sessionId, owner, target: target.facts, cols, rows }));
          const config = criSidecarConfig(spec, target.facts.id, target.pod);
          let id: string;
          try {
            id = await api.createContainer(target.podSandboxId, config, target.sandbox);
          } catch (err) {
            if (err instanceof CdebugError) throw err;
            throw new CdebugError('sidecar_failed', `The runtime refused the sidecar: ${criMessage(err)}`, { cause: err });
          }
          const handle = await startCriSidecar(api, id, { tty: request.tty, stdin: request.stdin, cols, rows });
          if (signal.aborted) {
            await handle.stop();
            signal.throwIfAborted();
          }
          return handle;
        },
      };
    },

    async listOwned() {
      const own = await api.listContainers({ labelSelector: { [LABELS.owner]: owner } });
      return own
        .filter((c) => c.labels[LABELS.session] && c.labels[LABELS.target] && c.labels[LABELS.forward] === undefined)
        .map((c): OwnedSidecar => ({
          id: c.id,
          sessionId: c.labels[LABELS.session] ?? '',
          running: c.state === 'CONTAINER_RUNNING',
          createdAt: new Date(Math.floor(c.createdAt / 1e6)).toISOString(),
          info: describeOwned(c),
        }));
    },

    adopt: (sidecarId) => adoptCriSidecar(api, sidecarId),

    // a CRI attach has no history, and the sidecar writes no log: an adopted screen starts empty
    history: () => Promise.resolve(new Uint8Array()),

    remove: (sidecarId) => removeContainer(api, sidecarId),

    async targetState(targetId): Promise<TargetState> {
      try {
        const status = await api.containerStatus(targetId);
        return status.state === 'CONTAINER_RUNNING' ? 'running' : 'stopped';
      } catch (err) {
        if (criStatus(err) === grpc.status.NOT_FOUND) return 'gone';
        throw err;
      }
    },

    async answers() {
      try {
        await api.version();
        return true;
      } catch {
        return false;
      }
    },

    watchDeaths(onEvent: (containerId: string, event: ContainerEvent) => void) {
      // the running containers, listed again each round: one that left the list has died
      let running: Set<string> | null = null;
      let stopped = false;
      const round = async () => {
        try {
          const now = new Set((await api.listContainers({ state: { state: 'CONTAINER_RUNNING' } })).map((c) => c.id));
          if (running) for (const id of running) if (!now.has(id) && !stopped) onEvent(id, 'die');
          running = now;
        } catch {
          // the runtime is away: the session's own stream tells it
        }
      };
      void round();
      const timer = setInterval(() => void round(), DEATH_POLL_MS);
      timer.unref();
      return () => {
        stopped = true;
        clearInterval(timer);
      };
    },
  };
}

/** what an adopted session shows, from its sidecar's labels */
function describeOwned(c: Container): SessionInfo {
  const targetId = c.labels[LABELS.target] ?? '';
  return {
    target: { id: targetId, name: targetId.slice(0, 12) },
    mode: 'live',
    image: c.labels[LABELS.image] ?? c.image?.image ?? '',
    cmd: [],
    user: null,
    privileged: false,
  };
}
