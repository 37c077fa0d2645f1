// The started sidecar's handle (port.ts SidecarHandle) over a containerd task: its FIFOs for the
// bytes, Tasks.ResizePty, Tasks.Wait for the exit, and at the end the task, container, snapshot
// and FIFOs removed (the exit settles only once they are).

import { CdebugError } from '../../contract/index.js';
import { ENTRY_COMMAND } from '../../sidecar/spec.js';
import type { ContainerdClient } from './client/connect.js';
import { containerdError, GRPC, grpcCode } from './client/errors.js';
import { PROCESS_TYPE_URL } from './client/messages.js';
import type { TaskIo } from './fifos.js';
import { removeSidecar } from './remove.js';
import type { SidecarExit, SidecarHandle } from '../port.js';

interface Size {
  cols: number;
  rows: number;
}

export interface TaskHandleOptions {
  /** the sidecar's process spec: the cleanup exec runs with its environment and privileges */
  process: Record<string, unknown>;
  /** the launch size, which the entry script gives the pty itself */
  launchSize: Size | null;
  tty: boolean;
}

/** how long the entry script's cleanup may take before the task is killed all the same */
const CLEANUP_GRACE_MS = 3000;

/** `waited`: the task's Tasks.Wait, asked before its start */
export function taskHandle(client: ContainerdClient, id: string, io: TaskIo, waited: Promise<number>, options: TaskHandleOptions): SidecarHandle {
  let ended = false;
  let removal: Promise<void> | null = null;
  const remove = () => (removal ??= removeSidecar(client, id).finally(() => io.dispose()));

  const exit: Promise<SidecarExit> = waited.then(
    async (code): Promise<SidecarExit> => {
      ended = true;
      // the shim closes its end of the output once it has copied the last bytes
      io.release();
      await remove().catch(() => undefined);
      return { kind: 'exited', code };
    },
    async (err: unknown): Promise<SidecarExit> => {
      ended = true;
      io.release();
      await remove().catch(() => undefined);
      return { kind: 'lost', error: containerdError(err, client.socket, `wait for the sidecar ${id}`) };
    },
  );

  let resizing: Promise<void> = Promise.resolve();
  let asked: Size | null = null;
  let settled = !options.tty || options.launchSize === null;
  const resize = (cols: number, rows: number): Promise<void> => {
    asked = { cols, rows };
    const send = async () => {
      try {
        await client.call('tasks', 'ResizePty', { containerId: id, width: cols, height: rows });
      } catch (err) {
        // a command that already ended has nothing left to resize
        if (ended || grpcCode(err) === GRPC.notFound || grpcCode(err) === GRPC.failedPrecondition) return;
        throw containerdError(err, client.socket, `resize the sidecar's terminal`);
      }
    };
    // one at a time, in the order asked (as the Docker handle does: a late older size would win)
    const sent = resizing.then(send);
    resizing = sent.catch(() => undefined);
    return sent;
  };

  let stopping: Promise<void> | null = null;
  return {
    id,
    output: io.output,
    errors: io.errors,
    write(data) {
      if (!ended && io.input && !io.input.destroyed && io.input.writable) io.input.write(data);
    },
    endInput() {
      const input = io.input;
      if (!input || input.destroyed) return;
      // The shim keeps the FIFO open read-write itself, so it never reads EOF: once what was
      // written is in the FIFO, close it and ask the shim to close the command's stdin (as
      // containerd's own clients do: CloseIO).
      const close = () => {
        input.destroy();
        client.call('tasks', 'CloseIO', { containerId: id, stdin: true }).catch(() => undefined);
      };
      if (input.writableLength === 0) close();
      else input.end(close);
    },
    resize,
    outputBegan() {
      if (settled) return;
      settled = true;
      const launch = options.launchSize;
      if (asked && launch && (asked.cols !== launch.cols || asked.rows !== launch.rows)) resize(asked.cols, asked.rows).catch(() => undefined);
    },
    exit,
    stop() {
      stopping ??= (async () => {
        if (!ended && (await endFromInside(client, id, options.process))) {
          await Promise.race([exit, new Promise((r) => setTimeout(r, CLEANUP_GRACE_MS).unref())]);
        }
        await remove();
        await exit;
      })();
      return stopping;
    },
  };
}

/**
 * The entry script's `cleanup`, exec'd in the running sidecar as on Docker: it ends the session's
 * processes deepest first, so that each parent reaps its children (a SIGKILL to all at once would
 * leave the orphans to the target's PID 1, which in a distroless target never reaps them).
 */
async function endFromInside(client: ContainerdClient, id: string, process: Record<string, unknown>): Promise<boolean> {
  const execId = `cleanup-${Date.now().toString(36)}`;
  const spec = { ...process, terminal: false, args: [...ENTRY_COMMAND, 'cleanup'] };
  try {
    await client.call('tasks', 'Exec', {
      containerId: id,
      execId,
      stdin: '',
      stdout: '',
      stderr: '',
      terminal: false,
      spec: { typeUrl: PROCESS_TYPE_URL, value: Buffer.from(JSON.stringify(spec)) },
    });
    await client.call('tasks', 'Start', { containerId: id, execId });
    return true;
  } catch {
    // not running any more: the script cleaned up on its own way out
    return false;
  }
}

export function launchFailed(err: unknown, client: ContainerdClient, what: string): CdebugError {
  const coded = containerdError(err, client.socket, what);
  return coded.code === 'internal' ? new CdebugError('sidecar_failed', coded.message, { cause: err }) : coded;
}
