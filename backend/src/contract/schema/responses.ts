// What the service answers (HTTP contract v1, docs/ARCHITECTURE.md). Fields a view merely
// displays carry a `default` (see common.ts); the ones a client acts on have none, so a reader
// refuses an answer without them. Extra fields are allowed: a newer service may add some.

import * as Type from 'typebox';
import { MAX_COLS, MAX_ROWS } from '../limits.js';
import { EngineInfo, EngineName, ErrorInfo, ProfileName, SessionState } from './common.js';
import { HINT_MESSAGE_MAX_LENGTH } from '../limits.js';

const text = () => Type.String({ default: '' });
const flag = () => Type.Boolean({ default: false });
const count = (options: { minimum?: number; maximum?: number } = {}) => Type.Integer({ minimum: 0, ...options, default: 0 });

/** `GET /api/health` */
export const Health = Type.Object({
  ok: Type.Boolean(),
  version: text(),
  engine: Type.Union([EngineInfo, Type.Null()], { default: null }),
  error: Type.Optional(ErrorInfo),
  /** the audit trail: whether its file can be written (absent: the service keeps none) */
  audit: Type.Optional(Type.Object({ ok: Type.Boolean(), path: Type.String(), error: Type.Optional(Type.String()) })),
});

const containerDetails = {
  id: Type.String(),
  name: Type.String(),
  image: Type.String(),
  state: Type.String(),
  status: text(),
  createdAt: text(),
  command: text(),
  user: text(),
  readOnly: flag(),
  pidMode: text(),
  networkMode: text(),
  ports: Type.Array(Type.String(), { default: [] }),
  networks: Type.Array(Type.String(), { default: [] }),
  /** a container that has run and stopped: its last exit code (null: never ran, or running) */
  exitCode: Type.Union([Type.Integer(), Type.Null()], { default: null }),
  /** when it last stopped, ISO 8601 ('' when it never has, or runs) */
  finishedAt: text(),
};

/** A container as one engine describes it (running ones; every state with `?all=1`). */
export const ContainerDetails = Type.Object(containerDetails);

/** `GET /api/containers` item: a container and the engine it runs on. */
export const ContainerSummary = Type.Object({
  ...containerDetails,
  // a name from `GET /api/engines`; this service always sends it, one older than engines
  // never does: absent means the default engine
  engine: Type.Optional(EngineName),
});

/** `GET /api/toolkits` item */
export const Toolkit = Type.Object({
  image: Type.String({ minLength: 1 }),
  title: text(),
  description: text(),
  local: flag(),
  preset: flag(),
});

export const SessionTarget = Type.Object({ id: Type.String(), name: Type.String() });

/** `GET /api/images` item: a local image of one engine. */
export const ImageSummary = Type.Object({
  id: Type.String(),
  /** "repo:tag" names; empty for an untagged image */
  tags: Type.Array(Type.String(), { default: [] }),
  size: count(),
  createdAt: text(),
  engine: Type.Optional(EngineName),
});

/** `GET /api/containers/{id}/logs`: its last lines, stdout and stderr interleaved as the engine keeps them, oldest first. */
export const ContainerLogs = Type.Object({ lines: Type.Array(Type.String()) });

/**
 * Where a session's shell runs: `live` beside the running target itself; `copy` in a copy of a
 * container that is not running (its filesystem, committed); `image` in a container made from
 * an image alone. Writes in a copy or an image session reach only that new container.
 */
export const SessionMode = Type.Enum(['live', 'copy', 'image'], { default: 'live' });

/**
 * A command in the session was refused for lack of a privilege ("Operation not permitted") and
 * another profile would allow it: what to debug again with. Seen in the session's output.
 */
export const ProfileHint = Type.Object({
  /** the least profile that grants it */
  profile: ProfileName,
  /** the Linux capability the command lacked, as the engine names it ("NET_ADMIN") */
  capability: Type.String({ minLength: 1, maxLength: 32 }),
  /** the program that said so ("tcpdump", "ip") */
  command: Type.String({ minLength: 1, maxLength: 32 }),
  /** its line, as printed (escape sequences left out) */
  message: Type.String({ maxLength: HINT_MESSAGE_MAX_LENGTH }),
});

const sessionCore = {
  id: Type.String(),
  /** what the user asked to debug: the container (the original, for a copy) or the image */
  target: SessionTarget,
  mode: SessionMode,
  /** the container the shell runs in when it is not the target (modes copy and image) */
  copy: Type.Optional(SessionTarget),
  image: Type.String(),
  cmd: Type.Array(Type.String(), { default: [] }),
  /** null: the image's user */
  user: Type.Union([Type.String({ minLength: 1 }), Type.Null()], { default: null }),
  privileged: flag(),
  /** the privilege profile its sidecar runs with (absent: a service older than profiles in sessions) */
  profile: Type.Optional(ProfileName),
  /** the latest refused command another profile would allow; null: none seen (absent: an older service) */
  hint: Type.Optional(Type.Union([ProfileHint, Type.Null()])),
  state: SessionState,
  createdAt: text(),
  exitCode: Type.Optional(Type.Integer()),
  error: Type.Optional(ErrorInfo),
  cols: count({ maximum: MAX_COLS }),
  rows: count({ maximum: MAX_ROWS }),
  clients: count(),
};

/** A session as it knows itself; the registry adds the engine it runs on (`Session`). */
export const SessionCore = Type.Object(sessionCore);

/** `GET /api/sessions/:id`, items of `GET /api/sessions`, the answer to `POST /api/sessions`. */
export const Session = Type.Object({
  ...sessionCore,
  // the engine its sidecar runs on, which is the target's; always sent by this service
  // (absent from one older than engines: the default engine)
  engine: Type.Optional(EngineName),
});

/** `GET /api/engines` item, in the configured order. */
export const EngineStatus = Type.Object({
  name: EngineName,
  /** where it is, for people (credentials left out) */
  host: text(),
  /** the engine that requests naming none go to */
  default: flag(),
  reachable: Type.Boolean(),
  /** what answered, when it did */
  engine: Type.Union([EngineInfo, Type.Null()], { default: null }),
  /** why it did not */
  error: Type.Optional(ErrorInfo),
});

/** `GET /api/connection`, unix socket only: where the extension UI opens WebSockets. */
export const Connection = Type.Object({
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  token: Type.String({ minLength: 1 }),
});
