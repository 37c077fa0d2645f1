import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttachDemuxer, type StreamKind } from './demux.js';

/** One frame of the engine's multiplexed stream: [stream, 0, 0, 0, size (u32 BE)] then the payload. */
function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function collect() {
  const out: Array<[StreamKind, string]> = [];
  const demux = new AttachDemuxer((kind, payload) => out.push([kind, payload.toString('utf8')]));
  const joined = (kind: StreamKind) =>
    out
      .filter(([k]) => k === kind)
      .map(([, p]) => p)
      .join('');
  return { out, demux, joined };
}

describe('AttachDemuxer', () => {
  it('routes stream 1 to stdout and stream 2 to stderr', () => {
    const { out, demux } = collect();
    demux.push(Buffer.concat([frame(1, 'out'), frame(2, 'err'), frame(1, 'more')]));
    expect(out).toEqual([
      ['stdout', 'out'],
      ['stderr', 'err'],
      ['stdout', 'more'],
    ]);
  });

  it('reassembles frames split anywhere, even inside the header', () => {
    const { out, demux } = collect();
    const bytes = Buffer.concat([frame(1, 'hello'), frame(2, 'world')]);
    for (let i = 0; i < bytes.length; i++) demux.push(bytes.subarray(i, i + 1));
    expect(out).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'world'],
    ]);
  });

  it('waits for a whole payload before emitting it', () => {
    const { out, demux } = collect();
    const f = frame(1, 'abcdef');
    demux.push(f.subarray(0, 10));
    expect(out).toEqual([]);
    demux.push(f.subarray(10));
    expect(out).toEqual([['stdout', 'abcdef']]);
  });

  it('keeps multi-byte UTF-8 and binary payloads intact', () => {
    const bin = Buffer.from([0, 1, 2, 255, 0x1b, 0x5b]);
    const got: Buffer[] = [];
    const demux = new AttachDemuxer((_kind, payload) => got.push(Buffer.from(payload)));
    const bytes = Buffer.concat([frame(1, 'é✓日'), frame(1, bin)]);
    demux.push(bytes.subarray(0, 9));
    demux.push(bytes.subarray(9));
    expect(got[0]?.toString('utf8')).toBe('é✓日');
    expect(got[1]).toEqual(bin);
  });

  it('skips empty frames', () => {
    const { out, demux } = collect();
    demux.push(Buffer.concat([frame(1, ''), frame(2, 'x')]));
    expect(out).toEqual([['stderr', 'x']]);
  });

  it('gives the same streams however the bytes are chunked (property)', () => {
    const frames = fc.array(fc.tuple(fc.constantFrom(1 as const, 2 as const), fc.uint8Array({ maxLength: 50 })), { maxLength: 20 });
    fc.assert(
      fc.property(frames, fc.array(fc.nat(), { maxLength: 30 }), (fs, cuts) => {
        const bytes = Buffer.concat(fs.map(([s, p]) => frame(s, Buffer.from(p))));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const got: Record<StreamKind, Buffer[]> = { stdout: [], stderr: [] };
        const demux = new AttachDemuxer((kind, payload) => got[kind].push(Buffer.from(payload)));
        let at = 0;
        for (const p of [...points, bytes.length]) {
          demux.push(bytes.subarray(at, p));
          at = p;
        }
        const want = (s: 1 | 2) => Buffer.concat(fs.filter(([k]) => k === s).map(([, p]) => Buffer.from(p)));
        expect(Buffer.concat(got.stdout)).toEqual(want(1));
        expect(Buffer.concat(got.stderr)).toEqual(want(2));
      }),
    );
  });
});
