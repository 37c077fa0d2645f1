// The engine's one operation, in the two halves that the service needs apart: `prepareDebug`
// checks everything that can be known at once (nothing is started); `launchDebug` pulls the
// toolkit when needed and starts the sidecar.

import type { PullProgress, ShellChoice } from '../../../contract/index.js';
import { CdebugError, type ImageRef } from '../../../contract/index.js';
import { checkSidecarRequest } from '../../../sidecar/check-request.js';
import type { PrivilegeSettings } from '../../../sidecar/profiles.js';
import { buildSidecarSpec, type CopySidecar, type TargetFacts } from '../../../sidecar/spec.js';
import { specRequestOf } from '../../../sidecar/spec-request.js';
import type { ContainerApi } from './container-api.js';
import type { SidecarHandle, SidecarRequest } from '../../port.js';
import { startSidecar } from './sidecar.js';
import { resolveTarget, type Target } from './target.js';

/** A sidecar request (the port's), with whose sidecar it is and the size to start it at. */
export interface DebugRequest extends SidecarRequest {
  owner: string;
  cols?: number | undefined;
  rows?: number | undefined;
}

export interface PreparedDebug {
  sessionId: string;
  /** the container the sidecar joins: the target, or the copy made of it */
  target: TargetFacts;
  /** a copy or image session's additions */
  copy?: CopySidecar | undefined;
  image: ImageRef;
  /** empty when `shell` is set */
  cmd: string[];
  shell: ShellChoice | null;
  privileges: PrivilegeSettings;
  user: string | null;
  env: Record<string, string>;
  request: DebugRequest;
}

/** Checks the request without the engine: what a bad flag or body gets refused for. */
export function checkRequest(request: DebugRequest): Omit<PreparedDebug, 'target' | 'sessionId'> {
  return checkSidecarRequest(request);
}

export async function prepareDebug(api: ContainerApi, request: DebugRequest, sessionId: string): Promise<PreparedDebug & { target: Target }> {
  const checked = checkRequest(request);
  const target = await resolveTarget(api, request.target);
  return { ...checked, sessionId, target };
}

export interface LaunchHooks {
  onPull?: (progress: PullProgress) => void;
  /** called once a missing image has been pulled and the sidecar is being created */
  onStarting?: () => void;
  signal?: AbortSignal;
  /** what must have happened before the sidecar starts (StartOptions.ready) */
  ready?: Promise<void>;
}

export async function launchDebug(api: ContainerApi, prepared: PreparedDebug, hooks: LaunchHooks = {}): Promise<SidecarHandle> {
  hooks.signal?.throwIfAborted();
  const { request } = prepared;
  const spec = buildSidecarSpec({
    ...specRequestOf(prepared, { sessionId: prepared.sessionId, owner: request.owner, target: prepared.target, cols: request.cols, rows: request.rows }),
    copy: prepared.copy,
  });
  const start = () => startSidecar(api, spec, { cols: request.cols, rows: request.rows, ...(hooks.ready ? { ready: hooks.ready } : {}) });
  let handle: SidecarHandle;
  try {
    // The toolkit image is usually there: create at once (as `docker run` does) and pull only
    // when the engine says it is missing, instead of asking first on every start.
    handle = await start();
  } catch (err) {
    if (!(err instanceof CdebugError) || err.code !== 'image_pull_failed') throw err;
    await api.ensureImage(prepared.image, hooks.onPull, hooks.signal);
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
