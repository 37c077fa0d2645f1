import { describe, expect, it } from 'vitest';
import { RecordingClient } from '../../test/server/recording-client.js';
import { Attachment } from './attachment.js';

function make() {
  const client = new RecordingClient();
  const calls = { input: [] as string[], resize: [] as string[], drained: 0, detached: 0 };
  const a = new Attachment(client, {
    input: (d) => calls.input.push(Buffer.from(d).toString()),
    resize: (s) => calls.resize.push(`${s.cols}x${s.rows}`),
    drained: () => calls.drained++,
    detached: () => calls.detached++,
  });
  return { a, client, calls };
}

describe('Attachment', () => {
  it('holds bytes, frames and the close until the snapshot is out, then sends them in order', async () => {
    const { a, client } = make();
    a.frame({ type: 'status', state: 'running' });
    a.bytes(Buffer.from('one'));
    a.close(1000, 'bye');
    a.bytes(Buffer.from('after close'));
    expect(client.events).toEqual([]);
    expect(a.lag).toBe(3);
    a.goLive({ type: 'snapshot', data: 'screen', cols: 80, rows: 24 });
    expect(client.order).toEqual(['snapshot', 'status', 'bytes', 'close']);
    expect(client.text).toBe('one');
  });

  it('sends no snapshot for a blank screen and goes live once only', () => {
    const { a, client } = make();
    a.goLive(null);
    a.goLive({ type: 'snapshot', data: 'late', cols: 80, rows: 24 });
    a.bytes(Buffer.from('x'));
    expect(client.order).toEqual(['bytes']);
    expect(a.isLive).toBe(true);
  });

  it('counts bytes in flight until written, and what an acknowledging client has not consumed', async () => {
    const { a, client, calls } = make();
    a.goLive(null);
    client.stalled = true;
    a.bytes(Buffer.alloc(1000));
    expect(a.lag).toBe(1000);
    client.flush();
    expect(a.lag).toBe(0);
    expect(calls.drained).toBe(1);
    a.control({ type: 'ack', bytes: 0 });
    a.bytes(Buffer.alloc(500));
    await Promise.resolve();
    expect(a.lag).toBe(1500);
    a.control({ type: 'ack', bytes: 1500 });
    expect(a.lag).toBe(0);
  });

  it('passes input and resizes on, and nothing after it is detached', () => {
    const { a, calls } = make();
    a.input(Buffer.from('ls\r'));
    a.control({ type: 'resize', cols: 100, rows: 30 });
    a.detach();
    a.detach();
    a.input(Buffer.from('ignored'));
    a.control({ type: 'resize', cols: 1, rows: 1 });
    expect(calls).toMatchObject({ input: ['ls\r'], resize: ['100x30'], detached: 1 });
  });
});
