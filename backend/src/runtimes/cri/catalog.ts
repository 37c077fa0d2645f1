// The catalog side of the runtime port on a CRI runtime: what it is (Version), its containers
// with their pods (cdebug's sidecars left out), its images. A container is named
// NAMESPACE/POD/CONTAINER, as the session side finds it (POD/CONTAINER with -n NAMESPACE).

import { CdebugError, type ContainerDetails } from '../../contract/index.js';
import { LABELS } from '../../sidecar/spec.js';
import type { CatalogEngine, ContainerScope, ImageDetails, LocalImage } from '../port.js';
import type { Container, CriApi, PodSandbox } from './types.js';

const STATE: Record<Container['state'], string> = {
  CONTAINER_CREATED: 'created',
  CONTAINER_RUNNING: 'running',
  CONTAINER_EXITED: 'exited',
  CONTAINER_UNKNOWN: 'unknown',
};

const iso = (nanos: number) => (nanos > 0 ? new Date(Math.floor(nanos / 1e6)).toISOString() : '');

/** one container as the contract describes it, named after its pod */
export function describeCriContainer(c: Container, pod: PodSandbox | undefined): ContainerDetails {
  const podName = pod?.metadata ? `${pod.metadata.namespace}/${pod.metadata.name}` : c.podSandboxId.slice(0, 12);
  const state = STATE[c.state] ?? 'unknown';
  return {
    id: c.id,
    name: `${podName}/${c.metadata?.name ?? c.id.slice(0, 12)}`,
    image: c.image?.image ?? c.imageRef,
    state,
    status: state,
    createdAt: iso(c.createdAt),
    command: '',
    user: '',
    readOnly: false,
    pidMode: '',
    networkMode: '',
    ports: [],
    networks: [],
    exitCode: null,
    finishedAt: '',
  };
}

export function criCatalog(api: CriApi, address: string): CatalogEngine {
  const containers = async (scope: ContainerScope = 'running'): Promise<ContainerDetails[]> => {
    const [listed, pods] = await Promise.all([api.listContainers(scope === 'running' ? { state: { state: 'CONTAINER_RUNNING' } } : {}), api.listPodSandbox()]);
    const podById = new Map(pods.map((p) => [p.id, p]));
    return listed
      .filter((c) => c.labels[LABELS.session] === undefined)
      .map((c) => describeCriContainer(c, podById.get(c.podSandboxId)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
  };
  return {
    async describe() {
      const v = await api.version();
      return { name: v.runtimeName, version: v.runtimeVersion, apiVersion: `CRI ${v.runtimeApiVersion}` };
    },
    containers: (_signal, scope) => containers(scope),
    async images(): Promise<LocalImage[]> {
      return (await api.listImages()).map((i) => ({ tags: i.repoTags, labels: {} }));
    },
    async debuggableImages(): Promise<ImageDetails[]> {
      return (await api.listImages()).filter((i) => i.repoTags.length > 0).map((i) => ({ id: i.id, tags: i.repoTags, size: i.size, createdAt: '' }));
    },
    logs() {
      return Promise.reject(
        new CdebugError('target_unsupported', `The CRI runtime at ${address} serves no container logs (the kubelet reads them from files on the node).`),
      );
    },
  };
}
