// The sidecar's life against a scripted ContainerApi: the order of the calls, what a failure at
// each step leaves behind (nothing), and the streams handed out.

import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../../../contract/index.js';
import type { ContainerApi, WaitCondition } from './container-api.js';
import { startSidecar } from './sidecar.js';

/** an attach connection: what the test writes to `engine` comes out of the socket, and back */
function attachPair(): { socket: Duplex; engine: PassThrough; input: Buffer[] } {
  const engine = new PassThrough();
  const input: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, done) {
      input.push(chunk);
      done();
    },
  });
  engine.on('data', (chunk: Buffer) => socket.push(chunk));
  engine.on('end', () => socket.push(null));
  return { socket, engine, input };
}

const frame = (kind: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = kind;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
};

interface Script {
  calls: string[];
  waits: Map<WaitCondition, PassThrough>;
  attach: ReturnType<typeof attachPair>;
  api: ContainerApi;
}

function scripted(overrides: Partial<ContainerApi> = {}): Script {
  const calls: string[] = [];
  const waits = new Map<WaitCondition, PassThrough>();
  const attach = attachPair();
  const api: ContainerApi = {
    inspect: async () => {
      throw new Error('not used');
    },
    create: async (name) => {
      calls.push(`create ${name}`);
      return 'sc-1';
    },
    attach: async (id) => {
      calls.push(`attach ${id}`);
      return attach.socket;
    },
    wait: async (id, condition) => {
      calls.push(`wait ${condition}`);
      const body = new PassThrough();
      waits.set(condition, body);
      return body;
    },
    start: async (id) => {
      calls.push(`start ${id}`);
    },
    resize: async (id, cols, rows) => {
      calls.push(`resize ${cols}x${rows}`);
    },
    remove: async (id) => {
      calls.push(`remove ${id}`);
      for (const body of waits.values()) body.end(JSON.stringify({ StatusCode: 137 }));
    },
    execDetached: async () => {
      calls.push('exec cleanup');
    },
    ensureImage: async () => undefined,
    ...overrides,
  };
  return { calls, waits, attach, api };
}

const spec = { name: 'cdebug-x', Image: 'busybox:latest', Tty: false, OpenStdin: false, HostConfig: {} };

