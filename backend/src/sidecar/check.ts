// A sidecar request checked without any engine (every adapter's first step): the toolkit image's
// reference, the command or the shell to pick, the user, the environment and the privileges. A
// bad field is a coded error (bad_request, invalid_image) before anything is asked of an engine.

import { CdebugError, DEFAULT_COMMAND, DEFAULT_TOOLKIT_IMAGE, type ImageRef, parseImageRef, type Result, type ShellChoice } from '../contract/index.js';
import { privilegeSettings, type PrivilegeSettings } from './profiles.js';
import { checkCommand, checkEnv, checkShell, parseUserSpec } from './validate.js';

/** the request's fields this check reads (the runtime port's SidecarRequest has them all) */
export interface UncheckedRequest {
  image?: string | undefined;
  cmd?: string[] | undefined;
  shell?: string | undefined;
  user?: string | undefined;
  env?: Record<string, string> | undefined;
  profile?: string | undefined;
  capAdd?: string[] | undefined;
  capDrop?: string[] | undefined;
  privileged?: boolean | undefined;
}

export interface CheckedRequest {
  image: ImageRef;
  /** empty when `shell` is set */
  cmd: string[];
  shell: ShellChoice | null;
  privileges: PrivilegeSettings;
  user: string | null;
  env: Record<string, string>;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CdebugError(result.error.code, result.error.message);
  return result.value;
}

/** throws the first bad field's coded error */
export function checkSidecarRequest(request: UncheckedRequest): CheckedRequest {
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
  return { image, cmd, shell, privileges, user, env };
}
