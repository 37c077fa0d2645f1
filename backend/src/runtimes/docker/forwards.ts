// The forwards facet of the runtime port (port.ts), over the Docker API: a helper container in
// the target's network namespace (sidecar/forward-helper.ts), and per connection one exec of
// `nc REMOTE_HOST PORT` in it whose hijacked stream carries the bytes (api/tunnel-stream.ts).
// Nothing is published and no bridge network is needed: it works for `--network none` targets
// and over every way the engine is reached (unix, tcp+TLS, ssh), on Docker and Podman.

import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { CdebugError, DEFAULT_TOOLKIT_IMAGE, parseImageRef } from '../../contract/index.js';
import { HEARTBEAT, LIFELINE, buildForwardHelperSpec, connectCommand, isRefusal } from '../../sidecar/forward-helper.js';
import { exposedTcpPorts, parseListeningSockets } from '../../sidecar/proc-net-tcp.js';
import { LABELS } from '../../sidecar/spec.js';
import type { ForwardEngine, ForwardRequest, ForwardTunnel, TunnelEnd } from '../port.js';
import { type Engine, engineError, engineMessage, engineStatus } from './api/connect.js';
import { type ContainerApi, dockerodeApi } from './api/container-api.js';
import { AttachDemuxer } from './api/demux.js';
import { DETACH_KEYS } from './api/sidecar.js';
import { resolveTarget } from './api/target.js';
import { tunnelStream } from './api/tunnel-stream.js';
import { watchContainerDeaths } from './events.js';

async function ensureToolkit(api: ContainerApi): Promise<string> {
  const ref = parseImageRef(DEFAULT_TOOLKIT_IMAGE);
  if (!ref.ok) throw new CdebugError('internal', 'The default toolkit image reference is not valid.');
  await api.ensureImage(ref.value);
  return ref.value.canonical;
}

function helperError(err: unknown, what: string): CdebugError {
  if (err instanceof CdebugError) return err;
  if (engineStatus(err) !== undefined) return new CdebugError('forward_failed', `The engine refused the ${what}: ${engineMessage(err)}`, { cause: err });
  return engineError(err);
}

/** how often, and how far apart, a reported kill of the target is checked */
const STOP_CHECKS = 15;
const STOP_CHECK_MS = 200;

/** false once the container has stopped or is gone; an engine that does not answer says nothing yet */
async function stillRunning(api: ContainerApi, id: string): Promise<boolean> {
  try {
    const info = await api.inspect(id);
    return info.State.Running === true;
  } catch (err) {
    return engineStatus(err) !== 404;
  }
}

async function removeQuietly(engine: Engine, id: string): Promise<void> {
  try {
    await engine.getContainer(id).remove({ force: true });
  } catch {
    // gone already (AutoRemove), or the engine is away: the helper's lifeline ends with our attach
  }
}

