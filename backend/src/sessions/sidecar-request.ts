// What a session asks of its runtime: a shell with a pty, whose input several clients may give
// over its life (no single client ends it), in a terminal the UI's xterm.js emulates.

import type { CreateSessionRequest } from '../contract/index.js';
import type { SidecarRequest } from '../runtimes/port.js';

export const SESSION_TERM = 'xterm-256color';

export function sessionSidecar(request: CreateSessionRequest): SidecarRequest {
  return {
    target: request.target,
    image: request.image,
    cmd: request.cmd,
    shell: request.shell,
    user: request.user,
    privileged: request.privileged === true,
    profile: request.profile,
    capAdd: request.capAdd,
    capDrop: request.capDrop,
    env: request.env,
    asImage: request.asImage,
    rwVolumes: request.rwVolumes,
    tty: true,
    stdin: true,
    stdinOnce: false,
    term: SESSION_TERM,
  };
}
