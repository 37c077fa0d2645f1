// Reading the attach socket's text frames against the frame schemas. The service reads client
// frames with parseClientFrame (a refusal names what is wrong); clients and tests read server
// frames with parseServerFrame (null for anything that is not a frame of the contract).
// Check comes from typebox/schema, the checker that typebox/value's Check calls: importing
// typebox/value would load its whole tree (Convert, Create, Clean, Decode...) into the service
// for this one function, about 2.5 MB of its memory at start.

import { Check } from 'typebox/schema';
import type * as Type from 'typebox';
import { fail, ok, type Result } from '../errors.js';
import type { ClientFrame, ServerFrame } from '../frames.js';
import { MAX_CLIENT_TEXT_FRAME, MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../limits.js';
import { AckFrame, ResizeFrame, ServerFrame as ServerFrameSchema } from './frames.js';

/** JSON, or undefined when the text is not JSON. */
function decode(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The schema's own fields of a checked value: extra fields a client sent are not passed on. */
function fieldsOf<S extends Type.TObject>(schema: S, value: Record<string, unknown>): Type.Static<S> {
  return Object.fromEntries(Object.keys(schema.properties).map((key) => [key, value[key]])) as Type.Static<S>;
}

export function parseClientFrame(text: string): Result<ClientFrame> {
  if (text.length > MAX_CLIENT_TEXT_FRAME) return fail('bad_request', `Control frames are limited to ${MAX_CLIENT_TEXT_FRAME / 1024} KiB.`);
  const value = decode(text);
  if (value === undefined) return fail('bad_request', 'Text frames must be JSON control messages; send terminal input as binary frames.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('bad_request', 'A control frame must be a JSON object with a "type".');
  }
  const frame = value as Record<string, unknown>;
  const type = Object.hasOwn(frame, 'type') ? frame.type : undefined;
  switch (type) {
    case 'resize':
      return Check(ResizeFrame, frame)
        ? ok(fieldsOf(ResizeFrame, frame))
        : fail('bad_request', `Resize needs whole numbers: cols ${MIN_COLS}-${MAX_COLS} and rows ${MIN_ROWS}-${MAX_ROWS}.`);
    case 'ack':
      return Check(AckFrame, frame) ? ok(fieldsOf(AckFrame, frame)) : fail('bad_request', 'An ack needs "bytes", a whole number of bytes received.');
    default:
      return fail('bad_request', `Unknown control frame type ${JSON.stringify(type ?? null)}: expected "resize" or "ack".`);
  }
}

/** For clients (UI, CLI, tests): server frames are trusted less than they are parsed. */
export function parseServerFrame(text: string): ServerFrame | null {
  const value = decode(text);
  return Check(ServerFrameSchema, value) ? value : null;
}
