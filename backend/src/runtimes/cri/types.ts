// The CRI messages cdebug reads and writes, as @grpc/proto-loader hands them over (camelCase
// fields, enums as their names, int64 as numbers, every field present with its default). Only
// the fields of proto.ts; a runtime may send more, which protobuf drops.

export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface NamespaceOption {
  network?: NamespaceMode;
  pid?: NamespaceMode;
  ipc?: NamespaceMode;
  targetId?: string;
}

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  logDirectory?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  linux?: {
    cgroupParent?: string;
    securityContext?: { namespaceOptions?: NamespaceOption; privileged?: boolean; readonlyRootfs?: boolean; runAsUser?: { value: number } | null };
  };
}

export interface PodSandboxStatus {
  id: string;
  metadata: PodSandboxMetadata | null;
  state: PodSandboxState;
  createdAt: number;
  linux: { namespaces: { options: NamespaceOption | null } | null } | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
}

export interface PodSandbox {
  id: string;
  metadata: PodSandboxMetadata | null;
  state: PodSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface ContainerConfig {
  metadata: { name: string; attempt: number };
  image: { image: string };
  command: string[];
  args: string[];
  workingDir: string;
  envs: KeyValue[];
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  logPath?: string;
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  linux: {
    securityContext: {
      capabilities: { addCapabilities: string[]; dropCapabilities: string[] };
      privileged: boolean;
      namespaceOptions: NamespaceOption;
      runAsUser?: { value: number };
      runAsGroup?: { value: number };
      readonlyRootfs?: boolean;
      noNewPrivs?: boolean;
    };
  };
}

export interface Container {
  id: string;
  podSandboxId: string;
  metadata: { name: string; attempt: number } | null;
  image: { image: string } | null;
  imageRef: string;
  state: ContainerState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerStatus {
  id: string;
  metadata: { name: string; attempt: number } | null;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  image: { image: string } | null;
  imageRef: string;
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerFilter {
  id?: string;
  podSandboxId?: string;
  state?: { state: ContainerState };
  labelSelector?: Record<string, string>;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

/** The calls of RuntimeService and ImageService that cdebug makes, promised. */
export interface CriApi {
  version(): Promise<{ version: string; runtimeName: string; runtimeVersion: string; runtimeApiVersion: string }>;
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  podSandboxStatus(id: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: { id?: string; labelSelector?: Record<string, string> }): Promise<PodSandbox[]>;
  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** timeout: seconds before the runtime kills it (0: at once) */
  stopContainer(id: string, timeout: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<Container[]>;
  containerStatus(id: string): Promise<ContainerStatus>;
  /** the runtime's verbose extras (containerd: "info", the sandbox's config and OCI spec as JSON) */
  podSandboxInfo(id: string): Promise<Record<string, string>>;
  /** the runtime's verbose extras (containerd: "info", with the pid, the config and the OCI spec as JSON) */
  containerInfo(id: string): Promise<Record<string, string>>;
  execSync(id: string, cmd: string[], timeout: number): Promise<{ stdout: Buffer; stderr: Buffer; exitCode: number }>;
  /** the streaming server's URL for an attach */
  attach(request: { containerId: string; stdin: boolean; tty: boolean; stdout: boolean; stderr: boolean }): Promise<string>;
  listImages(): Promise<Image[]>;
  /** null: the image is not on the node */
  imageStatus(image: string): Promise<Image | null>;
  pullImage(image: string): Promise<string>;
  close(): void;
}
