// The sidecar spec's request from a checked one: what every adapter (Docker, containerd, CRI)
// hands the spec once it knows its target, field for field the same, so it is written once.

import type { CheckedRequest } from './check-request.js';
import type { SidecarRequest, TargetFacts } from './spec.js';

/** how the command is attached: the runtime port's request carries these */
export interface AttachFields {
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  term: string | null;
}

export interface Placement {
  sessionId: string;
  owner: string;
  target: TargetFacts;
  /** the image as this engine names it (default: the checked reference, canonical) */
  image?: string;
  /** the pty's size to start at, when known */
  cols?: number | undefined;
  rows?: number | undefined;
}

export function specRequestOf(checked: CheckedRequest<AttachFields>, placed: Placement): SidecarRequest {
  const { request } = checked;
  return {
    sessionId: placed.sessionId,
    owner: placed.owner,
    target: placed.target,
    image: placed.image ?? checked.image.canonical,
    cmd: checked.cmd,
    shell: checked.shell,
    user: checked.user,
    privileges: checked.privileges,
    env: checked.env,
    tty: request.tty,
    stdin: request.stdin,
    stdinOnce: request.stdinOnce,
    term: request.term,
    size: placed.cols && placed.rows ? { cols: placed.cols, rows: placed.rows } : null,
  };
}
