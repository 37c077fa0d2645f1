// Text frames of the attach socket: JSON control messages. Binary frames carry raw terminal
// bytes both ways and have no schema. Client frames may carry extra fields (they are dropped).

import * as Type from 'typebox';
import { MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../limits.js';
import { ErrorCode, SessionState } from './common.js';

const cols = Type.Integer({ minimum: MIN_COLS, maximum: MAX_COLS });
const rows = Type.Integer({ minimum: MIN_ROWS, maximum: MAX_ROWS });

export const ResizeFrame = Type.Object({ type: Type.Literal('resize'), cols, rows });

/** Flow control: the bytes of terminal output consumed so far. */
export const AckFrame = Type.Object({ type: Type.Literal('ack'), bytes: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) });

export const ClientFrame = Type.Union([ResizeFrame, AckFrame]);

const layer = Type.Object({ current: Type.Number(), total: Type.Number(), status: Type.String() });

/** Pull progress over all layers, so that a UI can draw one bar. */
export const PullProgress = Type.Object({
  /** bytes downloaded so far over all layers whose size is known */
  current: Type.Number(),
  /** total bytes of the layers whose size is known */
  total: Type.Number(),
  /** the last status line the registry gave, e.g. "Downloading" */
  status: Type.String({ default: '' }),
  layers: Type.Record(Type.String(), layer, { default: {} }),
});

export const StatusFrame = Type.Object({ type: Type.Literal('status'), state: SessionState, progress: Type.Optional(PullProgress) });

/** The screen as it is, sent to a client that attaches to a running session. */
export const SnapshotFrame = Type.Object({ type: Type.Literal('snapshot'), data: Type.String(), cols, rows });

export const ExitFrame = Type.Object({ type: Type.Literal('exit'), code: Type.Integer() });

export const ErrorFrame = Type.Object({ type: Type.Literal('error'), code: ErrorCode, message: Type.String() });

export const ServerFrame = Type.Union([StatusFrame, SnapshotFrame, ExitFrame, ErrorFrame]);
