// The container spec of a port-forward's helper, and the command each forwarded connection runs
// in it. Pure. The helper joins only the target's network namespace (its own filesystem and
// processes otherwise), so `nc 127.0.0.1 PORT` in it reaches what listens on the target's
// loopback, whatever the target's network mode, `none` included.
//
// Its main process is a shell reading lines from the attach that started it (stdin once), the
// lifeline: it ends, and the engine removes the helper (AutoRemove), when that stdin ends (Docker
// closes it when the process holding the attach dies, even by SIGKILL) or when no line has come
// for LIFELINE.timeoutSeconds: an attach that drops while the engine keeps the helper's stdin
// open (seen with Podman 4.3), or a tcp:// client that vanishes without a FIN, is noticed by the
// missing heartbeat. No helper outlives its forward for long.

import type { ContainerCreateOptions } from 'dockerode';
import { LABELS } from './spec.js';

export interface ForwardHelperRequest {
  /** who starts it: "cli:<host>:<pid>" or "service:<name>" */
  owner: string;
  forwardId: string;
  targetId: string;
  /** canonical image reference of a toolkit with `nc`, `cat` and `sh` whose `read` has `-t` (busybox) */
  image: string;
  /** what it is for: a forward's helper lives on, a port reader ends with its command */
  purpose: 'forward' | 'ports';
}

/** the session label the test kits and `docker ps --filter label=io.cdebug.session` find */
export function helperSessionLabel(forwardId: string): string {
  return `forward-${forwardId}`;
}

/**
 * The lifeline's timing, in one place: the holder of a forward writes HEARTBEAT every
 * `heartbeatMs`, and the helper ends after `timeoutSeconds` without one. 30 s is the longest a
 * helper may outlive its holder when the engine does not close its stdin; three beats per timeout let two be late (a busy
 * 2-core engine, a slow ssh:// link, a long GC pause) before a live forward would be cut, and a
 * beat every 10 s costs nothing worth counting.
 */
export const LIFELINE = { heartbeatMs: 10_000, timeoutSeconds: 30 } as const;

/** one beat: any line does, the helper's shell reads and drops it */
export const HEARTBEAT = '\n';

/**
 * The helper's main process: reads lines until its stdin ends (`read` fails at end of file) or
 * none comes for LIFELINE.timeoutSeconds (`read -t` fails too). busybox's sh has `read -t` (the
 * toolkit, DEFAULT_TOOLKIT_IMAGE, is busybox); Debian's dash has not, and would end at once.
 */
export function lifelineCommand(): string[] {
  return ['sh', '-c', `while read -t ${LIFELINE.timeoutSeconds} beat; do :; done`];
}

export function buildForwardHelperSpec(req: ForwardHelperRequest): ContainerCreateOptions {
  const forward = req.purpose === 'forward';
  return {
    Image: req.image,
    // the image's own entrypoint (a toolkit may have one) must not wrap these
    Entrypoint: forward ? lifelineCommand() : ['cat', '/proc/net/tcp', '/proc/net/tcp6'],
    Cmd: [],
    OpenStdin: forward,
    StdinOnce: forward,
    AttachStdin: forward,
    AttachStdout: !forward,
    AttachStderr: !forward,
    Tty: false,
    Labels: {
      [LABELS.session]: helperSessionLabel(req.forwardId),
      [LABELS.target]: req.targetId,
      [LABELS.owner]: req.owner,
      [LABELS.image]: req.image,
      [LABELS.forward]: req.forwardId,
    },
    HostConfig: {
      NetworkMode: `container:${req.targetId}`,
      // a forward's helper goes when its lifeline ends; a port reader is removed once its output is read
      AutoRemove: forward,
    },
  };
}

/** one forwarded connection: stdin and stdout are the connection's two directions */
export function connectCommand(remoteHost: string, remotePort: number): string[] {
  return ['nc', remoteHost, String(remotePort)];
}

/** `nc` says so on stderr when nothing listens (busybox: "can't connect to remote host (...): Connection refused") */
export function isRefusal(stderr: string): boolean {
  return /connection refused|can't connect/i.test(stderr);
}