export function dockerForwardEngine(engine: Engine, owner: string): ForwardEngine {
  const api = dockerodeApi(engine);

  async function open(request: ForwardRequest): Promise<ForwardTunnel> {
    const target = await resolveTarget(api, request.target);
    const image = await ensureToolkit(api);
    const spec = buildForwardHelperSpec({ owner, forwardId: request.forwardId, targetId: target.id, image, purpose: 'forward' });
    let helperId: string;
    try {
      helperId = await api.create(`cdebug-forward-${request.forwardId}`, spec);
    } catch (err) {
      throw helperError(err, "port-forward's helper container");
    }
    let lifeline: Duplex;
    try {
      lifeline = await api.attach(helperId, { stdin: true, detachKeys: DETACH_KEYS });
      lifeline.on('error', () => lifeline.destroy());
      await api.start(helperId);
    } catch (err) {
      await removeQuietly(engine, helperId);
      throw helperError(err, "port-forward's helper container");
    }

    // the helper ends when no beat comes for LIFELINE.timeoutSeconds, so an attach that drops
    // while the engine keeps the helper's stdin open (Podman), or a client gone from a tcp:// link
    // without a FIN, ends it too. Unref'd: the beat alone must not keep a process alive.
    const beats = setInterval(() => {
      if (lifeline.writable) lifeline.write(HEARTBEAT);
    }, LIFELINE.heartbeatMs);
    beats.unref();

    let settle: (end: TunnelEnd) => void = () => undefined;
    const ended = new Promise<TunnelEnd>((resolve) => (settle = resolve));
    let over = false;
    const finish = (end: TunnelEnd) => {
      if (over) return;
      over = true;
      unwatch();
      settle(end);
    };
    // Podman may report only the `kill` of a target that dies of it (no `die` in its Docker API
    // events): any report about the target is checked against its state, for a moment
    const confirmStopped = async () => {
      for (let attempt = 0; attempt < STOP_CHECKS && !over; attempt++) {
        if (!(await stillRunning(api, target.id))) {
          finish('target_stopped');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, STOP_CHECK_MS));
      }
    };
    const unwatch = watchContainerDeaths(engine, (id, event) => {
      if (id === target.id) void confirmStopped();
      else if (id === helperId && event === 'die') finish('helper_gone');
    });
    // the helper's lifeline ended (killed, removed from outside, no beat): its attach ends with it
    lifeline.on('close', () => {
      clearInterval(beats);
      finish('helper_gone');
    });
    lifeline.on('end', () => finish('helper_gone'));
    lifeline.resume();

    let closing: Promise<void> | null = null;
    return {
      target: { id: target.id, name: target.name },
      ended,
      async connect() {
        if (over) throw new CdebugError('forward_failed', 'The port-forward has ended.');
        let raw: Duplex;
        try {
          const exec = await engine.getContainer(helperId).exec({
            Cmd: connectCommand(request.remoteHost, request.remotePort),
            AttachStdin: true,
            AttachStdout: true,
            AttachStderr: true,
            Tty: false,
          });
          raw = await exec.start({ hijack: true, stdin: true });
        } catch (err) {
          throw helperError(err, 'connection through the port-forward');
        }
        (raw as Duplex & { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
        const tunnel = tunnelStream(raw);
        return { stream: tunnel.stream, refused: () => tunnel.received() === 0 && isRefusal(tunnel.stderr()) };
      },
      close() {
        closing ??= (async () => {
          finish('closed');
          clearInterval(beats);
          lifeline.destroy();
          await removeQuietly(engine, helperId);
        })();
        return closing;
      },
    };
  }

  return {
    open,

    async ports(ref) {
      const target = await resolveTarget(api, ref);
      const image = await ensureToolkit(api);
      const readerId = randomBytes(6).toString('hex');
      const spec = buildForwardHelperSpec({ owner, forwardId: `ports-${readerId}`, targetId: target.id, image, purpose: 'ports' });
      let id: string | null = null;
      try {
        id = await api.create(undefined, spec);
        await api.start(id);
        await engine.getContainer(id).wait();
        const logs = (await engine.getContainer(id).logs({ stdout: true, stderr: false, follow: false })) as unknown;
        const text = demuxStdout(Buffer.isBuffer(logs) ? logs : Buffer.alloc(0));
        const inspect = await api.inspect(target.id);
        return {
          target: { id: target.id, name: target.name },
          listening: parseListeningSockets(text),
          exposed: exposedTcpPorts(inspect.Config.ExposedPorts),
        };
      } catch (err) {
        throw helperError(err, 'port reader');
      } finally {
        if (id !== null) await removeQuietly(engine, id);
      }
    },

    async removeLeftovers() {
      let listed: Awaited<ReturnType<Engine['listContainers']>>;
      try {
        listed = await engine.listContainers({ all: true, filters: { label: [`${LABELS.owner}=${owner}`, LABELS.forward] } });
      } catch (err) {
        throw engineError(err);
      }
      await Promise.all(listed.filter((c) => c.Labels?.[LABELS.owner] === owner).map((c) => removeQuietly(engine, c.Id)));
    },
  };
}

function demuxStdout(logs: Buffer): string {
  const chunks: Buffer[] = [];
  new AttachDemuxer((kind, payload) => {
    if (kind === 'stdout') chunks.push(payload);
  }).push(logs);
  return Buffer.concat(chunks).toString('utf8');
}
