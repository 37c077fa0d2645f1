// A fake CdebugApi for component tests: the one seam between the UI and the service. Lives in
// test files only, so the production bundle never carries it.

import { vi } from 'vitest';
import type {
  ContainerLogs,
  ContainerSummary,
  CreateSessionRequest,
  EngineStatus,
  ErrorCode,
  ErrorInfo,
  ImageSummary,
  Result,
  ServerFrame,
  Session,
  Toolkit,
} from '@cdebug/contract';
import type { AttachHandle, AttachHandlers, CdebugApi } from '../api';

export function container(patch: Partial<ContainerSummary> = {}): ContainerSummary {
  const name = patch.name ?? 'web';
  return {
    id: `${name}-0123456789abcdef0123456789abcdef`,
    name,
    image: 'nginx:1.27',
    state: 'running',
    status: 'Up 5 minutes',
    createdAt: '2024-05-01T10:00:00Z',
    command: 'nginx -g daemon off;',
    user: '',
    readOnly: false,
    pidMode: '',
    networkMode: 'bridge',
    ports: [],
    networks: ['bridge'],
    exitCode: null,
    finishedAt: '',
    ...patch,
  };
}

/** a container that ran and exited with `exitCode`, `finishedAt` ago */
export function stoppedContainer(patch: Partial<ContainerSummary> & { finishedAt: string }): ContainerSummary {
  const exitCode = patch.exitCode ?? 1;
  return container({ state: 'exited', status: `Exited (${exitCode})`, exitCode, ...patch });
}

export function image(patch: Partial<ImageSummary> = {}): ImageSummary {
  const tags = patch.tags ?? ['app:1.0'];
  return {
    id: `sha256:${(tags[0] ?? 'untagged').replace(/[^a-z0-9]/g, '')}0123456789abcdef`,
    tags,
    size: 12_345_678,
    createdAt: '2024-05-01T10:00:00Z',
    ...patch,
  };
}

let sessionCount = 0;

export function session(patch: Partial<Session> = {}): Session {
  sessionCount += 1;
  return {
    id: `s${sessionCount}`,
    target: { id: 'web-0123456789abcdef0123456789abcdef', name: 'web' },
    mode: 'live',
    image: 'busybox:latest',
    cmd: [],
    user: null,
    privileged: false,
    state: 'running',
    createdAt: '2024-05-01T10:00:00Z',
    cols: 80,
    rows: 24,
    clients: 0,
    ...patch,
  };
}

/** an engine as GET /api/engines reports it: answering unless the patch says otherwise */
export function engineStatus(patch: Partial<EngineStatus> & { name: string }): EngineStatus {
  const reachable = patch.reachable ?? true;
  return {
    host: `unix:///run/${patch.name}.sock`,
    default: false,
    reachable,
    engine: reachable ? { name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' } : null,
    ...(reachable ? {} : { error: { code: 'engine_unreachable' as const, message: `The engine "${patch.name}" does not answer (ECONNREFUSED).` } }),
    ...patch,
  };
}

export function toolkit(patch: Partial<Toolkit> & { image: string }): Toolkit {
  return { title: patch.image, description: '', local: false, preset: true, ...patch };
}

export const PRESETS: Toolkit[] = [
  toolkit({ image: 'busybox:latest', title: 'BusyBox', description: 'Small, always works', local: true }),
  toolkit({ image: 'nixery.dev/shell/htop/strace', title: 'Nixery', description: 'Pick your packages' }),
  toolkit({ image: 'nicolaka/netshoot:latest', title: 'netshoot', description: 'Network troubleshooting' }),
  toolkit({ image: 'alpine:latest', title: 'Alpine', description: 'apk add what you need' }),
  toolkit({ image: 'registry.local/tools:1', title: 'registry.local/tools:1', preset: false, local: true }),
];

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(code: ErrorCode, message = `failure: ${code}`): Result<T> => ({ ok: false, error: { code, message } });

/** One attach made through the fake: the test drives the server side through it. */
export interface FakeAttach {
  sessionId: string;
  handlers: AttachHandlers;
  sent: Uint8Array[];
  resizes: Array<{ cols: number; rows: number }>;
  acks: number[];
  closed: boolean;
  open: () => void;
  frame: (frame: ServerFrame) => void;
  data: (bytes: Uint8Array | string) => void;
  drop: (code?: number) => void;
}

export interface FakeApi extends CdebugApi {
  attaches: FakeAttach[];
  created: CreateSessionRequest[];
  deleted: string[];
}

export function fakeApi(overrides: Partial<CdebugApi> = {}): FakeApi {
  const attaches: FakeAttach[] = [];
  const created: CreateSessionRequest[] = [];
  const deleted: string[] = [];

  const attach = (sessionId: string, handlers: AttachHandlers): AttachHandle => {
    const record: FakeAttach = {
      sessionId,
      handlers,
      sent: [],
      resizes: [],
      acks: [],
      closed: false,
      open: () => handlers.onOpen(),
      frame: (frame) => handlers.onFrame(frame),
      data: (bytes) => handlers.onData(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
      drop: (code = 1006) => handlers.onClose({ code, reason: '' }),
    };
    attaches.push(record);
    return {
      send: (bytes) => record.sent.push(bytes),
      resize: (cols, rows) => record.resizes.push({ cols, rows }),
      ack: (total) => record.acks.push(total),
      close: () => {
        record.closed = true;
      },
    };
  };

  const api: FakeApi = {
    host: 'standalone',
    openExternal: vi.fn(),
    health: vi.fn(async () => ok({ ok: true, version: 'test', engine: { name: 'Docker Engine', version: '27', apiVersion: '1.47' } })),
    containers: vi.fn(async (_options?: { all?: boolean }) => ok([container()])),
    images: vi.fn(async () => ok([image()])),
    containerLogs: vi.fn(async (_id: string, _engine?: string) => ok<ContainerLogs>({ lines: [] })),
    engines: vi.fn(async () => ok([engineStatus({ name: 'default', default: true })])),
    toolkits: vi.fn(async (_engine?: string) => ok(PRESETS)),
    sessions: vi.fn(async () => ok<Session[]>([])),
    session: vi.fn(async (id: string) => fail<Session>('session_not_found', `No session ${id}`)),
    createSession: vi.fn(async (request: CreateSessionRequest) => {
      created.push(request);
      return ok(session({ target: { id: `${request.target}-id`, name: request.target }, image: request.image ?? 'busybox:latest', state: 'pulling' }));
    }),
    deleteSession: vi.fn(async (id: string) => {
      deleted.push(id);
      return ok(undefined);
    }),
    attach: vi.fn(attach),
    recording: vi.fn(async (id: string) => fail<string>('session_not_found', `No session ${id}`)),
    attaches,
    created,
    deleted,
    ...overrides,
  };
  return api;
}

export function errorInfo(code: ErrorCode, message: string): ErrorInfo {
  return { code, message };
}
