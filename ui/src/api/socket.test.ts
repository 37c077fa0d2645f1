import { describe, expect, it, vi } from 'vitest';
import type { AttachHandlers } from './client';
import { MAX_INPUT_FRAME, openAttachSocket } from './socket';

class FakeSocket {
  static last: FakeSocket | null = null;
  readyState: number = WebSocket.CONNECTING;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close = vi.fn(() => {
    this.readyState = WebSocket.CLOSED;
  });
  serverOpens() {
    this.readyState = WebSocket.OPEN;
    this.onopen?.();
  }
}

function handlers() {
  return {
    onOpen: vi.fn<AttachHandlers['onOpen']>(),
    onData: vi.fn<AttachHandlers['onData']>(),
    onFrame: vi.fn<AttachHandlers['onFrame']>(),
    onClose: vi.fn<AttachHandlers['onClose']>(),
  };
}

async function opened(h: AttachHandlers) {
  const handle = openAttachSocket(
    async () => ({ ok: true, value: 'ws://127.0.0.1:1/api/sessions/s1/attach?token=t' }),
    h,
    (url) => new FakeSocket(url) as unknown as WebSocket,
  );
  await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
  const socket = FakeSocket.last as FakeSocket;
  FakeSocket.last = null;
  return { handle, socket };
}

describe('openAttachSocket', () => {
  it('asks for binary frames as ArrayBuffer and hands bytes on undecoded', async () => {
    const h = handlers();
    const { socket } = await opened(h);
    expect(socket.binaryType).toBe('arraybuffer');
    const bytes = new Uint8Array([0xe2, 0x82]); // half of "€": must not be decoded here
    socket.onmessage?.({ data: bytes.buffer });
    expect(h.onData).toHaveBeenCalledWith(new Uint8Array([0xe2, 0x82]));
  });

  it('parses control frames and ignores malformed ones', async () => {
    const h = handlers();
    const { socket } = await opened(h);
    socket.onmessage?.({ data: '{"type":"exit","code":0}' });
    socket.onmessage?.({ data: '{"type":"nope"}' });
    expect(h.onFrame).toHaveBeenCalledTimes(1);
    expect(h.onFrame).toHaveBeenCalledWith({ type: 'exit', code: 0 });
  });

  it('sends the size asked before the socket opened as soon as it opens, then acks and resizes', async () => {
    const h = handlers();
    const { handle, socket } = await opened(h);
    handle.resize(100, 30);
    handle.send(new Uint8Array([1]));
    expect(socket.sent).toEqual([]);
    socket.serverOpens();
    expect(h.onOpen).toHaveBeenCalled();
    handle.ack(65536);
    handle.send(new Uint8Array([104, 105]));
    expect(socket.sent).toEqual(['{"type":"resize","cols":100,"rows":30}', '{"type":"ack","bytes":65536}', new Uint8Array([104, 105])]);
  });

  it('splits a large paste into frames the service accepts', async () => {
    const h = handlers();
    const { handle, socket } = await opened(h);
    socket.serverOpens();
    handle.send(new Uint8Array(MAX_INPUT_FRAME * 2 + 5).fill(97));
    expect(socket.sent.map((frame) => (frame as Uint8Array).length)).toEqual([MAX_INPUT_FRAME, MAX_INPUT_FRAME, 5]);
  });

  it('reports the close, and stays silent after close() is called', async () => {
    const h = handlers();
    const first = await opened(h);
    first.socket.onclose?.({ code: 1000, reason: 'exit' });
    expect(h.onClose).toHaveBeenCalledWith({ code: 1000, reason: 'exit' });

    const h2 = handlers();
    const second = await opened(h2);
    second.socket.serverOpens();
    second.handle.close();
    expect(second.socket.close).toHaveBeenCalledWith(1000);
    expect(second.socket.onclose).toBeNull();
    expect(h2.onClose).not.toHaveBeenCalled();
  });

  it('reports a failure to learn the socket address as a close with the error', async () => {
    const h = handlers();
    openAttachSocket(async () => ({ ok: false, error: { code: 'unauthorized', message: 'No token.' } }), h);
    await vi.waitFor(() => expect(h.onClose).toHaveBeenCalledWith({ code: 1006, reason: 'No token.', error: { code: 'unauthorized', message: 'No token.' } }));
  });
});
