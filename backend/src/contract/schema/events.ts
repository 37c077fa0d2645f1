// `GET /api/events` (a WebSocket, server → client only): the live state of the service. First a
// snapshot of everything, then deltas, each a JSON text frame. A client applies them in order;
// after a reconnect it takes the new snapshot in place of all it knew.

import * as Type from 'typebox';
import { EngineName } from './common.js';
import { ContainerSummary, EngineStatus, Session } from './responses.js';

/** every container (every state) of every engine that answers, the engines, the sessions */
export const SnapshotEvent = Type.Object({
  type: Type.Literal('snapshot'),
  engines: Type.Array(EngineStatus),
  containers: Type.Array(ContainerSummary),
  sessions: Type.Array(Session),
});

/** a container is new or shows something else (its engine is always named) */
export const ContainerUpserted = Type.Object({
  type: Type.Literal('container_upserted'),
  container: Type.Object({ ...ContainerSummary.properties, engine: EngineName }),
});

export const ContainerRemoved = Type.Object({
  type: Type.Literal('container_removed'),
  engine: EngineName,
  id: Type.String(),
});

/** a session is new or shows another state */
export const SessionChanged = Type.Object({ type: Type.Literal('session_changed'), session: Session });

/** a session was deleted or forgotten */
export const SessionRemoved = Type.Object({ type: Type.Literal('session_removed'), id: Type.String() });

/** an engine came up or went down (its containers stay listed as last seen until it is back) */
export const EngineChanged = Type.Object({ type: Type.Literal('engine_changed'), engine: EngineStatus });

export const LiveEvent = Type.Union([SnapshotEvent, ContainerUpserted, ContainerRemoved, SessionChanged, SessionRemoved, EngineChanged]);
