// The attach socket's text-frame codec against a model, with fast-check: a client frame is
// accepted exactly when the model says it is valid (and then read back as the model reads it),
// refused with bad_request otherwise, and never throws; server frames survive a round trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../catalogue.js';
import { encodeServerFrame, type ServerFrame } from '../frames.js';
import { MAX_CLIENT_TEXT_FRAME, MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../limits.js';
import { SESSION_STATES } from '../states.js';
import { parseClientFrame, parseServerFrame } from './frame-codec.js';
import { anyString } from '../../../test/helpers/matchers.js';

const whole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** the contract's reading of a control frame: null when it must be refused */
function model(text: string): { type: 'resize'; cols: number; rows: number } | { type: 'ack'; bytes: number } | null {
  if (text.length > MAX_CLIENT_TEXT_FRAME) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, 'type')) return null;
  const f = v as Record<string, unknown>;
  if (f.type === 'resize' && whole(f.cols, MIN_COLS, MAX_COLS) && whole(f.rows, MIN_ROWS, MAX_ROWS)) return { type: 'resize', cols: f.cols, rows: f.rows };
  if (f.type === 'ack' && whole(f.bytes, 0, Number.MAX_SAFE_INTEGER)) return { type: 'ack', bytes: f.bytes };
  return null;
}

const size = fc.oneof(
  fc.integer({ min: -10, max: 1100 }),
  fc.constantFrom(0, -0, 0.5, 80.5, 1e9, -1e9, 1e21, Number.MAX_SAFE_INTEGER + 2, MIN_COLS, MAX_COLS, MIN_ROWS, MAX_ROWS),
  fc.double(),
  fc.jsonValue({ maxDepth: 1 }),
);
const nearFrame = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom('resize', 'ack', 'RESIZE', 'exit', 'input', '', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 1 })),
      cols: size,
      rows: size,
      bytes: size,
      pad: fc.oneof(fc.string(), fc.constant('x'.repeat(MAX_CLIENT_TEXT_FRAME))),
    },
    { requiredKeys: [] },
  )
  .map((f) => JSON.stringify(f));
const anyText = fc.oneof(nearFrame, fc.string({ unit: 'binary', maxLength: 300 }), fc.json(), fc.string({ unit: 'grapheme', maxLength: 50 }));

describe('parseClientFrame, property-based', () => {
  it('accepts exactly what the model accepts, reads it the same, and refuses the rest with bad_request', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = model(text);
        const got = parseClientFrame(text);
        if (expected) expect(got).toEqual({ ok: true, value: expected });
        else expect(got).toMatchObject({ ok: false, error: { code: 'bad_request', message: anyString() } });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any frame over the limit, whatever it holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.string({ maxLength: 20 }), (extra, tail) => {
        const text = JSON.stringify({ type: 'ack', bytes: 1, pad: 'y'.repeat(MAX_CLIENT_TEXT_FRAME + extra) + tail });
        expect(parseClientFrame(text).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe('server frames, property-based', () => {
  const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
  const frame: fc.Arbitrary<ServerFrame> = fc.oneof(
    fc.record({ type: fc.constant('status' as const), state: fc.constantFrom(...SESSION_STATES) }),
    fc.record({
      type: fc.constant('snapshot' as const),
      data: fc.string({ unit: 'binary', maxLength: 300 }),
      cols: fc.integer({ min: MIN_COLS, max: MAX_COLS }),
      rows: fc.integer({ min: MIN_ROWS, max: MAX_ROWS }),
    }),
    fc.record({ type: fc.constant('exit' as const), code: fc.integer({ min: -1, max: 255 }) }),
    fc.record({ type: fc.constant('error' as const), code: fc.constantFrom(...codes), message: fc.string({ unit: 'binary', maxLength: 100 }) }),
  );

  it('round-trip through encodeServerFrame and parseServerFrame, terminal escapes and lone surrogates included', () => {
    fc.assert(
      fc.property(frame, (f) => {
        expect(parseServerFrame(encodeServerFrame(f))).toEqual(JSON.parse(JSON.stringify(f)));
      }),
      { numRuns: 500 },
    );
  });
});
