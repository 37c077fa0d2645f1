// One connection to a containerd: its gRPC socket, the namespace every call is made in (the
// `containerd-namespace` header), and calls as promises (unary) or async iterables (server
// streams), each stopped by an AbortSignal. Errors come back as grpc-js's ServiceError, whose
// `code` the callers read (errors.ts turns them into coded errors).

import { type Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { serviceConstructor, type ServiceName } from './definitions.js';

export interface ContainerdClient {
  /** the socket path, e.g. /run/containerd/containerd.sock */
  readonly socket: string;
  readonly namespace: string;
  call<Res>(service: ServiceName, method: string, request: object, signal?: AbortSignal): Promise<Res>;
  stream<Res>(service: ServiceName, method: string, request: object, signal?: AbortSignal): AsyncIterable<Res>;
  close(): void;
}

type UnaryMethod = (request: object, metadata: Metadata, callback: (err: ServiceError | null, response: unknown) => void) => { cancel(): void };
type StreamMethod = (request: object, metadata: Metadata) => AsyncIterable<unknown> & { cancel(): void };

export function connectContainerd(socket: string, namespace: string): ContainerdClient {
  const clients = new Map<ServiceName, Client>();
  const client = (service: ServiceName): Client => {
    let c = clients.get(service);
    if (!c) {
      const Ctor = serviceConstructor(service);
      // containerd's socket, without TLS; the messages it answers (an image's config) stay small
      c = new Ctor(`unix://${socket}`, credentials.createInsecure());
      clients.set(service, c);
    }
    return c;
  };
  const metadata = () => {
    const m = new Metadata();
    m.set('containerd-namespace', namespace);
    return m;
  };
  const method = (service: ServiceName, name: string): unknown => {
    const c = client(service) as unknown as Record<string, unknown>;
    const fn = c[name];
    if (typeof fn !== 'function') throw new Error(`containerd service ${service} has no method ${name} in cdebug's protos`);
    return (fn as (...args: unknown[]) => unknown).bind(c);
  };
  return {
    socket,
    namespace,
    call<Res>(service: ServiceName, name: string, request: object, signal?: AbortSignal): Promise<Res> {
      const fn = method(service, name) as UnaryMethod;
      return new Promise<Res>((resolve, reject) => {
        signal?.throwIfAborted();
        const onAbort = () => call.cancel();
        const call = fn(request, metadata(), (err, response) => {
          signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(response as Res);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    stream<Res>(service: ServiceName, name: string, request: object, signal?: AbortSignal): AsyncIterable<Res> {
      const fn = method(service, name) as StreamMethod;
      const call = fn(request, metadata());
      // a stream nobody reads to its end is cancelled by its abort; a cancelled call ends its iteration with an error
      signal?.addEventListener('abort', () => call.cancel(), { once: true });
      return call as AsyncIterable<Res>;
    },
    close() {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
}