describe('startSidecar', () => {
  it('creates, then attaches and registers both waits, then starts; the exit comes from the waits', async () => {
    const s = scripted();
    const handle = await startSidecar(s.api, spec);
    expect(s.calls).toEqual(['create cdebug-x', 'attach sc-1', 'wait next-exit', 'wait removed', 'start sc-1']);
    s.waits.get('next-exit')!.end('{"StatusCode":3}');
    s.waits.get('removed')!.end('{"StatusCode":3}');
    expect(await handle.exit).toEqual({ kind: 'exited', code: 3 });
  });

  it('splits stdout from stderr without a tty, and ends both once when the attach ends', async () => {
    const s = scripted();
    const handle = await startSidecar(s.api, spec);
    const out: string[] = [];
    const err: string[] = [];
    handle.output.on('data', (c: Buffer) => out.push(c.toString()));
    handle.errors!.on('data', (c: Buffer) => err.push(c.toString()));
    const ended = Promise.all([new Promise((r) => handle.output.once('end', r)), new Promise((r) => handle.errors!.once('end', r))]);
    s.attach.engine.write(Buffer.concat([frame(1, 'out'), frame(2, 'err')]));
    s.attach.engine.end();
    await ended;
    s.attach.socket.destroy();
    expect([out.join(''), err.join('')]).toEqual(['out', 'err']);
  });

  it('survives the attach connection failing while the start is still pending, and removes nothing it should not', async () => {
    const s = scripted({
      start: async () => {
        s.calls.push('start sc-1');
        // the engine goes away mid-start: the attach connection errors before any handle listens
        s.attach.socket.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
        await new Promise((r) => setTimeout(r, 10));
      },
    });
    const handle = await startSidecar(s.api, spec);
    expect(s.attach.socket.destroyed).toBe(true);
    s.waits.get('removed')!.end('{"StatusCode":0}');
    s.waits.get('next-exit')!.end('{"StatusCode":0}');
    expect(await handle.exit).toEqual({ kind: 'exited', code: 0 });
  });

  it('with `ready`: created while it is pending, attached, waited for and started only once it is there', async () => {
    const s = scripted();
    let go!: () => void;
    const ready = new Promise<void>((resolve) => (go = resolve));
    const starting = startSidecar(s.api, spec, { ready });
    await new Promise((r) => setTimeout(r, 10));
    expect(s.calls).toEqual(['create cdebug-x']);
    s.calls.push('ready');
    go();
    await starting;
    expect(s.calls).toEqual(['create cdebug-x', 'ready', 'attach sc-1', 'wait next-exit', 'wait removed', 'start sc-1']);
  });

  it("with `ready` failing: the sidecar is removed, never started, and ready's own error thrown", async () => {
    const s = scripted();
    const refused = Object.assign(new Error('network gone-net not found'), { statusCode: 404 });
    const err = await startSidecar(s.api, spec, { ready: Promise.reject(refused) }).catch((e: unknown) => e);
    expect(err).toBe(refused);
    expect(s.calls).toEqual(['create cdebug-x', 'remove sc-1']);
  });

  it('removes the sidecar and closes the attach when the start fails', async () => {
    const s = scripted({
      start: async () => {
        throw Object.assign(new Error('cannot join the namespace'), { statusCode: 500, json: { message: 'cannot join the namespace' } });
      },
    });
    const err = await startSidecar(s.api, spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CdebugError);
    expect(err).toMatchObject({ code: 'sidecar_failed', message: expect.stringContaining('cannot join the namespace') as unknown });
    expect(s.calls).toContain('remove sc-1');
    await new Promise((r) => setImmediate(r));
    expect(s.attach.socket.destroyed).toBe(true);
  });

  it("reads the engine's 404 on create as the toolkit image missing (so that it gets pulled)", async () => {
    const s = scripted({
      create: async () => {
        throw Object.assign(new Error('No such image: busybox:latest'), { statusCode: 404, json: { message: 'No such image: busybox:latest' } });
      },
    });
    await expect(startSidecar(s.api, spec)).rejects.toMatchObject({ code: 'image_pull_failed' });
    expect(s.calls).toEqual([]);
  });

  it('sends resizes one at a time, in the order asked (the engine would apply parallel ones in any order)', async () => {
    const log: string[] = [];
    const s = scripted({
      resize: async (_id, cols, rows) => {
        log.push(`begin ${cols}x${rows}`);
        // the first one is slow to answer: the second must still wait for it
        await new Promise((r) => setTimeout(r, cols === 80 ? 30 : 1));
        log.push(`end ${cols}x${rows}`);
      },
    });
    const handle = await startSidecar(s.api, { ...spec, Tty: true });
    await Promise.all([handle.resize(80, 36), handle.resize(100, 38)]);
    expect(log).toEqual(['begin 80x36', 'end 80x36', 'begin 100x38', 'end 100x38']);
  });

  it('asks again, at the first output, for a size that differs from the one the entry script set', async () => {
    const s = scripted();
    const handle = await startSidecar(s.api, { ...spec, Tty: true }, { cols: 80, rows: 24 });
    await handle.resize(100, 30);
    const before = s.calls.length;
    handle.outputBegan();
    handle.outputBegan(); // once only
    await new Promise((r) => setImmediate(r));
    expect(s.calls.slice(before)).toEqual(['resize 100x30']);
  });

  it('does not resize again at the first output when the size is still the launch size', async () => {
    const s = scripted();
    const handle = await startSidecar(s.api, { ...spec, Tty: true }, { cols: 80, rows: 24 });
    await handle.resize(100, 30);
    await handle.resize(80, 24);
    const before = s.calls.length;
    handle.outputBegan();
    await new Promise((r) => setImmediate(r));
    expect(s.calls.slice(before)).toEqual([]);
  });

  it('has nothing to settle without a launch size or without a tty', async () => {
    for (const [tty, size] of [
      [true, {}],
      [false, { cols: 80, rows: 24 }],
    ] as const) {
      const s = scripted();
      const handle = await startSidecar(s.api, { ...spec, Tty: tty }, size);
      await handle.resize(100, 30);
      const before = s.calls.length;
      handle.outputBegan();
      await new Promise((r) => setImmediate(r));
      expect(s.calls.slice(before)).toEqual([]);
    }
  });

  it('sizes the terminal after the start when it knows the size', async () => {
    const s = scripted();
    await startSidecar(s.api, { ...spec, Tty: true }, { cols: 120, rows: 40 });
    await new Promise((r) => setImmediate(r));
    expect(s.calls.at(-1)).toBe('resize 120x40');
  });
});
