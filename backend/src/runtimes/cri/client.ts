// A CRI client over gRPC (@grpc/grpc-js): RuntimeService and ImageService of runtime.v1 from
// the .proto text in proto.ts, parsed at first use (protobufjs), each call promised. Failures
// become coded errors here: an unreachable socket engine_unreachable, the rest keep the gRPC
// status for the caller to read (criStatus).

import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { CdebugError } from '../../contract/index.js';
import { CRI_PROTO } from './proto.js';
import type { CriApi, PodSandboxConfig } from './types.js';

type Callback = (err: grpc.ServiceError | null, value: Record<string, unknown>) => void;
type Method = (request: object, options: grpc.CallOptions, callback: Callback) => void;
type ServiceClient = grpc.Client & Record<string, Method>;
type ServiceCtor = new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ChannelOptions) => ServiceClient;

let services: { runtime: ServiceCtor; image: ServiceCtor } | null = null;

function loadServices(): { runtime: ServiceCtor; image: ServiceCtor } {
  if (services) return services;
  const parsed = protobuf.parse(CRI_PROTO, { keepCase: false });
  const definition = fromJSON(parsed.root.toJSON(), { longs: Number, enums: String, defaults: true, arrays: true, objects: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { runtime: { v1: { RuntimeService: ServiceCtor; ImageService: ServiceCtor } } };
  services = { runtime: loaded.runtime.v1.RuntimeService, image: loaded.runtime.v1.ImageService };
  return services;
}

/** The gRPC status of a failed call (grpc.status), undefined for anything else. */
export function criStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'number' ? code : undefined;
}

/** The runtime's own words for a failed call. */
export function criMessage(err: unknown): string {
  const details = (err as { details?: unknown } | null)?.details;
  if (typeof details === 'string' && details) return details;
  return err instanceof Error ? err.message : String(err);
}

/** `address`: the socket as given (cri:///run/containerd/containerd.sock), for messages */
export function criError(err: unknown, address: string): Error {
  if (err instanceof CdebugError) return err;
  const status = criStatus(err);
  if (status === grpc.status.UNAVAILABLE || status === grpc.status.DEADLINE_EXCEEDED) {
    return new CdebugError(
      'engine_unreachable',
      `The CRI runtime at ${address} does not answer (${criMessage(err)}): is it running, and may this user open its socket?`,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

export interface CriClientOptions {
  /** per call, in ms (a stuck runtime must not hang the CLI) */
  deadline?: number;
}

/** `socketPath`: the unix socket's path; `address`: what the user gave, for messages */
export function criClient(socketPath: string, address: string, options: CriClientOptions = {}): CriApi {
  const { runtime, image } = loadServices();
  const target = `unix://${socketPath}`;
  const credentials = grpc.credentials.createInsecure();
  // the CRI answers of a busy node can be large (ListContainers): containerd's own limit is 16 MiB
  const channelOptions = { 'grpc.max_receive_message_length': 16 * 1024 * 1024 };
  const runtimeClient = new runtime(target, credentials, channelOptions);
  const imageClient = new image(target, credentials, channelOptions);
  const deadlineMs = options.deadline ?? 30_000;

  const call = <T>(client: ServiceClient, method: string, request: object): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const fn = client[method];
      if (!fn) {
        reject(new CdebugError('internal', `The CRI client has no method ${method}.`));
        return;
      }
      fn.call(client, request, { deadline: Date.now() + deadlineMs }, (err, value) => {
        if (err) reject(criError(err, address));
        else resolve(value as T);
      });
    });
  const rt = <T>(method: string, request: object) => call<T>(runtimeClient, method, request);
  const img = <T>(method: string, request: object) => call<T>(imageClient, method, request);

  return {
    version: () => rt('Version', { version: 'v1' }),
    runPodSandbox: async (config: PodSandboxConfig) => (await rt<{ podSandboxId: string }>('RunPodSandbox', { config })).podSandboxId,
    stopPodSandbox: async (id) => void (await rt('StopPodSandbox', { podSandboxId: id })),
    removePodSandbox: async (id) => void (await rt('RemovePodSandbox', { podSandboxId: id })),
    podSandboxStatus: async (id) => {
      const answer = await rt<{ status: Awaited<ReturnType<CriApi['podSandboxStatus']>> | null }>('PodSandboxStatus', { podSandboxId: id });
      if (!answer.status) throw Object.assign(new Error(`pod sandbox ${id} not found`), { code: grpc.status.NOT_FOUND });
      return answer.status;
    },
    listPodSandbox: async (filter) => (await rt<{ items: Awaited<ReturnType<CriApi['listPodSandbox']>> }>('ListPodSandbox', { filter: filter ?? {} })).items,
    createContainer: async (podSandboxId, config, sandboxConfig) =>
      (await rt<{ containerId: string }>('CreateContainer', { podSandboxId, config, sandboxConfig })).containerId,
    startContainer: async (id) => void (await rt('StartContainer', { containerId: id })),
    stopContainer: async (id, timeout) => void (await rt('StopContainer', { containerId: id, timeout })),
    removeContainer: async (id) => void (await rt('RemoveContainer', { containerId: id })),
    listContainers: async (filter) =>
      (await rt<{ containers: Awaited<ReturnType<CriApi['listContainers']>> }>('ListContainers', { filter: filter ?? {} })).containers,
    containerStatus: async (id) => {
      const answer = await rt<{ status: Awaited<ReturnType<CriApi['containerStatus']>> | null }>('ContainerStatus', { containerId: id });
      if (!answer.status) throw Object.assign(new Error(`container ${id} not found`), { code: grpc.status.NOT_FOUND });
      return answer.status;
    },
    podSandboxInfo: async (id) => (await rt<{ info: Record<string, string> }>('PodSandboxStatus', { podSandboxId: id, verbose: true })).info,
    containerInfo: async (id) => (await rt<{ info: Record<string, string> }>('ContainerStatus', { containerId: id, verbose: true })).info,
    execSync: (id, cmd, timeout) => rt('ExecSync', { containerId: id, cmd, timeout }),
    attach: async (request) => (await rt<{ url: string }>('Attach', request)).url,
    listImages: async () => (await img<{ images: Awaited<ReturnType<CriApi['listImages']>> }>('ListImages', {})).images,
    imageStatus: async (ref) => (await img<{ image: Awaited<ReturnType<CriApi['imageStatus']>> }>('ImageStatus', { image: { image: ref } })).image ?? null,
    pullImage: async (ref) => (await img<{ imageRef: string }>('PullImage', { image: { image: ref } })).imageRef,
    close() {
      runtimeClient.close();
      imageClient.close();
    },
  };
}
