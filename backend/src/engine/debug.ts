// The engine's one operation, in the two halves that the service needs apart: `prepareDebug`
// checks everything that can be known at once (nothing is started); `launchDebug` pulls the
// toolkit when needed and starts the sidecar.

import { randomBytes } from 'node:crypto';
import type { PullProgress } from '../contract/index.js';
import { CdebugError, DEFAULT_COMMAND, DEFAULT_TOOLKIT_IMAGE, parseImageRef, type ImageRef, type Result } from '../contract/index.js';
import { buildSidecarSpec } from '../sidecar/spec.js';
import { checkCommand, checkEnv, parseUserSpec } from '../sidecar/validate.js';
import type { Engine } from './connect.js';
import { ensureImage } from './image.js';
import { type SidecarHandle, startSidecar } from './sidecar.js';
import { resolveTarget, type Target } from './target.js';

export interface DebugRequest {
  target: string;
  image?: string | undefined;
  cmd?: readonly string[] | undefined;
  user?: string | null | undefined;
  privileged?: boolean | undefined;
  env?: Readonly<Record<string, string>> | undefined;
  tty: boolean;
  stdin: boolean;
  /** one attached client for the whole session (the CLI) */
  stdinOnce: boolean;
  term: string | null;
  owner: string;
  cols?: number | undefined;
  rows?: number | undefined;
}

export interface PreparedDebug {
  sessionId: string;
  target: Target;
  image: ImageRef;
  cmd: string[];
  user: string | null;
  env: Record<string, string>;
  request: DebugRequest;
}

export function newSessionId(): string {
  return randomBytes(8).toString('hex');
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CdebugError(result.error.code, result.error.message);
  return result.value;
}

/** Checks the request without the engine: what a bad flag or body gets refused for. */
export function checkRequest(request: DebugRequest): Omit<PreparedDebug, 'target' | 'sessionId'> {
  const image = unwrap(parseImageRef(request.image ?? DEFAULT_TOOLKIT_IMAGE));
  const cmd = unwrap(checkCommand(request.cmd && request.cmd.length > 0 ? request.cmd : DEFAULT_COMMAND));
  const user = request.user ? unwrap(parseUserSpec(request.user)) : null;
  const env = unwrap(checkEnv(request.env ?? {}));
  return { image, cmd, user, env, request };
}

export async function prepareDebug(engine: Engine, request: DebugRequest, sessionId = newSessionId()): Promise<PreparedDebug> {
  const checked = checkRequest(request);
  const target = await resolveTarget(engine, request.target);
  return { ...checked, sessionId, target };
}

export interface LaunchHooks {
  onPull?: (progress: PullProgress) => void;
  /** called once a missing image has been pulled and the sidecar is being created */
  onStarting?: () => void;
  signal?: AbortSignal;
}

export async function launchDebug(engine: Engine, prepared: PreparedDebug, hooks: LaunchHooks = {}): Promise<SidecarHandle> {
  hooks.signal?.throwIfAborted();
  const { request } = prepared;
  const spec = buildSidecarSpec({
    sessionId: prepared.sessionId,
    owner: request.owner,
    target: prepared.target,
    image: prepared.image.canonical,
    cmd: prepared.cmd,
    user: prepared.user,
    privileged: request.privileged === true,
    env: prepared.env,
    tty: request.tty,
    stdin: request.stdin,
    stdinOnce: request.stdinOnce,
    term: request.term,
    size: request.cols && request.rows ? { cols: request.cols, rows: request.rows } : null,
  });
  const start = () => startSidecar(engine, spec, { cols: request.cols, rows: request.rows });
  let handle: SidecarHandle;
  try {
    // The toolkit image is usually there: create at once (as `docker run` does) and pull only
    // when the engine says it is missing, instead of asking first on every start.
    handle = await start();
  } catch (err) {
    if (!(err instanceof CdebugError) || err.code !== 'image_pull_failed') throw err;
    await ensureImage(engine, prepared.image, hooks.onPull, hooks.signal);
    hooks.signal?.throwIfAborted();
    hooks.onStarting?.();
    handle = await start();
  }
  if (hooks.signal?.aborted) {
    await handle.stop();
    hooks.signal.throwIfAborted();
  }
  return handle;
}
