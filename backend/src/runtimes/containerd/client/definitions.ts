// containerd's services as grpc-js constructors, built once from the proto text (protos.ts):
// protobufjs parses it (field names in camelCase, as the adapter's types spell them) and
// proto-loader turns the result into the package definition grpc-js serves from.

import { fromJSON } from '@grpc/proto-loader';
import { type GrpcObject, loadPackageDefinition, type ServiceClientConstructor } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { PROTO_FILES } from './protos.js';

/** the services the adapter calls, by the short name it uses for them */
export const SERVICES = {
  containers: 'containerd.services.containers.v1.Containers',
  tasks: 'containerd.services.tasks.v1.Tasks',
  images: 'containerd.services.images.v1.Images',
  content: 'containerd.services.content.v1.Content',
  snapshots: 'containerd.services.snapshots.v1.Snapshots',
  events: 'containerd.services.events.v1.Events',
  version: 'containerd.services.version.v1.Version',
  namespaces: 'containerd.services.namespaces.v1.Namespaces',
} as const;

export type ServiceName = keyof typeof SERVICES;

let root: protobuf.Root | null = null;
let loaded: GrpcObject | null = null;

/** the parsed protos: also how an event's payload (an Any) is decoded */
export function protoRoot(): protobuf.Root {
  if (!root) {
    const parsed = new protobuf.Root();
    for (const text of PROTO_FILES) protobuf.parse(text, parsed);
    parsed.resolveAll();
    root = parsed;
  }
  return root;
}

export function serviceConstructor(name: ServiceName): ServiceClientConstructor {
  loaded ??= loadPackageDefinition(
    // int64 as strings (timestamps, sizes: read with Number()), enums by name, absent fields as their defaults
    fromJSON(protoRoot().toJSON(), { longs: String, enums: String, defaults: true }),
  );
  let node: unknown = loaded;
  for (const part of SERVICES[name].split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new Error(`the proto definitions have no service ${SERVICES[name]}`);
  return node as ServiceClientConstructor;
}
