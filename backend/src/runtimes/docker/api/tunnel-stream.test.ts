import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tunnelStream } from './tunnel-stream.js';

/** the engine's side of a hijacked exec: what we write lands in `stdin`; `emit` sends frames back */
function fakeEngine() {
  const stdin = new PassThrough();
  const out = new PassThrough();
  const raw = Duplex.from({ writable: stdin, readable: out });
  const frame = (kind: 1 | 2, payload: Buffer) => {
    const header = Buffer.alloc(8);
    header[0] = kind;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };
  return { raw, stdin, out, stdout: (b: Buffer) => out.write(frame(1, b)), stderr: (b: Buffer) => out.write(frame(2, b)) };
}

const collect = (s: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });

describe('tunnelStream', () => {
  it('hands stdout on, keeps stderr apart, and ends when the engine stream ends', async () => {
    const engine = fakeEngine();
    const { stream, stderr, received } = tunnelStream(engine.raw);
    const got = collect(stream);
    engine.stdout(Buffer.from('hello '));
    engine.stderr(Buffer.from('nc: a warning'));
    engine.stdout(Buffer.from('world'));
    engine.out.end();
    expect((await got).toString()).toBe('hello world');
    expect(stderr()).toBe('nc: a warning');
    expect(received()).toBe(11);
  });

  it('half-closes: ending the writable side ends the engine stdin, and the answer still arrives', async () => {
    const engine = fakeEngine();
    const { stream } = tunnelStream(engine.raw);
    const sent = collect(engine.stdin);
    const got = collect(stream);
    stream.end(Buffer.from('request'));
    expect((await sent).toString()).toBe('request');
    engine.stdout(Buffer.from('answer'));
    engine.out.end();
    expect((await got).toString()).toBe('answer');
  });

  it('pauses the engine stream while the reader does not read, and resumes when it does', async () => {
    const engine = fakeEngine();
    const { stream } = tunnelStream(engine.raw);
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; i < 8; i++) engine.stdout(chunk);
    await new Promise((r) => setTimeout(r, 20));
    // nobody reads: the Duplex holds about its high watermark, the rest waits in the engine stream
    expect(engine.raw.isPaused()).toBe(true);
    expect(stream.readableLength).toBeLessThan(4 * chunk.length);
    engine.out.end();
    const all = await collect(stream);
    expect(all.length).toBe(8 * chunk.length);
  });

  it('holds the writer while the engine does not take input', async () => {
    const engine = fakeEngine();
    const { stream } = tunnelStream(engine.raw);
    let writable = true;
    for (let i = 0; i < 64 && writable; i++) writable = stream.write(Buffer.alloc(16 * 1024));
    expect(writable).toBe(false);
    const drained = new Promise((r) => stream.once('drain', r));
    engine.stdin.resume();
    await drained;
  });

  it('fails a write after the engine stream closed, and ends the readable side', async () => {
    const engine = fakeEngine();
    const { stream } = tunnelStream(engine.raw);
    const got = collect(stream);
    engine.out.end();
    await got;
    engine.raw.destroy();
    await new Promise((r) => setTimeout(r, 10));
    const failed = await new Promise<Error | null | undefined>((resolve) => stream.write(Buffer.from('x'), resolve));
    expect(failed).toBeInstanceOf(Error);
  });
});
