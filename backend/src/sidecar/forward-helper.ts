// The container spec of a port-forward's helper, and the command each forwarded connection runs
// in it. Pure. The helper joins only the target's network namespace (its own filesystem and
// processes otherwise), so `nc 127.0.0.1 PORT` in it reaches what listens on the target's
// loopback, whatever the target's network mode, `none` included.
//
// Its main process is `cat` reading the attach that started it (stdin once): when the process
// that holds the attach dies, even by SIGKILL, stdin ends, `cat` exits and the engine removes
// the helper (AutoRemove), so no helper outlives its forward.

import type { ContainerCreateOptions } from 'dockerode';
import { LABELS } from './spec.js';

export interface ForwardHelperRequest {
  /** who starts it: "cli:<host>:<pid>" or "service:<name>" */
  owner: string;
  forwardId: string;
  targetId: string;
  /** canonical image reference of a toolkit with `nc` and `cat` (busybox) */
  image: string;
  /** what it is for: a forward's helper lives on, a port reader ends with its command */
  purpose: 'forward' | 'ports';
}

/** the session label the test kits and `docker ps --filter label=io.cdebug.session` find */
export function helperSessionLabel(forwardId: string): string {
  return `forward-${forwardId}`;
}

export function buildForwardHelperSpec(req: ForwardHelperRequest): ContainerCreateOptions {
  const forward = req.purpose === 'forward';
  return {
    Image: req.image,
    // the image's own entrypoint (a toolkit may have one) must not wrap these
    Entrypoint: forward ? ['cat'] : ['cat', '/proc/net/tcp', '/proc/net/tcp6'],
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
      // a forward's helper goes when its `cat` ends; a port reader is removed once its output is read
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
