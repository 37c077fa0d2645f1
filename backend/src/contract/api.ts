// HTTP contract v1 (docs/ARCHITECTURE.md): the JSON shapes that the service answers and the UI,
// the CLI and the tests read. The shapes are the schemas in schema/; the types here are derived
// from them, so a change to a schema reaches every caller. Type-only imports of the schemas:
// this module stays free of the schema library at run time, for the CLI's start.

import type { Static } from 'typebox';
import type * as Requests from './schema/requests.js';
import type * as Responses from './schema/responses.js';
import type * as Common from './schema/common.js';
import type * as Events from './schema/events.js';
import type * as Files from './schema/files.js';
import { ENGINE_NAME_PATTERN } from './limits.js';

export { SESSION_STATES, isFinalState, type SessionState } from './states.js';

export const API_VERSION = 'v1';
export const DEFAULT_TOOLKIT_IMAGE = 'busybox:latest';
export const DEFAULT_COMMAND: readonly string[] = ['sh'];

export type EngineInfo = Static<typeof Common.EngineInfo>;
export type Health = Static<typeof Responses.Health>;
/** A running container as one engine describes it. */
export type ContainerDetails = Static<typeof Responses.ContainerDetails>;
/** `GET /api/containers` item: a container and the engine it runs on (absent: the default engine). */
export type ContainerSummary = Static<typeof Responses.ContainerSummary>;
export type Toolkit = Static<typeof Responses.Toolkit>;
export type SessionTarget = Static<typeof Responses.SessionTarget>;
/** `live` beside the running target; `copy` in a copy of a stopped one; `image` from an image alone */
export type SessionMode = Static<typeof Responses.SessionMode>;
/** `GET /api/images` item */
export type ImageSummary = Static<typeof Responses.ImageSummary>;
/** `GET /api/containers/{id}/logs` */
export type ContainerLogs = Static<typeof Responses.ContainerLogs>;
/** A session as it knows itself; the registry adds the engine it runs on (`Session`). */
export type SessionCore = Static<typeof Responses.SessionCore>;
export type Session = Static<typeof Responses.Session>;
/** what to debug again with, after a command was refused for lack of a privilege */
export type ProfileHint = Static<typeof Responses.ProfileHint>;
/** `GET /api/engines`: one item per configured engine, in the configured order. */
export type EngineStatus = Static<typeof Responses.EngineStatus>;
/** `GET /api/connection`, unix socket only: where the extension UI opens WebSockets. */
export type Connection = Static<typeof Responses.Connection>;
/** `POST /api/sessions/:id/files/link`: a one-time link to a path of the target, for a browser without the token */
export type FileLinkRequest = Static<typeof Files.FileLinkRequest>;
export type FileLink = Static<typeof Files.FileLink>;
/** `GET /api/events` frames: a snapshot first, then deltas */
export type LiveEvent = Static<typeof Events.LiveEvent>;
export type SnapshotEvent = Static<typeof Events.SnapshotEvent>;
export type CreateSessionRequest = Static<typeof Requests.CreateSessionRequest>;
/** `/api/sessions/:id` and `/api/sessions/:id/attach` */
export type SessionParams = Static<typeof Requests.SessionParams>;
export type EngineQuery = Static<typeof Requests.EngineQuery>;
export type ContainersQuery = Static<typeof Requests.ContainersQuery>;
export type ContainerParams = Static<typeof Requests.ContainerParams>;
export type LogsQuery = Static<typeof Requests.LogsQuery>;

/** The name of the one engine a service drives when none is configured by name (Docker's own name for its default context). */
export const DEFAULT_ENGINE_NAME = 'default';
const ENGINE_NAME = new RegExp(ENGINE_NAME_PATTERN);

export function isEngineName(value: string): boolean {
  return ENGINE_NAME.test(value);
}

/** Routes, so that no caller spells a path by hand. */
export const routes = {
  health: '/api/health',
  containers: '/api/containers',
  /** the containers of one engine */
  containersOn: (engine: string) => `/api/containers?engine=${encodeURIComponent(engine)}`,
  /** every container of one engine, stopped ones too */
  allContainersOn: (engine: string) => `/api/containers?all=1&engine=${encodeURIComponent(engine)}`,
  /** every container of every engine, stopped ones too */
  allContainers: '/api/containers?all=1',
  /** the last `tail` lines of a container's log, on one engine (the default one unless named) */
  containerLogs: (id: string, options: { tail?: number; engine?: string | undefined } = {}) => {
    const query = [
      ...(options.tail !== undefined ? [`tail=${options.tail}`] : []),
      ...(options.engine !== undefined ? [`engine=${encodeURIComponent(options.engine)}`] : []),
    ];
    return `/api/containers/${encodeURIComponent(id)}/logs${query.length > 0 ? `?${query.join('&')}` : ''}`;
  },
  images: '/api/images',
  imagesOn: (engine: string) => `/api/images?engine=${encodeURIComponent(engine)}`,
  toolkitsOn: (engine: string) => `/api/toolkits?engine=${encodeURIComponent(engine)}`,
  engines: '/api/engines',
  toolkits: '/api/toolkits',
  sessions: '/api/sessions',
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  attach: (id: string) => `/api/sessions/${encodeURIComponent(id)}/attach`,
  /** the session's output so far, as asciicast v2 (`application/x-asciicast`) */
  recording: (id: string) => `/api/sessions/${encodeURIComponent(id)}/recording`,
  /** a file of the session's target (a directory: as a tar) */
  files: (id: string, path: string) => `/api/sessions/${encodeURIComponent(id)}/files?path=${encodeURIComponent(path)}`,
  /** POST: a one-time link (`download`) to a path of the session's target */
  fileLink: (id: string) => `/api/sessions/${encodeURIComponent(id)}/files/link`,
  /** GET, no token (the ticket is the credential, once, for a minute): what a file link names */
  download: (ticket: string) => `/downloads/${encodeURIComponent(ticket)}`,
  /** the audit trail's newest `limit` lines, oldest first */
  audit: '/api/audit',
  auditLast: (limit: number) => `/api/audit?limit=${limit}`,
  connection: '/api/connection',
  /** WebSocket: the live state (snapshot, then deltas) */
  events: '/api/events',
} as const;
