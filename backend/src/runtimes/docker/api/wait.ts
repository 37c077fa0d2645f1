// How a sidecar ended, as the engine reports it. Two waits, both registered before the start
// (a command that exits at once is not missed):
//   `next-exit` gives the command's exit status;
//   `removed` says when the sidecar (AutoRemove) is gone, which is when a session has ended.
// Docker answers both with the status. Podman 4 answers `removed` with 0 whatever the status
// was (its record of the container is gone by then), so the status is taken from `next-exit`,
// and the end from `removed`: `cdebug exec` still exits only once nothing is left.

import type { Readable } from 'node:stream';
import { CdebugError } from '../../../contract/index.js';
import type { SidecarExit } from '../../port.js';
import type { ContainerApi, WaitCondition } from './container-api.js';
import { engineError } from './errors.js';

/** How long after the removal the status may still be on its way (it is sent first). */
const STATUS_GRACE_MS = 2000;

interface Wait {
  result: Promise<SidecarExit>;
  /** drops a wait whose answer is no longer wanted (its connection would keep a CLI alive) */
  cancel(): void;
}

/** One wait; resolves once the engine has answered the headers, i.e. has registered it. */
async function waitOnce(api: ContainerApi, id: string, condition: WaitCondition): Promise<Wait> {
  const response: Readable = await api.wait(id, condition);
  const result = new Promise<SidecarExit>((resolve) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', (err) => resolve({ kind: 'lost', error: engineError(err) }));
    response.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { StatusCode?: number; Error?: { Message?: string } | null };
        if (typeof body.StatusCode === 'number') resolve({ kind: 'exited', code: body.StatusCode });
        else resolve({ kind: 'lost', error: new CdebugError('sidecar_failed', 'The engine did not report how the command ended.') });
      } catch {
        resolve({ kind: 'lost', error: new CdebugError('sidecar_failed', 'The engine ended the wait without an exit code (was it restarted?).') });
      }
    });
  });
  return { result, cancel: () => response.destroy() };
}

/**
 * Registers both waits; `done` settles when the sidecar is gone, with the status `next-exit`
 * reported. A sidecar that has already exited (one adopted after a restart) has no next exit:
 * then, and whenever `next-exit` says nothing in time, the removal's answer is all there is.
 */
export async function registerWait(api: ContainerApi, id: string): Promise<{ done: Promise<SidecarExit> }> {
  // both asked at once; when the removal's wait fails, the exit's (if it came) is closed with it
  const exitedP = waitOnce(api, id, 'next-exit').catch(() => null);
  let removed: Awaited<ReturnType<typeof waitOnce>>;
  try {
    removed = await waitOnce(api, id, 'removed');
  } catch (err) {
    (await exitedP)?.cancel();
    throw err;
  }
  const exited = await exitedP;
  let status: SidecarExit | null = null;
  void exited?.result.then((result) => {
    status = result;
  });
  const done = removed.result.then(async (gone) => {
    if (exited && status === null) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited.result, new Promise((r) => (timer = setTimeout(r, STATUS_GRACE_MS)))]);
      clearTimeout(timer);
    }
    exited?.cancel();
    const reported: SidecarExit | null = status;
    return reported !== null && reported.kind === 'exited' ? reported : gone;
  });
  return { done };
}
