// WebSocket frames of the attach socket. Binary frames carry raw terminal bytes both ways and
// never pass through here; text frames are JSON control messages, parsed and encoded only here.

import { MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS, type SessionState } from './api.js';
import { fail, ok, type ErrorCode, type Result } from './errors.js';

export type ClientFrame =
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ack'; bytes: number };

/** Per-layer pull progress, so that a UI can draw one bar. */
export interface PullProgress {
  /** bytes downloaded so far over all layers whose size is known */
  current: number;
  /** total bytes of the layers whose size is known */
  total: number;
  /** the last status line the registry gave, e.g. "Downloading" */
  status: string;
  layers: Record<string, { current: number; total: number; status: string }>;
}

export type ServerFrame =
  | { type: 'status'; state: SessionState; progress?: PullProgress }
  | { type: 'snapshot'; data: string; cols: number; rows: number }
  | { type: 'exit'; code: number }
  | { type: 'error'; code: ErrorCode; message: string };

/** Largest text frame a client may send; control frames are tiny. */
export const MAX_CLIENT_TEXT_FRAME = 4096;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function validSize(cols: unknown, rows: unknown): cols is number {
  return isInt(cols) && isInt(rows) && cols >= MIN_COLS && cols <= MAX_COLS && rows >= MIN_ROWS && rows <= MAX_ROWS;
}

export function parseClientFrame(text: string): Result<ClientFrame> {
  if (text.length > MAX_CLIENT_TEXT_FRAME) return fail('bad_request', 'Control frames are limited to 4 KiB.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_request', 'Text frames must be JSON control messages; send terminal input as binary frames.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad_request', 'A control frame must be a JSON object with a "type".');
  }
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'resize':
      if (!validSize(frame.cols, frame.rows)) {
        return fail(
          'bad_request',
          `Resize needs whole numbers: cols ${MIN_COLS}-${MAX_COLS} and rows ${MIN_ROWS}-${MAX_ROWS}.`,
        );
      }
      return ok({ type: 'resize', cols: frame.cols, rows: frame.rows as number });
    case 'ack':
      if (!isInt(frame.bytes) || frame.bytes < 0 || frame.bytes > Number.MAX_SAFE_INTEGER) {
        return fail('bad_request', 'An ack needs "bytes", a whole number of bytes received.');
      }
      return ok({ type: 'ack', bytes: frame.bytes });
    default:
      return fail('bad_request', `Unknown control frame type ${JSON.stringify(frame.type ?? null)}: expected "resize" or "ack".`);
  }
}

export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

export function encodeClientFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

/** For clients (UI, CLI, tests): server frames are trusted less than they are parsed. */
export function parseServerFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const f = value as Record<string, unknown>;
  switch (f.type) {
    case 'status':
      return typeof f.state === 'string' ? (f as ServerFrame) : null;
    case 'snapshot':
      return typeof f.data === 'string' && isInt(f.cols) && isInt(f.rows) ? (f as ServerFrame) : null;
    case 'exit':
      return isInt(f.code) ? (f as ServerFrame) : null;
    case 'error':
      return typeof f.code === 'string' && typeof f.message === 'string' ? (f as ServerFrame) : null;
    default:
      return null;
  }
}

/** Flow control: the service stops reading from the engine when a client lags this far. */
export const FLOW_HIGH_WATERMARK = 1 << 20;
export const FLOW_LOW_WATERMARK = 256 << 10;
/** Clients acknowledge after consuming about this many bytes. */
export const FLOW_ACK_EVERY = 64 << 10;
