// A sidecar on a CRI runtime, as the port's small handle: created in the target's pod, started,
// attached through the runtime's streaming server (kube-stream/), then let go at the gate.
//
// CRI can attach only to a running container, and an attach sees only what is printed after it
// joined; so the entry script waits at CDEBUG_GATE (spec.ts) until the attach is up and the pty
// sized, and the gate is opened with an ExecSync that creates the file. Input without a pty goes
// through an attach of its own: v4.channel.k8s.io cannot close stdin alone, but the runtime closes
// a StdinOnce container's stdin when an attach's input ends, so closing that second socket is the
// command's EOF while the first one (whose own input is never written nor closed) still carries
// its output.

import * as grpc from '@grpc/grpc-js';
import { PassThrough } from 'node:stream';
import { CdebugError } from '../../contract/index.js';
import { openChannelSocket, type ChannelSocket } from '../kube-stream/socket.js';
import type { SidecarExit, SidecarHandle } from '../port.js';
import { criMessage, criStatus } from './client.js';
import { GATE_PATH } from './spec.js';
import type { CriApi } from './types.js';

export interface AttachPlan {
  tty: boolean;
  stdin: boolean;
  cols?: number | undefined;
  rows?: number | undefined;
}

/** a pause that keeps the process alive: the exit is read after the stream has closed, when
 * nothing else may be left to keep Node running */
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** a bound on a wait that must not keep the process alive by itself */
const bound = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const gone = (err: unknown) => criStatus(err) === grpc.status.NOT_FOUND;

/** removes a container; gone already is fine */
export async function removeContainer(api: CriApi, id: string): Promise<void> {
  await api.stopContainer(id, 0).catch((err: unknown) => {
    if (!gone(err)) throw err;
  });
  await api.removeContainer(id).catch((err: unknown) => {
    if (!gone(err)) throw err;
  });
}

/** starts the created sidecar and attaches to it; removes it when anything fails */
export async function startCriSidecar(api: CriApi, id: string, plan: AttachPlan): Promise<SidecarHandle> {
  const sockets: ChannelSocket[] = [];
  try {
    await api.startContainer(id);
    const handle = await attachHandle(api, id, plan, sockets);
    await passGate(api, id);
    return handle;
  } catch (err) {
    for (const s of sockets) s.destroy();
    await removeContainer(api, id).catch(() => undefined);
    if (err instanceof CdebugError) throw err;
    throw new CdebugError('sidecar_failed', `The sidecar did not start: ${criMessage(err)}`, { cause: err });
  }
}

/** attaches to a sidecar that is running already (a service's, after a restart) */
export async function adoptCriSidecar(api: CriApi, id: string): Promise<SidecarHandle> {
  const sockets: ChannelSocket[] = [];
  try {
    return await attachHandle(api, id, { tty: true, stdin: true }, sockets);
  } catch (err) {
    for (const s of sockets) s.destroy();
    throw err instanceof CdebugError ? err : new CdebugError('sidecar_failed', `Could not attach to the sidecar: ${criMessage(err)}`, { cause: err });
  }
}

/**
 * Opens the gate. Its exec can fail, or answer late, when the sidecar's PID namespace dies around
 * it (the target stopped, on a busy node): a sidecar that stops within a moment has passed the
 * gate or never will, and its handle reports how it ended. One that still runs gets one more try.
 */
async function passGate(api: CriApi, id: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await openGate(api, id);
      return;
    } catch (err) {
      for (let i = 0; i < 10; i++) {
        if (!(await isRunning(api, id))) return;
        await delay(200);
      }
      if (attempt > 0) throw err;
    }
  }
}

async function isRunning(api: CriApi, id: string): Promise<boolean> {
  try {
    return (await api.containerStatus(id)).state === 'CONTAINER_RUNNING';
  } catch {
    return false;
  }
}

async function openGate(api: CriApi, id: string): Promise<void> {
  const opened = await api.execSync(id, ['sh', '-c', ': > "$1"', 'cdebug', GATE_PATH], 10);
  if (opened.exitCode !== 0) {
    throw new CdebugError(
      'sidecar_failed',
      `The sidecar could not be started: ${opened.stderr.toString('utf8').trim() || `its gate exited ${opened.exitCode}`}`,
    );
  }
}

