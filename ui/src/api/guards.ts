// Answers from the service are checked here, at the edge, before any component sees them: no
// `as T` on backend data. Each reader turns `unknown` into a contract type or a coded error.
// Fields a view merely displays get a neutral default when absent, so that a service a little
// older or newer than this UI still works; fields the UI acts on are required.

import {
  SESSION_STATES,
  isErrorCode,
  parseServerFrame,
  type ContainerSummary,
  type Connection,
  type EngineInfo,
  type EngineStatus,
  type ErrorInfo,
  type Health,
  type PullProgress,
  type Result,
  type ServerFrame,
  type Session,
  type SessionState,
  type Toolkit,
} from '@cdebug/contract';

export type Reader<T> = (value: unknown, what: string) => Result<T>;

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const stringOr = (v: unknown, fallback: string): string => (isString(v) ? v : fallback);
const boolOr = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const intOr = (v: unknown, fallback: number): number => (isInt(v) ? v : fallback);

export function isSessionState(v: unknown): v is SessionState {
  return SESSION_STATES.some((state) => state === v);
}

function unexpected<T>(what: string, why: string): Result<T> {
  return {
    ok: false,
    error: { code: 'internal', message: `The cdebug service answered ${what} in a form this page does not understand (${why}): reload the page, or update cdebug.` },
  };
}

/** `{code, message}` from anywhere (an error body, an error frame); unknown codes become `internal`. */
export function readErrorInfo(v: unknown): ErrorInfo | null {
  if (!isRecord(v) || !isString(v.message)) return null;
  return { code: isErrorCode(v.code) ? v.code : 'internal', message: v.message };
}

/** The contract's error body `{"error": {...}}`, or null when the body is something else. */
export function readErrorBody(v: unknown): ErrorInfo | null {
  return isRecord(v) ? readErrorInfo(v.error) : null;
}

function arrayOf<T>(item: (v: unknown) => T | null, name: string): Reader<T[]> {
  return (value, what) => {
    if (!Array.isArray(value)) return unexpected(what, 'expected a list');
    const items: T[] = [];
    for (const [index, entry] of value.entries()) {
      const parsed = item(entry);
      if (parsed === null) return unexpected(what, `${name} ${index} is malformed`);
      items.push(parsed);
    }
    return { ok: true, value: items };
  };
}

function single<T>(item: (v: unknown) => T | null, name: string): Reader<T> {
  return (value, what) => {
    const parsed = item(value);
    return parsed === null ? unexpected(what, `the ${name} is malformed`) : { ok: true, value: parsed };
  };
}

function toEngineInfo(v: unknown): EngineInfo | null {
  return isRecord(v) ? { name: stringOr(v.name, ''), version: stringOr(v.version, ''), apiVersion: stringOr(v.apiVersion, '') } : null;
}

/** absent from a service older than engines: the default engine */
function engineField(v: Fields): { engine?: string } {
  return isString(v.engine) && v.engine !== '' ? { engine: v.engine } : {};
}

export function toHealth(v: unknown): Health | null {
  if (!isRecord(v) || typeof v.ok !== 'boolean') return null;
  const engine = toEngineInfo(v.engine);
  const error = readErrorInfo(v.error);
  return { ok: v.ok, version: stringOr(v.version, ''), engine, ...(error ? { error } : {}) };
}

export function toContainer(v: unknown): ContainerSummary | null {
  if (!isRecord(v) || !isString(v.id) || !isString(v.name) || !isString(v.image) || !isString(v.state)) return null;
  return {
    ...engineField(v),
    id: v.id,
    name: v.name,
    image: v.image,
    state: v.state,
    status: stringOr(v.status, v.state),
    createdAt: stringOr(v.createdAt, ''),
    command: stringOr(v.command, ''),
    user: stringOr(v.user, ''),
    readOnly: boolOr(v.readOnly, false),
    pidMode: stringOr(v.pidMode, ''),
    networkMode: stringOr(v.networkMode, ''),
    ports: isStringArray(v.ports) ? v.ports : [],
    networks: isStringArray(v.networks) ? v.networks : [],
  };
}

export function toToolkit(v: unknown): Toolkit | null {
  if (!isRecord(v) || !isString(v.image) || v.image === '') return null;
  return {
    image: v.image,
    title: stringOr(v.title, v.image),
    description: stringOr(v.description, ''),
    local: boolOr(v.local, false),
    preset: boolOr(v.preset, false),
  };
}

export function toSession(v: unknown): Session | null {
  if (!isRecord(v) || !isString(v.id) || !isRecord(v.target) || !isString(v.image) || !isSessionState(v.state)) return null;
  const { target } = v;
  if (!isString(target.id) || !isString(target.name)) return null;
  const error = readErrorInfo(v.error);
  return {
    ...engineField(v),
    id: v.id,
    target: { id: target.id, name: target.name },
    image: v.image,
    cmd: isStringArray(v.cmd) ? v.cmd : [],
    user: isString(v.user) && v.user !== '' ? v.user : null,
    privileged: boolOr(v.privileged, false),
    state: v.state,
    createdAt: stringOr(v.createdAt, ''),
    ...(isInt(v.exitCode) ? { exitCode: v.exitCode } : {}),
    ...(error ? { error } : {}),
    cols: intOr(v.cols, 0),
    rows: intOr(v.rows, 0),
    clients: intOr(v.clients, 0),
  };
}

export function toEngineStatus(v: unknown): EngineStatus | null {
  if (!isRecord(v) || !isString(v.name) || v.name === '' || typeof v.reachable !== 'boolean') return null;
  const error = readErrorInfo(v.error);
  return {
    name: v.name,
    host: stringOr(v.host, ''),
    default: boolOr(v.default, false),
    reachable: v.reachable,
    engine: toEngineInfo(v.engine),
    ...(error ? { error } : {}),
  };
}

export function toConnection(v: unknown): Connection | null {
  if (!isRecord(v) || !isInt(v.port) || v.port < 1 || v.port > 65535 || !isString(v.token) || v.token === '') return null;
  return { port: v.port, token: v.token };
}

export const readHealth: Reader<Health> = single(toHealth, 'health report');
export const readContainers: Reader<ContainerSummary[]> = arrayOf(toContainer, 'container');
export const readToolkits: Reader<Toolkit[]> = arrayOf(toToolkit, 'toolkit');
export const readSession: Reader<Session> = single(toSession, 'session');
export const readSessions: Reader<Session[]> = arrayOf(toSession, 'session');
export const readEngines: Reader<EngineStatus[]> = arrayOf(toEngineStatus, 'engine');
export const readConnection: Reader<Connection> = single(toConnection, 'connection details');

/** One bar for the whole pull: per-layer detail is not drawn. */
function toProgress(v: unknown): PullProgress | undefined {
  if (!isRecord(v) || typeof v.current !== 'number' || typeof v.total !== 'number') return undefined;
  return { current: v.current, total: v.total, status: stringOr(v.status, ''), layers: {} };
}

/**
 * A text frame from the attach socket, stricter than the contract's parser: the session state
 * must be a known one, progress numbers must be numbers, error codes must be catalogued.
 */
export function readServerFrame(text: string): ServerFrame | null {
  const frame = parseServerFrame(text);
  if (frame === null) return null;
  switch (frame.type) {
    case 'status': {
      if (!isSessionState(frame.state)) return null;
      const progress = toProgress(frame.progress);
      return { type: 'status', state: frame.state, ...(progress ? { progress } : {}) };
    }
    case 'error': {
      const error = readErrorInfo(frame);
      return error && { type: 'error', ...error };
    }
    default:
      return frame;
  }
}
