// The `GET /api/events` socket behind a small handle: text frames read against the contract
// (a frame this page does not understand is skipped), opened once its URL is known (Desktop asks
// the service for port and token first). Reconnecting is the store's business (store/liveStore.ts).

import type { ErrorInfo, LiveEvent, Result } from '@cdebug/contract';
import { readLiveEvent } from './guards';

export interface EventHandlers {
  onFrame: (frame: LiveEvent) => void;
  /** the socket ended (or never opened: `error` says why) */
  onClose: (error: ErrorInfo | null) => void;
}

export interface EventsHandle {
  close: () => void;
}

type SocketFactory = (url: string) => WebSocket;

export function openEventSocket(
  url: () => Promise<Result<string>>,
  handlers: EventHandlers,
  createSocket: SocketFactory = (address) => new WebSocket(address),
): EventsHandle {
  let socket: WebSocket | null = null;
  let closed = false;
  const end = (error: ErrorInfo | null) => {
    if (closed) return;
    closed = true;
    handlers.onClose(error);
  };

  void url().then((answer) => {
    if (closed) return;
    if (!answer.ok) return end(answer.error);
    try {
      const ws = createSocket(answer.value);
      ws.onmessage = (event: MessageEvent<unknown>) => {
        if (typeof event.data !== 'string') return;
        const frame = readLiveEvent(event.data);
        if (frame) handlers.onFrame(frame);
      };
      ws.onclose = () => end({ code: 'engine_unreachable', message: 'The connection to the cdebug service was lost: reconnecting.' });
      socket = ws;
    } catch {
      end({ code: 'internal', message: 'The browser refused the events address.' });
    }
  });

  return {
    close() {
      closed = true;
      if (!socket) return;
      socket.onmessage = socket.onclose = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    },
  };
}
