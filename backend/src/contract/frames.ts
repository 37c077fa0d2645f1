// WebSocket frames of the attach socket. Binary frames carry raw terminal bytes both ways and
// never pass through here; text frames are JSON control messages, whose shapes are the schemas
// in schema/frames.ts (read with schema/frame-codec.ts) and whose types are derived from them.

import type { Static } from 'typebox';
import type { ClientFrame as ClientFrameSchema, PullProgress as PullProgressSchema, ServerFrame as ServerFrameSchema } from './schema/frames.js';

export type ClientFrame = Static<typeof ClientFrameSchema>;

/** Per-layer pull progress, so that a UI can draw one bar. */
export type PullProgress = Static<typeof PullProgressSchema>;

export type ServerFrame = Static<typeof ServerFrameSchema>;

export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

export function encodeClientFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

/** Flow control: the service stops reading from the engine when a client lags this far. */
export const FLOW_HIGH_WATERMARK = 1 << 20;
export const FLOW_LOW_WATERMARK = 256 << 10;
/** Clients acknowledge after consuming about this many bytes. */
export const FLOW_ACK_EVERY = 64 << 10;
