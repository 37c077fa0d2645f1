// Runs a sidecar container and hands out a small handle: write, resize, the exit, stop.
// Order matters (FACTS.md): create -> attach (hijacked, empty body) -> wait -> start -> resize.

import type { Duplex } from 'node:stream';
import { PassThrough, type Readable } from 'node:stream';
import type { ContainerCreateOptions } from 'dockerode';
import { CdebugError } from '../../../contract/index.js';
import type { ContainerApi } from './container-api.js';
import { AttachDemuxer } from './demux.js';
import { engineError, engineMessage, engineStatus } from './errors.js';
import type { SidecarExit, SidecarHandle } from '../../port.js';
import { registerWait } from './wait.js';

export interface StartOptions {
  cols?: number;
  rows?: number;
  /**
   * What must have happened before the attach and the start, while the sidecar is created: a copy
   * session's copy starting (the sidecar joins its namespaces, which only a running container
   * has). When it fails, the sidecar is removed and its error thrown as it is.
   */
  ready?: Promise<void>;
}

/**
 * The engine cuts an attach's input for good when it sees its detach keys (Ctrl-P Ctrl-Q by
 * default, and no way to turn them off): the session would stay up but deaf. Typed keys
 * (Ctrl-P is readline's previous-history) and pasted binary must reach the command, so the
 * sequence is eight rare control codes nobody types. It starts with ^] (0x1d), rare in text
 * and in binary alike, because the engine holds a chunk's trailing prefix of the sequence
 * until the next input (a NUL first would stall binary pastes that end in one).
 */
export const DETACH_KEYS = 'ctrl-],ctrl-^,ctrl-_,ctrl-@,ctrl-],ctrl-^,ctrl-_,ctrl-@';

async function attach(api: ContainerApi, id: string, stdin: boolean): Promise<Duplex> {
  const socket = (await api.attach(id, { stdin, detachKeys: DETACH_KEYS })) as Duplex & {
    setNoDelay?: (on: boolean) => void;
  };
  socket.setNoDelay?.(true);
  // From here on an error (the engine gone) only ends the stream, and the waits say what
  // happened: without a listener it would throw out of the process, and the handle that
  // listens is made only after the waits and the start have answered.
  socket.on('error', () => socket.destroy());
  return socket;
}

export async function startSidecar(api: ContainerApi, spec: ContainerCreateOptions, options: StartOptions = {}): Promise<SidecarHandle> {
  // The engine removes the sidecar itself when its command ends: nothing outlives a session
  // even when this process dies first.
  const { name, ...body } = { ...spec, HostConfig: { ...spec.HostConfig, AutoRemove: true } };
  let id: string;
  try {
    id = await api.create(name, body);
  } catch (err) {
    throw createError(err, spec.Image ?? '');
  }
  const tty = spec.Tty === true;
  const stdin = spec.OpenStdin === true;
  // The attach and the waits only need the container to exist, and neither changes it: asked
  // for at once, one round trip less before the start. When either fails, the container is
  // removed (which answers the wait) and the attach socket, whenever it comes, destroyed.
  // Podman attaches a created container only once what it joins runs ("some dependencies ...
  // are not started"): `ready` comes first.
  let notReady = false;
  const readied = (options.ready ?? Promise.resolve()).catch((err: unknown) => {
    notReady = true;
    throw err;
  });
  const attached = readied.then(() => attach(api, id, stdin));
  try {
    await readied;
    const [socket, { done: exit }] = await Promise.all([attached, registerWait(api, id)]);
    await api.start(id);
    const launchSize = options.cols && options.rows ? { cols: options.cols, rows: options.rows } : null;
    const handle = makeHandle(api, id, socket, exit, tty, launchSize);
    // The entry script has sized the pty already (CDEBUG_SIZE), so the command's first output
    // (a prompt) comes before the engine's resize returns: hand the stream over without waiting
    // for it. The engine's own resize still follows, for toolkits without stty.
    if (options.cols && options.rows) void handle.resize(options.cols, options.rows).catch(() => undefined);
    return handle;
  } catch (err) {
    attached.then(
      (socket) => socket.destroy(),
      () => undefined,
    );
    await api.remove(id).catch(() => undefined);
    if (notReady) throw err;
    throw err instanceof CdebugError ? err : new CdebugError('sidecar_failed', `The sidecar did not start: ${engineMessage(err)}`, { cause: err });
  }
}

/** Attaches to a sidecar that is already running (one this service started before a restart). */
export async function adoptSidecar(api: ContainerApi, id: string, tty: boolean): Promise<SidecarHandle> {
  const socket = await attach(api, id, true);
  const { done: exit } = await registerWait(api, id);
  return makeHandle(api, id, socket, exit, tty, null);
}

