// Answers from the service are checked here, at the edge, before any component sees them: no
// `as T` on backend data. Each reader turns `unknown` into a contract type or a coded error,
// reading it against the contract's own schema (lenient.ts says how leniently): fields a view
// merely displays get a neutral default when absent, so that a service a little older or newer
// than this UI still works; fields the UI acts on are required.

import type {
  Connection,
  FileLink,
  ContainerLogs,
  ContainerSummary,
  EngineStatus,
  ErrorInfo,
  Health,
  ImageSummary,
  LiveEvent,
  Result,
  ServerFrame,
  Session,
  Toolkit,
} from '@cdebug/contract';
import {
  Connection as ConnectionSchema,
  FileLink as FileLinkSchema,
  ContainerLogs as ContainerLogsSchema,
  ContainerSummary as ContainerSchema,
  EngineStatus as EngineStatusSchema,
  ErrorBody as ErrorBodySchema,
  ErrorInfo as ErrorInfoSchema,
  Health as HealthSchema,
  ImageSummary as ImageSchema,
  LiveEvent as LiveEventSchema,
  ServerFrame as ServerFrameSchema,
  Session as SessionSchema,
  Toolkit as ToolkitSchema,
} from '@cdebug/contract/schema';
import type { Static, TSchema } from 'typebox';
import { readAs } from './lenient';

export type Reader<T> = (value: unknown, what: string) => Result<T>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unexpected<T>(what: string, why: string): Result<T> {
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `The cdebug service answered ${what} in a form this page does not understand (${why}): reload the page, or update cdebug.`,
    },
  };
}

/** `{code, message}` from anywhere (an error body, an error frame); unknown codes become `internal`. */
export function readErrorInfo(v: unknown): ErrorInfo | null {
  return readAs(ErrorInfoSchema, v);
}

/** The contract's error body `{"error": {...}}`, or null when the body is something else. */
export function readErrorBody(v: unknown): ErrorInfo | null {
  return readAs(ErrorBodySchema, v)?.error ?? null;
}

/**
 * A display field whose neutral default is another field of the same answer (a container's
 * status is its state, a toolkit's title its image) rather than the schema's constant one.
 */
function fallback(field: string, from: string): (v: unknown) => unknown {
  return (v) => (isRecord(v) && typeof v[field] !== 'string' ? { ...v, [field]: v[from] } : v);
}

const asIs = (v: unknown): unknown => v;

function arrayOf<S extends TSchema>(schema: S, name: string, prepare = asIs): Reader<Static<S>[]> {
  return (value, what) => {
    if (!Array.isArray(value)) return unexpected(what, 'expected a list');
    const items: Static<S>[] = [];
    for (const [index, entry] of value.entries()) {
      const parsed = readAs(schema, prepare(entry));
      if (parsed === null) return unexpected(what, `${name} ${index} is malformed`);
      items.push(parsed);
    }
    return { ok: true, value: items };
  };
}

function single<S extends TSchema>(schema: S, name: string): Reader<Static<S>> {
  return (value, what) => {
    const parsed = readAs(schema, value);
    return parsed === null ? unexpected(what, `the ${name} is malformed`) : { ok: true, value: parsed };
  };
}

export const readHealth: Reader<Health> = single(HealthSchema, 'health report');
export const readContainers: Reader<ContainerSummary[]> = arrayOf(ContainerSchema, 'container', fallback('status', 'state'));
export const readToolkits: Reader<Toolkit[]> = arrayOf(ToolkitSchema, 'toolkit', fallback('title', 'image'));
export const readSession: Reader<Session> = single(SessionSchema, 'session');
export const readSessions: Reader<Session[]> = arrayOf(SessionSchema, 'session');
export const readEngines: Reader<EngineStatus[]> = arrayOf(EngineStatusSchema, 'engine');
export const readConnection: Reader<Connection> = single(ConnectionSchema, 'connection details');
export const readFileLink: Reader<FileLink> = single(FileLinkSchema, 'download link');
export const readImages: Reader<ImageSummary[]> = arrayOf(ImageSchema, 'image');
export const readContainerLogs: Reader<ContainerLogs> = single(ContainerLogsSchema, 'log');

/** A text frame from the attach socket, or null when it is not one the UI can act on. */
/** A `GET /api/events` frame, or null when it is not one this page understands. */
export function readLiveEvent(text: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return readAs(LiveEventSchema, value);
}

export function readServerFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return readAs(ServerFrameSchema, value);
}
