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

export interface ContainerSummary {
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

export interface Toolkit {
  image: string;
  title: string;
  description: string;
  local: boolean;
  preset: boolean;
}

export interface CreateSessionRequest {
  target: string;
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

export interface Session {
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
  toolkits: '/api/toolkits',
  sessions: '/api/sessions',
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  attach: (id: string) => `/api/sessions/${encodeURIComponent(id)}/attach`,
  connection: '/api/connection',
} as const;
