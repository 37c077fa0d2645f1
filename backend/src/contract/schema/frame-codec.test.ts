import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeClientFrame, encodeServerFrame, type ServerFrame } from '../frames.js';
import { MAX_CLIENT_TEXT_FRAME, MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../limits.js';
import { parseClientFrame, parseServerFrame } from './frame-codec.js';

const refused = (text: string) => {
  const r = parseClientFrame(text);
  expect(r.ok, text.slice(0, 100)).toBe(false);
  return r.ok ? '' : (expect(r.error.code).toBe('bad_request'), r.error.message);
};

describe('parseClientFrame: resize', () => {
  it('takes whole sizes within the limits', () => {
    for (const [cols, rows] of [
      [80, 24],
      [MIN_COLS, MIN_ROWS],
      [MAX_COLS, MAX_ROWS],
      [120, 40],
    ]) {
      expect(parseClientFrame(JSON.stringify({ type: 'resize', cols, rows }))).toEqual({ ok: true, value: { type: 'resize', cols, rows } });
    }
  });

  it('drops unknown extra fields', () => {
    expect(parseClientFrame('{"type":"resize","cols":80,"rows":24,"extra":1}')).toEqual({ ok: true, value: { type: 'resize', cols: 80, rows: 24 } });
  });

  it.each([
    [0, 24],
    [80, 0],
    [-1, 24],
    [80, -5],
    [80.5, 24],
    [80, 24.2],
    [1e9, 24],
    [80, 1e9],
    [MIN_COLS - 1, 24],
    [MAX_COLS + 1, 24],
    [80, MAX_ROWS + 1],
    ['80', 24],
    [80, '24'],
    [null, 24],
    [80, undefined],
    [Number.NaN, 24],
    [true, 24],
    [[80], 24],
  ])('refuses cols %j rows %j, naming the limits', (cols, rows) => {
    const message = refused(JSON.stringify({ type: 'resize', cols, rows }));
    expect(message).toMatch(new RegExp(`${MIN_COLS}-${MAX_COLS}`));
  });

  it('refuses Infinity written as a huge number', () => {
    refused('{"type":"resize","cols":1e999,"rows":24}');
  });
});

describe('parseClientFrame: ack', () => {
  it('takes a whole, non-negative byte count', () => {
    for (const bytes of [0, 1, 65536, Number.MAX_SAFE_INTEGER]) {
      expect(parseClientFrame(JSON.stringify({ type: 'ack', bytes }))).toEqual({ ok: true, value: { type: 'ack', bytes } });
    }
  });

  it.each([[-1], [1.5], ['10'], [null], [Number.MAX_SAFE_INTEGER + 2], [1e300]])('refuses bytes %j', (bytes) => {
    refused(JSON.stringify({ type: 'ack', bytes }));
  });

  it('refuses an ack without bytes', () => {
    refused('{"type":"ack"}');
  });
});

describe('parseClientFrame: anything else', () => {
  it.each(['', 'hello', '{', '{"type":', 'null', '42', '"resize"', '[]', '[{"type":"resize","cols":80,"rows":24}]', 'true'])('refuses %j', (text) => {
    refused(text);
  });

  it('refuses an unknown or missing type, naming the types it knows', () => {
    expect(refused('{"type":"exit","code":0}')).toMatch(/"resize" or "ack"/);
    expect(refused('{"cols":80,"rows":24}')).toMatch(/Unknown control frame type null/);
    expect(refused('{"type":"RESIZE","cols":80,"rows":24}')).toMatch(/RESIZE/);
  });

  it(`refuses a frame over ${MAX_CLIENT_TEXT_FRAME} characters before parsing it`, () => {
    const padded = JSON.stringify({ type: 'ack', bytes: 1, pad: 'x'.repeat(MAX_CLIENT_TEXT_FRAME) });
    expect(refused(padded)).toMatch(/4 KiB/);
    const fits = JSON.stringify({ type: 'ack', bytes: 1, pad: '' });
    const exact = fits.replace('"pad":""', `"pad":"${'x'.repeat(MAX_CLIENT_TEXT_FRAME - fits.length)}"`);
    expect(exact.length).toBe(MAX_CLIENT_TEXT_FRAME);
    expect(parseClientFrame(exact).ok).toBe(true);
  });

  it('does not take a "type" from the prototype chain', () => {
    refused('{"__proto__":{"type":"resize"},"cols":80,"rows":24}');
  });

  it('never throws on arbitrary strings, and answers ok or bad_request', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 5000 }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const r = parseClientFrame(text);
          if (!r.ok) expect(r.error.code).toBe('bad_request');
          else expect(['resize', 'ack']).toContain(r.value.type);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the frames encodeClientFrame writes (round trip)', () => {
    const frame = fc.oneof(
      fc.record({
        type: fc.constant('resize' as const),
        cols: fc.integer({ min: MIN_COLS, max: MAX_COLS }),
        rows: fc.integer({ min: MIN_ROWS, max: MAX_ROWS }),
      }),
      fc.record({ type: fc.constant('ack' as const), bytes: fc.nat() }),
    );
    fc.assert(
      fc.property(frame, (f) => {
        expect(parseClientFrame(encodeClientFrame(f))).toEqual({ ok: true, value: f });
      }),
    );
  });
});

describe('server frames', () => {
  const frames: ServerFrame[] = [
    { type: 'status', state: 'running' },
    {
      type: 'status',
      state: 'pulling',
      progress: { current: 1, total: 2, status: 'Downloading', layers: { a: { current: 1, total: 2, status: 'Downloading' } } },
    },
    { type: 'snapshot', data: '\x1b[2J\x1b[Hhello', cols: 80, rows: 24 },
    { type: 'exit', code: 137 },
    { type: 'error', code: 'target_stopped', message: 'The target container stopped.' },
  ];

  it('round-trip through encodeServerFrame and parseServerFrame', () => {
    for (const f of frames) expect(parseServerFrame(encodeServerFrame(f))).toEqual(f);
  });

  it('parseServerFrame gives null for anything malformed, never throws', () => {
    for (const text of [
      '',
      'x',
      'null',
      '{"type":"exit"}',
      '{"type":"exit","code":"1"}',
      '{"type":"snapshot","data":1}',
      '{"type":"status"}',
      '{"type":"error","code":1}',
      '{"type":"nope"}',
    ]) {
      expect(parseServerFrame(text), text).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseServerFrame(text);
      }),
    );
  });
});