function createError(err: unknown, image: string): CdebugError {
  const status = engineStatus(err);
  if (status === 404) return new CdebugError('image_pull_failed', `The toolkit image ${image} is not on the engine.`);
  if (status !== undefined) return new CdebugError('sidecar_failed', `The engine refused the sidecar: ${engineMessage(err)}`, { cause: err });
  return engineError(err);
}

interface Size {
  cols: number;
  rows: number;
}

function makeHandle(
  api: ContainerApi,
  id: string,
  socket: Duplex,
  waited: Promise<SidecarExit>,
  tty: boolean,
  /** what CDEBUG_SIZE told the entry script; null for an adopted sidecar (sized long ago) */
  launchSize: Size | null,
): SidecarHandle {
  // Podman closes the attach as soon as a command that printed nothing exits, which can be
  // before `start` has answered: such a socket has emitted its 'end' and 'close' already (with
  // nothing unread: 'end' waits for buffered bytes), and the streams handed out must end too.
  const closedEarly = socket.readableEnded || socket.destroyed;
  let output: Readable = closedEarly && tty ? new PassThrough().end() : socket;
  let errors: Readable | null = null;
  if (!tty) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const demuxer = new AttachDemuxer((kind, payload) => (kind === 'stderr' ? stderr : stdout).write(payload));
    // once: ending an ended stream builds an ERR_STREAM_ALREADY_FINISHED (its stack and message
    // formatted) that nobody reads, a millisecond of every `cdebug exec` on the way out
    const endBoth = () => {
      if (!stdout.writableEnded) stdout.end();
      if (!stderr.writableEnded) stderr.end();
    };
    socket.on('data', (chunk: Buffer) => demuxer.push(chunk));
    socket.on('end', endBoth);
    socket.on('close', endBoth);
    output = stdout;
    errors = stderr;
    if (closedEarly) endBoth();
  }
  // Once the engine has sent everything, input still queued for a command that is gone
  // would only keep this process alive while it drains: drop it.
  socket.on('end', () => socket.destroy());

  let ended = false;
  const exit = waited.then((result) => {
    ended = true;
    return result;
  });
  let stopping: Promise<void> | null = null;
  let resizing: Promise<void> = Promise.resolve();
  let asked: Size | null = null;
  let settled = !tty || launchSize === null;
  const resize = (cols: number, rows: number): Promise<void> => {
    asked = { cols, rows };
    const send = async () => {
      try {
        await api.resize(id, cols, rows);
      } catch (err) {
        // A command that already ended has nothing left to resize.
        if (!ended && engineStatus(err) !== 404 && engineStatus(err) !== 409) throw engineError(err);
      }
    };
    // One at a time, in the order asked: two resizes in flight at once (the launch size right
    // after the start, the client's own a moment later) travel on connections of their own,
    // and the engine may apply the older one last, leaving the pty at a stale size.
    const sent = resizing.then(send);
    resizing = sent.catch(() => undefined);
    return sent;
  };

  return {
    id,
    output,
    errors,
    write(data) {
      if (!ended && !socket.destroyed && socket.writable) socket.write(data);
    },
    endInput() {
      if (!socket.destroyed && socket.writable) socket.end();
    },
    resize,
    outputBegan() {
      if (settled) return;
      settled = true;
      if (asked && launchSize && (asked.cols !== launchSize.cols || asked.rows !== launchSize.rows)) {
        resize(asked.cols, asked.rows).catch(() => undefined);
      }
    },
    exit,
    stop() {
      stopping ??= (async () => {
        if (!ended && (await endFromInside(api, id))) {
          // The anchor exits once its command is gone: give it the moment it needs to
          // remove what it planted, then make sure.
          await Promise.race([exit, new Promise((r) => setTimeout(r, 3000).unref())]);
        }
        try {
          await api.remove(id);
        } catch (err) {
          const status = engineStatus(err);
          // 404: already gone; 409: the engine is removing it already (AutoRemove).
          if (status !== 404 && status !== 409) throw engineError(err);
        }
        await Promise.race([exit, new Promise((r) => setTimeout(r, 10_000).unref())]);
        socket.destroy();
      })();
      return stopping;
    },
  };
}

/**
 * Asks the entry script, inside the still running sidecar, to end the session's processes in
 * an order that lets each parent reap its children; the anchor then cleans up and exits.
 * Started detached: the exec itself dies with the sidecar, so its stream is no signal.
 */
async function endFromInside(api: ContainerApi, id: string): Promise<boolean> {
  try {
    await api.execDetached(id, ['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug', 'cleanup'], '0:0');
    return true;
  } catch {
    // Not running any more: the script cleaned up on its own way out.
    return false;
  }
}
