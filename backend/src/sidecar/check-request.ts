// The checks every runtime makes of a sidecar request before it asks its engine anything: the
// toolkit image reference, the command or shell, the user, the environment and the privileges.
// Pure: what a bad flag or body is refused for, the same on every engine.

import type { ShellChoice } from '../contract/index.js';
import { CdebugError, DEFAULT_COMMAND, DEFAULT_TOOLKIT_IMAGE, parseImageRef, type ImageRef, type Profile, type Result } from '../contract/index.js';
import { privilegeSettings, type PrivilegeSettings } from './profiles.js';
import { checkCommand, checkEnv, checkShell, parseUserSpec } from './validate.js';

/** The request's fields that are checked (the runtime port's SidecarRequest has them all). */
export interface CheckedFields {
  image?: string | undefined;
  cmd?: string[] | undefined;
  shell?: string | undefined;
  user?: string | undefined;
  env?: Record<string, string> | undefined;
  profile?: Profile | undefined;
  capAdd?: string[] | undefined;
  capDrop?: string[] | undefined;
  privileged?: boolean | undefined;
}

export interface CheckedRequest<R> {
  image: ImageRef;
  /** empty when `shell` is set */
  cmd: string[];
  shell: ShellChoice | null;
  privileges: PrivilegeSettings;
  user: string | null;
  env: Record<string, string>;
  request: R;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CdebugError(result.error.code, result.error.message);
  return result.value;
}

/** Throws the coded error of the first thing wrong with the request. */
export function checkSidecarRequest<R extends CheckedFields>(request: R): CheckedRequest<R> {
  const image = unwrap(parseImageRef(request.image ?? DEFAULT_TOOLKIT_IMAGE));
  const shell = unwrap(checkShell(request.shell, request.cmd));
  const cmd = shell ? [] : unwrap(checkCommand(request.cmd && request.cmd.length > 0 ? request.cmd : DEFAULT_COMMAND));
  const user = request.user ? unwrap(parseUserSpec(request.user)) : null;
  const env = unwrap(checkEnv(request.env ?? {}));
  const privileges = unwrap(
    privilegeSettings({
      profile: request.profile,
      capAdd: request.capAdd,
      capDrop: request.capDrop,
      privileged: request.privileged,
      switchesUser: user !== null,
    }),
  );
  return { image, cmd, shell, privileges, user, env, request };
}
