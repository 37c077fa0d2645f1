// The messages of protos.ts as the adapter reads and writes them (camelCase, int64 as strings,
// enums by name, bytes as Buffers: definitions.ts's options).

export interface Any {
  typeUrl: string;
  value: Buffer;
}

export interface Timestamp {
  seconds: string;
  nanos: number;
}

export interface Mount {
  type: string;
  source: string;
  target: string;
  options: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: string;
  annotations: Record<string, string>;
}

export interface Container {
  id: string;
  labels: Record<string, string>;
  image: string;
  runtime: { name: string } | null;
  spec: Any | null;
  snapshotter: string;
  snapshotKey: string;
  createdAt: Timestamp | null;
  updatedAt: Timestamp | null;
}

export type TaskStatus = 'UNKNOWN' | 'CREATED' | 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PAUSING';

export interface Process {
  containerId: string;
  id: string;
  pid: number;
  status: TaskStatus;
  /** the FIFOs the task was created with ('' for none) */
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
  exitStatus: number;
  exitedAt: Timestamp | null;
}

export interface Image {
  name: string;
  labels: Record<string, string>;
  target: Descriptor | null;
  createdAt: Timestamp | null;
  updatedAt: Timestamp | null;
}

export interface Envelope {
  timestamp: Timestamp | null;
  namespace: string;
  topic: string;
  event: Any | null;
}

/** an OCI runtime spec's type URL, as containerd's typeurl registers it: the value is the spec's JSON */
export const SPEC_TYPE_URL = 'types.containerd.io/opencontainers/runtime-spec/1/Spec';

/** an OCI process spec's (an exec's) */
export const PROCESS_TYPE_URL = 'types.containerd.io/opencontainers/runtime-spec/1/Process';

/** milliseconds since the epoch (0 for none) */
export function millis(ts: Timestamp | null | undefined): number {
  return ts ? Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6) : 0;
}
