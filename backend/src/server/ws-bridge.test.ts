// The attach socket through injectWS(): frame order, binary passthrough, control frames,
// error frames for bad ones, and the end of a session. Fake engine, no port.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { until } from '../../test/server/recording-client.js';
import { AUTH, TOKEN, unitApp } from '../../test/server/unit-app.js';
import { routes, type ServerFrame } from '../contract/index.js';
import { parseServerFrame } from '../contract/schema/index.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

type Got = { kind: 'bytes'; data: Buffer } | { kind: 'frame'; frame: ServerFrame } | { kind: 'close'; code: number };

async function attached() {
  const made = unitApp();
  apps.push(made.app);
  const { app, engine } = made;
  await app.ready();
  const res = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app' } });
  const id = (JSON.parse(res.body) as { id: string }).id;
  await until(() => engine.sidecars.length === 1, 'sidecar');
  await new Promise((r) => setTimeout(r, 20));
  const got: Got[] = [];
  const ws: WebSocket = await app.injectWS(
    `${routes.attach(id)}?token=${TOKEN}`,
    {
      headers: { host: 'localhost:80' },
    },
    {
      onInit(socket) {
        socket.on('message', (data: Buffer, isBinary: boolean) => {
          if (isBinary) got.push({ kind: 'bytes', data: Buffer.from(data) });
          else got.push({ kind: 'frame', frame: parseServerFrame(data.toString()) as ServerFrame });
        });
        socket.on('close', (code: number) => got.push({ kind: 'close', code }));
      },
    },
  );
  const text = () => Buffer.concat(got.flatMap((g) => (g.kind === 'bytes' ? [g.data] : []))).toString();
  const frames = (type: string) => got.flatMap((g) => (g.kind === 'frame' && g.frame.type === type ? [g.frame] : []));
  return { app, engine, id, ws, got, text, frames, sidecar: engine.last };
}

describe('attach socket', () => {
  it('sends the snapshot first, then status, then live bytes; binary input reaches the sidecar unchanged', async () => {
    const { ws, got, sidecar } = await attached();
    await until(() => got.length >= 2, 'first frames');
    expect(got[0]?.kind === 'frame' && got[0].frame.type).toBe('snapshot');
    expect(got[0]?.kind === 'frame' && got[0].frame.type === 'snapshot' && got[0].frame.data).toContain('/srv # ');
    expect(got[1]?.kind === 'frame' && got[1].frame).toEqual({ type: 'status', state: 'running' });
    // bytes that are not valid UTF-8 on their own pass through as they are
    const raw = Buffer.from([0x6c, 0x73, 0xc3, 0xa9, 0xff, 0x0d]);
    ws.send(raw);
    await until(() => sidecar.input.length > 0, 'input');
    expect(Buffer.concat(sidecar.input).equals(raw)).toBe(true);
    const echoed = () => Buffer.concat(got.flatMap((g) => (g.kind === 'bytes' ? [g.data] : [])));
    await until(() => echoed().length === raw.length, 'echo');
    expect(echoed().equals(raw)).toBe(true);
    ws.terminate();
  });

  it('answers bad text frames with an error frame and stays open', async () => {
    const { ws, frames, sidecar } = await attached();
    for (const bad of [
      'not json',
      '{"type":"dance"}',
      '{"type":"resize","cols":0,"rows":10}',
      '{"type":"resize","cols":"80","rows":24}',
      '[]',
      '{"type":"ack","bytes":-1}',
    ]) {
      ws.send(bad);
    }
    await until(() => frames('error').length === 6, 'six error frames');
    expect(frames('error').every((f) => f.type === 'error' && f.code === 'bad_request')).toBe(true);
    expect(ws.readyState).toBe(ws.OPEN);
    ws.send(Buffer.from('still here'));
    await until(() => sidecar.typed === 'still here', 'input after errors');
    ws.terminate();
  });

  it('resizes the sidecar from resize frames', async () => {
    const { ws, sidecar } = await attached();
    ws.send(JSON.stringify({ type: 'resize', cols: 120, rows: 40 }));
    await until(() => sidecar.sizes.some(([c, r]) => c === 120 && r === 40), 'resize');
    ws.send(JSON.stringify({ type: 'ack', bytes: 10 }));
    ws.terminate();
  });

  it('ends with exit then close 1000 when the command exits', async () => {
    const { got, sidecar } = await attached();
    await until(() => got.length >= 2, 'first frames');
    sidecar.exitWith(3);
    await until(() => got.some((g) => g.kind === 'close'), 'close');
    const tail = got.slice(-3).map((g) => (g.kind === 'frame' ? g.frame : g));
    expect(tail).toEqual([
      { type: 'status', state: 'exited' },
      { type: 'exit', code: 3 },
      { kind: 'close', code: 1000 },
    ]);
  });

  it('DELETE closes attached clients with exit then 1000', async () => {
    const { app, id, got } = await attached();
    await until(() => got.length >= 2, 'first frames');
    const res = await app.inject({ method: 'DELETE', url: routes.session(id), headers: AUTH });
    expect(res.statusCode).toBe(204);
    await until(() => got.some((g) => g.kind === 'close'), 'close');
    expect(got.at(-1)).toEqual({ kind: 'close', code: 1000 });
    expect(got.some((g) => g.kind === 'frame' && g.frame.type === 'exit')).toBe(true);
  });

  it('closing the app closes clients with 1001 and ends the session', async () => {
    const { app, got, sidecar } = await attached();
    await until(() => got.length >= 2, 'first frames');
    await app.close();
    await until(() => got.some((g) => g.kind === 'close'), 'close');
    expect(got.find((g) => g.kind === 'close')).toEqual({ kind: 'close', code: 1001 });
    expect(sidecar.stopped).toBe(true);
  });

  it('refuses an unknown session with 404 before the upgrade', async () => {
    const { app } = await attached();
    await expect(app.injectWS(`${routes.attach('0123456789abcdef')}?token=${TOKEN}`, { headers: { host: 'localhost:80' } })).rejects.toThrow(/404/);
  });
});
