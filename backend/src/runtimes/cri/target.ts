// Finds the target on a CRI runtime: POD[/CONTAINER] in a Kubernetes namespace, or a container
// id (or a unique prefix of one), and reads what the sidecar needs of it and of its pod.

import * as grpc from '@grpc/grpc-js';
import { CdebugError } from '../../contract/index.js';
import { LABELS, type TargetFacts } from '../../sidecar/spec.js';
import { criStatus } from './client.js';
import { sandboxConfig, targetFacts } from './inspect.js';
import type { PodFacts } from './spec.js';
import type { Container, CriApi, PodSandboxConfig } from './types.js';

export interface CriTarget {
  facts: TargetFacts;
  podSandboxId: string;
  sandbox: PodSandboxConfig;
  pod: PodFacts;
  /** "namespace/pod" */
  podName: string;
}

const ID = /^[0-9a-f]{6,64}$/;

function notFound(message: string): CdebugError {
  return new CdebugError('target_not_found', message);
}

/** cdebug's own sidecars are no targets */
const isOwn = (c: Container) => c.labels[LABELS.session] !== undefined;

async function byId(api: CriApi, ref: string): Promise<Container | null> {
  if (!ID.test(ref)) return null;
  const matches = (await api.listContainers()).filter((c) => c.id.startsWith(ref) && !isOwn(c));
  if (matches.length > 1) throw new CdebugError('bad_request', `The id ${ref} matches ${matches.length} containers: give more of it.`);
  return matches[0] ?? null;
}

async function byPod(api: CriApi, ref: string, namespace: string): Promise<Container> {
  const slash = ref.indexOf('/');
  const podName = slash < 0 ? ref : ref.slice(0, slash);
  const containerName = slash < 0 ? null : ref.slice(slash + 1);
  if (!podName || containerName === '') throw new CdebugError('bad_request', `Name the target as POD or POD/CONTAINER (got "${ref}").`);
  const pods = (await api.listPodSandbox()).filter((p) => p.metadata?.name === podName && p.metadata.namespace === namespace);
  const ready = pods.filter((p) => p.state === 'SANDBOX_READY').sort((a, b) => b.createdAt - a.createdAt);
  const pod = ready[0];
  if (!pod) {
    if (pods.length > 0) throw new CdebugError('target_not_running', `The pod ${namespace}/${podName} is not ready (its sandbox has stopped).`);
    throw notFound(`No pod ${podName} in the namespace ${namespace} on this node: check the name, and -n NAMESPACE.`);
  }
  const containers = (await api.listContainers({ podSandboxId: pod.id })).filter((c) => !isOwn(c));
  // a restarted container leaves its earlier attempts behind: the newest of a name is the one
  const newest = new Map<string, Container>();
  for (const c of containers) {
    const name = c.metadata?.name ?? c.id;
    const seen = newest.get(name);
    if (!seen || c.createdAt > seen.createdAt) newest.set(name, c);
  }
  if (containerName !== null) {
    const found = newest.get(containerName);
    if (!found) {
      const names = [...newest.keys()].join(', ') || 'none';
      throw notFound(`The pod ${namespace}/${podName} has no container ${containerName} (it has: ${names}).`);
    }
    return found;
  }
  const all = [...newest.values()];
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) throw notFound(`The pod ${namespace}/${podName} has no containers yet.`);
  // kubectl's default container, when the pod names one
  const preferred = pod.annotations['kubectl.kubernetes.io/default-container'];
  const chosen = preferred ? newest.get(preferred) : undefined;
  if (chosen) return chosen;
  const names = all.map((c) => c.metadata?.name ?? c.id).join(', ');
  throw new CdebugError('bad_request', `The pod ${namespace}/${podName} has several containers (${names}): name one as ${podName}/CONTAINER.`);
}

/** resolves and checks the target (coded errors: 4xx); starts nothing */
export async function resolveCriTarget(api: CriApi, ref: string, namespace: string): Promise<CriTarget> {
  const container = (await byId(api, ref)) ?? (await byPod(api, ref, namespace));
  const [podStatus, podInfo, info] = await Promise.all([
    api.podSandboxStatus(container.podSandboxId),
    api.podSandboxInfo(container.podSandboxId),
    api.containerInfo(container.id),
  ]).catch((err: unknown) => {
    if (criStatus(err) === grpc.status.NOT_FOUND) throw notFound(`The container ${ref} is gone.`);
    throw err;
  });
  const podName = `${podStatus.metadata?.namespace ?? namespace}/${podStatus.metadata?.name ?? container.podSandboxId.slice(0, 12)}`;
  const name = `${podName}/${container.metadata?.name ?? container.id.slice(0, 12)}`;
  if (container.state !== 'CONTAINER_RUNNING') throw new CdebugError('target_not_running', `The container ${name} is not running.`);
  const sandbox = sandboxConfig(podStatus, podInfo);
  const options = podStatus.linux?.namespaces?.options;
  return {
    facts: targetFacts(container.id, name, info),
    podSandboxId: container.podSandboxId,
    sandbox,
    pod: { network: options?.network ?? 'POD', ipc: options?.ipc ?? 'POD' },
    podName,
  };
}
