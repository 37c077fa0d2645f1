// What the CRI adapter reads about a target from the runtime's verbose status (containerd's
// "info": JSON with the pid, the CRI config the kubelet gave, and the OCI spec it became).
// Pure: the JSON in, the facts the sidecar spec needs out; missing parts fall back to what the
// plain status says, so a runtime with other verbose extras (CRI-O) still gets a sidecar.

import type { TargetFacts } from '../../sidecar/spec.js';
import type { NamespaceMode, NamespaceOption, PodSandboxConfig, PodSandboxStatus } from './types.js';

const MODES: readonly NamespaceMode[] = ['POD', 'CONTAINER', 'NODE', 'TARGET'];

/** a mode as JSON carries it: its number (Go's encoding of the enum), absent for POD (0) */
export function namespaceMode(value: unknown): NamespaceMode {
  if (typeof value === 'string' && (MODES as readonly string[]).includes(value)) return value as NamespaceMode;
  if (typeof value === 'number' && MODES[value]) return MODES[value];
  return 'POD';
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function parseInfo(info: Record<string, string>): Record<string, unknown> {
  try {
    return object(JSON.parse(info.info ?? '{}'));
  } catch {
    return {};
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(object(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The target as the sidecar spec needs it. `id` and `name` are the caller's (pod/container). */
export function targetFacts(id: string, name: string, info: Record<string, string>): TargetFacts & { pidMode: string } {
  const parsed = parseInfo(info);
  const process = object(object(parsed.runtimeSpec).process);
  const options = object(object(object(object(parsed.config).linux).security_context).namespace_options);
  const pid = namespaceMode(options.pid);
  return {
    id,
    name,
    env: strings(process.env),
    workingDir: typeof process.cwd === 'string' ? process.cwd : '/',
    // CONTAINER: a PID namespace of its own, whose 1 is the target's first process; POD: the
    // pod's shared one, whose 1 is the sandbox's pause (found by cgroup instead); NODE: the host's
    pidMode: pid === 'NODE' ? 'host' : pid === 'POD' ? `container:${id}` : '',
    // IPC is the pod's, which the sidecar joins as a member of the pod: nothing to decide here
    ipcMode: '',
    hostPid: typeof parsed.pid === 'number' ? parsed.pid : 0,
  };
}

/**
 * The pod's sandbox config, as CreateContainer wants it again ("the same config that was
 * passed to RunPodSandbox"): the runtime's verbose copy when it has one (the cgroup parent, the
 * log directory, the pod's privileged flag), else rebuilt from the status.
 */
export function sandboxConfig(status: PodSandboxStatus, info: Record<string, string>): PodSandboxConfig {
  const options = status.linux?.namespaces?.options ?? null;
  const fromStatus: PodSandboxConfig = {
    metadata: status.metadata ?? { name: '', uid: '', namespace: '', attempt: 0 },
    labels: status.labels,
    annotations: status.annotations,
    linux: { securityContext: { namespaceOptions: namespaceOptions(options) } },
  };
  const config = object(parseInfo(info).config);
  if (Object.keys(config).length === 0) return fromStatus;
  const linux = object(config.linux);
  const security = object(linux.security_context);
  const runAsUser = object(security.run_as_user);
  return {
    ...fromStatus,
    hostname: typeof config.hostname === 'string' ? config.hostname : '',
    logDirectory: typeof config.log_directory === 'string' ? config.log_directory : '',
    labels: { ...stringMap(config.labels), ...status.labels },
    annotations: { ...stringMap(config.annotations), ...status.annotations },
    linux: {
      cgroupParent: typeof linux.cgroup_parent === 'string' ? linux.cgroup_parent : '',
      securityContext: {
        namespaceOptions: options ? namespaceOptions(options) : namespaceOptions(object(security.namespace_options)),
        privileged: security.privileged === true,
        readonlyRootfs: security.readonly_rootfs === true,
        ...(typeof runAsUser.value === 'number' ? { runAsUser: { value: runAsUser.value } } : {}),
      },
    },
  };
}

function namespaceOptions(options: NamespaceOption | Record<string, unknown> | null): NamespaceOption {
  const o = object(options);
  return { network: namespaceMode(o.network), pid: namespaceMode(o.pid), ipc: namespaceMode(o.ipc) };
}
