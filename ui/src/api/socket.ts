// One attach WebSocket behind a small handle. Binary frames are raw terminal bytes, handed on as
// Uint8Array without decoding; text frames are the contract's control frames, validated here.

import { encodeClientFrame, type ClientFrame, type ErrorInfo, type Result, type ServerFrame } from '@cdebug/contract';
import { readServerFrame } from './guards';

export interface AttachClose {
  code: number;
  reason: string;
  /** set when the socket could not even be opened (no connection details, service down) */
  error?: ErrorInfo;
}

export interface AttachHandlers {
  onOpen: () => void;
  /** raw terminal bytes: hand them to the terminal as they are, never decode per chunk */
  onData: (bytes: Uint8Array) => void;
  onFrame: (frame: ServerFrame) => void;
  onClose: (event: AttachClose) => void;
}

/** A small handle on one attach socket; every method is safe to call at any time. */
export interface AttachHandle {
  send: (bytes: Uint8Array) => void;
  resize: (cols: number, rows: number) => void;
  /** `total`: bytes consumed since this attach (the contract's cumulative ack) */
  ack: (total: number) => void;
  close: () => void;
}

/**
 * Input larger than this goes out in several binary frames: the service refuses WebSocket
 * messages over 64 KiB, and a big paste arrives from the terminal in one piece.
 */
export const MAX_INPUT_FRAME = 16 * 1024;

/** What an abnormal close looks like when the socket could not be opened at all. */
const ABNORMAL_CLOSE = 1006;

type SocketFactory = (url: string) => WebSocket;

/**
 * Opens the socket once `url` is known (Desktop must ask the service for port and token first).
 * After `close()` no handler runs any more.
 */
export function openAttachSocket(
  url: () => Promise<Result<string>>,
  handlers: AttachHandlers,
  createSocket: SocketFactory = (address) => new WebSocket(address),
): AttachHandle {
  let socket: WebSocket | null = null;
  let closed = false;
  let size: { cols: number; rows: number } | null = null;

  function sendFrame(frame: ClientFrame): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(encodeClientFrame(frame));
  }

  function connect(address: string): void {
    const ws = createSocket(address);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (size) sendFrame({ type: 'resize', ...size });
      handlers.onOpen();
    };
    ws.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') {
        const frame = readServerFrame(event.data);
        if (frame) handlers.onFrame(frame);
      } else if (event.data instanceof ArrayBuffer) {
        handlers.onData(new Uint8Array(event.data));
      }
    };
    ws.onclose = (event) => {
      closed = true;
      handlers.onClose({ code: event.code, reason: event.reason });
    };
    socket = ws;
  }

  void url().then((answer) => {
    if (closed) return;
    if (!answer.ok) {
      closed = true;
      handlers.onClose({ code: ABNORMAL_CLOSE, reason: answer.error.message, error: answer.error });
      return;
    }
    try {
      connect(answer.value);
    } catch {
      closed = true;
      handlers.onClose({ code: ABNORMAL_CLOSE, reason: 'The attach address was refused by the browser.' });
    }
  });

  return {
    send(bytes) {
      if (socket?.readyState !== WebSocket.OPEN) return;
      for (let at = 0; at < bytes.length; at += MAX_INPUT_FRAME) socket.send(bytes.subarray(at, at + MAX_INPUT_FRAME));
    },
    resize(cols, rows) {
      size = { cols, rows };
      sendFrame({ type: 'resize', cols, rows });
    },
    ack(total) {
      sendFrame({ type: 'ack', bytes: total });
    },
    close() {
      closed = true;
      if (!socket) return;
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    },
  };
}
