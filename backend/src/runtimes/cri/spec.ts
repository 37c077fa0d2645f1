// The sidecar as a CRI container: the one spec every runtime builds (sidecar/spec.ts, the
// entry script in its environment) said in CRI's words, in the target's pod. Pure.
//
// What differs from a Docker sidecar: it is a member of the target's pod (CreateContainer in its
// sandbox), so network and IPC are the pod's, as any container of it; its PID namespace is the
// target container's (NamespaceMode TARGET, as an ephemeral container's); and its attach can
// only join it once it runs, so the entry script waits at CDEBUG_GATE until it is attached.

import type { ContainerCreateOptions, HostConfig } from 'dockerode';
import type { ContainerConfig, NamespaceMode } from './types.js';

/** the file the entry script waits for in the sidecar's own filesystem (see gate in sidecar.ts) */
export const GATE_PATH = '/.cdebug-attached';

export interface PodFacts {
  /** the pod's network and IPC namespaces (its sandbox's), which the sidecar shares as a member */
  network: NamespaceMode;
  ipc: NamespaceMode;
}

function splitEnv(entry: string): { key: string; value: string } {
  const eq = entry.indexOf('=');
  return eq < 0 ? { key: entry, value: '' } : { key: entry.slice(0, eq), value: entry.slice(eq + 1) };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `spec`: buildSidecarSpec's; `targetId`: the CRI container whose PID namespace it joins */
export function criSidecarConfig(spec: ContainerCreateOptions, targetId: string, pod: PodFacts): ContainerConfig {
  const host: HostConfig = spec.HostConfig ?? {};
  // dockerode types these three as any: read them as the lists buildSidecarSpec writes
  const capAdd = strings(host.CapAdd);
  const capDrop = strings(host.CapDrop);
  const noNewPrivs = strings(host.SecurityOpt).includes('no-new-privileges');
  return {
    // unique in the pod: (name, attempt) must be, for the sandbox's whole life
    metadata: { name: spec.name ?? 'cdebug', attempt: 0 },
    image: { image: spec.Image ?? '' },
    command: [...(Array.isArray(spec.Entrypoint) ? spec.Entrypoint : [])],
    args: [...(spec.Cmd ?? [])],
    workingDir: spec.WorkingDir ?? '/',
    envs: [...(spec.Env ?? []), `CDEBUG_GATE=${GATE_PATH}`].map(splitEnv),
    labels: { ...(spec.Labels ?? {}) },
    stdin: spec.OpenStdin === true,
    stdinOnce: spec.StdinOnce === true,
    tty: spec.Tty === true,
    linux: {
      securityContext: {
        // CRI names capabilities without CAP_ (the runtime adds it), as Docker does
        capabilities: { addCapabilities: capAdd, dropCapabilities: capDrop },
        privileged: host.Privileged === true,
        namespaceOptions: { network: pod.network, ipc: pod.ipc, pid: 'TARGET', targetId },
        // the spec's User is 0:0: the entry script starts as root and switches itself (-u)
        runAsUser: { value: 0 },
        runAsGroup: { value: 0 },
        ...(noNewPrivs ? { noNewPrivs: true } : {}),
      },
    },
  };
}
