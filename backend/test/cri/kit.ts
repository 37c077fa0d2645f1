// The CRI integration tests' kit: pod sandboxes and target containers made through cdebug's own
// CRI client, on the tests' containerd (scripts/containerd.sh). Pods use the host network (no
// CNI on these machines) and carry the fixture label, and the prefix cri- in their names: the
// daemon is shared with other suites.

import { randomBytes } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { criClient } from '../../src/runtimes/cri/client.js';
import type { ContainerConfig, CriApi, PodSandboxConfig } from '../../src/runtimes/cri/types.js';

export const CRI_SOCKET = process.env.CDEBUG_CRI_SOCKET ?? '/run/cdebug-containerd/containerd.sock';
export const CRI_HOST = `cri://${CRI_SOCKET}`;
export const DISTROLESS = 'docker.io/cdebug-fixture/distroless:latest';
export const FIXTURE_LABEL = { 'io.cdebug.fixture': '1' };

export function kitClient(): CriApi {
  return criClient(CRI_SOCKET, CRI_HOST);
}

export interface TestPod {
  id: string;
  name: string;
  namespace: string;
  config: PodSandboxConfig;
}

export interface PodOptions {
  namespace?: string;
  /** a pod-wide read-only root and user, as a PodSecurityContext would give */
  privileged?: boolean;
}

export async function runPod(api: CriApi, options: PodOptions = {}): Promise<TestPod> {
  const name = `cri-${randomBytes(4).toString('hex')}`;
  const namespace = options.namespace ?? 'default';
  const config: PodSandboxConfig = {
    metadata: { name, uid: randomBytes(8).toString('hex'), namespace, attempt: 0 },
    hostname: '',
    labels: { ...FIXTURE_LABEL, 'io.kubernetes.pod.name': name, 'io.kubernetes.pod.namespace': namespace },
    annotations: {},
    linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' }, privileged: options.privileged === true } },
  };
  const id = await api.runPodSandbox(config);
  return { id, name, namespace, config };
}

export interface TargetOptions {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  runAsUser?: number;
  readonlyRootfs?: boolean;
  dropAll?: boolean;
}

/** starts a container in the pod (distroless by default, which runs its own sleeper) */
export async function runTarget(api: CriApi, pod: TestPod, options: TargetOptions = {}): Promise<string> {
  const config: ContainerConfig = {
    metadata: { name: options.name ?? 'app', attempt: 0 },
    image: { image: options.image ?? DISTROLESS },
    command: options.command ?? [],
    args: options.args ?? [],
    workingDir: '',
    envs: [{ key: 'CRI_TARGET', value: 'yes' }],
    labels: { ...FIXTURE_LABEL },
    stdin: false,
    stdinOnce: false,
    tty: false,
    linux: {
      securityContext: {
        capabilities: { addCapabilities: [], dropCapabilities: options.dropAll ? ['ALL'] : [] },
        privileged: false,
        namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' },
        ...(options.runAsUser !== undefined ? { runAsUser: { value: options.runAsUser } } : {}),
        readonlyRootfs: options.readonlyRootfs === true,
      },
    },
  };
  const id = await api.createContainer(pod.id, config, pod.config);
  await api.startContainer(id);
  return id;
}

/** stops and removes the pod with every container in it */
export async function removePod(api: CriApi, pod: TestPod): Promise<void> {
  await api.stopPodSandbox(pod.id).catch(() => undefined);
  await api.removePodSandbox(pod.id).catch(() => undefined);
}

/** cdebug's sidecars left in the pod (none, after every run) */
export async function sidecarsIn(api: CriApi, pod: TestPod): Promise<string[]> {
  const containers = await api.listContainers({ podSandboxId: pod.id });
  return containers.filter((c) => c.labels['io.cdebug.session'] !== undefined).map((c) => `${c.metadata?.name ?? c.id} (${c.state})`);
}

/** the target's processes, as the host sees its PID namespace: "pid state cmdline" each */
export async function processesIn(api: CriApi, containerId: string): Promise<string[]> {
  const info = JSON.parse((await api.containerInfo(containerId)).info ?? '{}') as { pid?: number };
  if (!info.pid) return [];
  const ns = await readlink(`/proc/${info.pid}/ns/pid`).catch(() => null);
  if (!ns) return [];
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if ((await readlink(`/proc/${entry}/ns/pid`)) !== ns) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').join(' ').trim();
      found.push(`${entry} ${state} ${cmdline}`);
    } catch {
      // it ended while we looked
    }
  }
  return found;
}