async function attachOutput(api: CriApi, id: string, plan: AttachPlan): Promise<ChannelSocket> {
  // With stdin even when the input has an attach of its own: the streaming server hands the
  // runtime an input for an attach that asked for none, at its end at once, and containerd then
  // closes a StdinOnce container's stdin, before the command has read a byte of its input.
  const url = await api.attach({ containerId: id, stdin: plan.stdin, tty: plan.tty, stdout: true, stderr: !plan.tty });
  return openChannelSocket(url);
}

interface Size {
  cols: number;
  rows: number;
}

async function attachHandle(api: CriApi, id: string, plan: AttachPlan, sockets: ChannelSocket[]): Promise<SidecarHandle> {
  let socket = await attachOutput(api, id, plan);
  sockets.push(socket);
  let input: ChannelSocket | null = null;
  if (plan.stdin && !plan.tty) {
    input = await openChannelSocket(await api.attach({ containerId: id, stdin: true, tty: false, stdout: false, stderr: false }));
    sockets.push(input);
  }
  const launchSize: Size | null = plan.tty && plan.cols && plan.rows ? { cols: plan.cols, rows: plan.rows } : null;
  // sized before the gate opens: the script finds the pty sized and sets nothing itself
  if (launchSize) socket.resize(launchSize.cols, launchSize.rows);

  const output = new PassThrough();
  const errors = plan.tty ? null : new PassThrough();
  const follow = (s: ChannelSocket) => {
    s.stdout.pipe(output, { end: false });
    if (errors) s.stderr.pipe(errors, { end: false });
  };
  follow(socket);

  let ended = false;
  let stopping: Promise<void> | null = null;
  const exit: Promise<SidecarExit> = (async () => {
    for (;;) {
      await socket.ended;
      const result = await exitAfterClose(api, id);
      if (result !== 'running' || stopping) {
        ended = true;
        output.end();
        errors?.end();
        input?.destroy();
        // exited: no stop needed, one round trip less on the way out
        if (result !== 'running' && result.kind === 'exited') await api.removeContainer(id).catch(() => undefined);
        else await removeContainer(api, id).catch(() => undefined);
        return result === 'running' ? lostExit('The sidecar was stopped.') : result;
      }
      // the stream was cut (the streaming server's idle timeout, a network blip) while the
      // command runs on: join it again
      try {
        socket = await attachOutput(api, id, plan);
        follow(socket);
      } catch {
        // it ended in between: the next round reads its status
      }
    }
  })();

  let asked: Size | null = null;
  let settled = launchSize === null;
  const resize = (cols: number, rows: number): Promise<void> => {
    asked = { cols, rows };
    if (plan.tty && !ended) socket.resize(cols, rows);
    return Promise.resolve();
  };

  return {
    id,
    output,
    errors,
    write(data) {
      if (ended) return;
      (input ?? socket).write(data);
    },
    endInput() {
      input?.close();
    },
    resize,
    outputBegan() {
      if (settled) return;
      settled = true;
      if (asked && launchSize && (asked.cols !== launchSize.cols || asked.rows !== launchSize.rows)) void resize(asked.cols, asked.rows);
    },
    exit,
    stop() {
      stopping ??= (async () => {
        if (!ended) {
          // the entry script ends the command's processes deepest first (see entry.sh), so that
          // none is left a zombie in the target; its anchor then exits
          await api.execSync(id, ['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug', 'cleanup'], 5).catch(() => undefined);
          await Promise.race([exit, bound(3000)]);
        }
        await removeContainer(api, id);
        await Promise.race([exit, bound(10_000)]);
        for (const s of sockets) s.destroy();
        socket.destroy();
      })();
      return stopping;
    },
  };
}

function lostExit(message: string): SidecarExit {
  return { kind: 'lost', error: new CdebugError('sidecar_failed', message) };
}

/** the command's exit once its stream has closed: the runtime records it a moment after */
async function exitAfterClose(api: CriApi, id: string): Promise<SidecarExit | 'running'> {
  for (let i = 0; i < 20; i++) {
    try {
      const status = await api.containerStatus(id);
      if (status.state === 'CONTAINER_EXITED') return { kind: 'exited', code: status.exitCode };
    } catch (err) {
      if (gone(err)) return lostExit('The sidecar was removed by someone else.');
      return { kind: 'lost', error: err instanceof CdebugError ? err : new CdebugError('engine_unreachable', criMessage(err)) };
    }
    await delay(100);
  }
  return 'running';
}
