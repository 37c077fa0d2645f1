import type { ErrorInfo } from './errors.js';

// HTTP contract v1 (see shared/design/ARCHITECTURE.md): the JSON shapes that the service
// answers and the UI, the CLI and the tests read. Change a shape here and every caller sees it.

export const API_VERSION = 'v1';
export const DEFAULT_TOOLKIT_IMAGE = 'busybox:latest';
export const DEFAULT_COMMAND: readonly string[] = ['sh'];

export interface EngineInfo {
  name: string;
  version: string;
  apiVersion: string;
}

export interface Health {
  ok: boolean;
  version: string;
  engine: EngineInfo | null;
  error?: ErrorInfo;
}

/** A running container as one engine describes it. */
export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  createdAt: string;
  command: string;
  user: string;
  readOnly: boolean;
  pidMode: string;
  networkMode: string;
  ports: string[];
  networks: string[];
}

/** `GET /api/containers` item: a container and the engine it runs on. */
export interface ContainerSummary extends ContainerDetails {
  /** a name from `GET /api/engines` (the default engine's when only one is configured); this
   * service always sends it, a service older than engines never does: absent means the default */
  engine?: string;
}

export interface Toolkit {
  image: string;
  title: string;
  description: string;
  local: boolean;
  preset: boolean;
}

export interface CreateSessionRequest {
  target: string;
  /** the engine the target runs on; absent: the default engine */
  engine?: string;
  image?: string;
  cmd?: string[];
  user?: string;
  privileged?: boolean;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

export const SESSION_STATES = ['pulling', 'starting', 'running', 'exited', 'failed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export function isFinalState(state: SessionState): boolean {
  return state === 'exited' || state === 'failed';
}

export interface SessionTarget {
  id: string;
  name: string;
}

/** A session as it knows itself; the registry adds the engine it runs on (`Session`). */
export interface SessionCore {
  id: string;
  target: SessionTarget;
  image: string;
  cmd: string[];
  user: string | null;
  privileged: boolean;
  state: SessionState;
  createdAt: string;
  exitCode?: number;
  error?: ErrorInfo;
  cols: number;
  rows: number;
  clients: number;
}

export interface Session extends SessionCore {
  /** the engine its sidecar runs on, which is the target's; always sent by this service (absent
   * from one older than engines: the default engine) */
  engine?: string;
}

/** The name of the one engine a service drives when none is configured by name (Docker's own name for its default context). */
export const DEFAULT_ENGINE_NAME = 'default';
/** Engine names: safe in a URL, a label and a log line. */
export const ENGINE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$';
const ENGINE_NAME = new RegExp(ENGINE_NAME_PATTERN);

export function isEngineName(value: string): boolean {
  return ENGINE_NAME.test(value);
}

/** `GET /api/engines`: one item per configured engine, in the configured order. */
export interface EngineStatus {
  name: string;
  /** where it is, for people (credentials left out) */
  host: string;
  /** the engine that requests naming none go to */
  default: boolean;
  reachable: boolean;
  /** what answered, when it did */
  engine: EngineInfo | null;
  /** why it did not */
  error?: ErrorInfo;
}

/** `GET /api/connection`, unix socket only: where the extension UI opens WebSockets. */
export interface Connection {
  port: number;
  token: string;
}

/** Terminal size limits accepted in `POST /api/sessions` and resize frames. */
export const MIN_COLS = 2;
export const MAX_COLS = 1000;
export const MIN_ROWS = 1;
export const MAX_ROWS = 500;
export const DEFAULT_COLS = 80;
export const DEFAULT_ROWS = 24;

/** Routes, so that no caller spells a path by hand. */
export const routes = {
  health: '/api/health',
  containers: '/api/containers',
  /** the containers of one engine */
  containersOn: (engine: string) => `/api/containers?engine=${encodeURIComponent(engine)}`,
  toolkitsOn: (engine: string) => `/api/toolkits?engine=${encodeURIComponent(engine)}`,
  engines: '/api/engines',
  toolkits: '/api/toolkits',
  sessions: '/api/sessions',
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  attach: (id: string) => `/api/sessions/${encodeURIComponent(id)}/attach`,
  connection: '/api/connection',
} as const;
