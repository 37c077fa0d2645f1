// Flow control end to end inside the service: a client that lags pauses the engine stream,
// its catching up resumes it, and keystrokes (Ctrl-C) go through while paused.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/server/fake-engine.js';
import { RecordingClient, until } from '../../test/server/recording-client.js';
import { FLOW_HIGH_WATERMARK } from '../contract/index.js';
import { SessionManager } from './manager.js';

const CHUNK = 64 * 1024;
const managers: SessionManager[] = [];

async function running() {
  const engine = new FakeEngine();
  engine.addTarget('app');
  engine.banner = '';
  const manager = new SessionManager({ engine, idleTimeoutMs: 0 });
  managers.push(manager);
  const s = await manager.create({ target: 'app' });
  await until(() => manager.get(s.id).state === 'running', 'running');
  return { engine, manager, id: s.id, sidecar: engine.last };
}

/** writes `chunks` chunks into the sidecar's output the way a flood would */
function flood(sidecar: { print: (b: Uint8Array) => void }, chunks: number): void {
  const chunk = Buffer.alloc(CHUNK, 0x61);
  for (let i = 0; i < chunks; i++) sidecar.print(chunk);
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

describe('flow control', () => {
  it('pauses the engine stream for a client whose socket does not drain, and resumes when it does', async () => {
    const { manager, id, sidecar } = await running();
    const client = new RecordingClient();
    client.stalled = true;
    manager.attach(id, client);
    await new Promise((r) => setTimeout(r, 10));
    flood(sidecar, 64); // 4 MiB
    await until(() => sidecar.output.isPaused(), 'paused');
    await new Promise((r) => setTimeout(r, 20));
    // what reached the client is bounded by the high watermark (plus the chunk that crossed it)
    expect(client.byteCount).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK + CHUNK);
    client.flush();
    await until(() => !sidecar.output.isPaused() || client.byteCount > FLOW_HIGH_WATERMARK + CHUNK, 'resumed');
    // draining as it goes, the client gets everything
    const drain = setInterval(() => client.flush(), 1);
    await until(() => client.byteCount === 64 * CHUNK, 'all bytes', 5000);
    clearInterval(drain);
  });

  it('pauses for a client that acknowledges too little, and resumes under the low watermark', async () => {
    const { manager, id, sidecar } = await running();
    const client = new RecordingClient();
    const a = manager.attach(id, client);
    await new Promise((r) => setTimeout(r, 10));
    a.control({ type: 'ack', bytes: 0 }); // this client acknowledges
    flood(sidecar, 40);
    await until(() => sidecar.output.isPaused(), 'paused');
    const received = client.byteCount;
    expect(received).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK + CHUNK);
    a.control({ type: 'ack', bytes: received - 512 * 1024 }); // still above low water
    await new Promise((r) => setTimeout(r, 10));
    expect(sidecar.output.isPaused()).toBe(true);
    a.control({ type: 'ack', bytes: received }); // caught up
    await until(() => client.byteCount > received, 'more bytes after the ack');
  });

  it('lets Ctrl-C through while the output is paused', async () => {
    const { manager, id, sidecar } = await running();
    sidecar.onInput = (data, self) => {
      if (data.includes(0x03)) self.print('^C\r\n/srv # ');
    };
    const client = new RecordingClient();
    client.stalled = true;
    const a = manager.attach(id, client);
    await new Promise((r) => setTimeout(r, 10));
    flood(sidecar, 40);
    await until(() => sidecar.output.isPaused(), 'paused');
    a.input(Buffer.from([0x03]));
    expect(sidecar.typed).toBe('\x03');
    const drain = setInterval(() => client.flush(), 1);
    await until(() => client.text.endsWith('^C\r\n/srv # '), 'prompt after the flood', 5000);
    clearInterval(drain);
  });

  it('a client that leaves stops holding the stream back', async () => {
    const { manager, id, sidecar } = await running();
    const client = new RecordingClient();
    client.stalled = true;
    const a = manager.attach(id, client);
    await new Promise((r) => setTimeout(r, 10));
    flood(sidecar, 40);
    await until(() => sidecar.output.isPaused(), 'paused');
    a.detach();
    await until(() => !sidecar.output.isPaused(), 'resumed after detach');
  });
});
