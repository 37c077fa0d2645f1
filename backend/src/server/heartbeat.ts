// Pings every attached WebSocket and drops the ones that stopped answering. A client whose
// network vanished (a laptop closed, a cable pulled) sends no close frame and no FIN: without
// this its connection would stay open for as long as TCP takes to give up, counted as a client
// of its session, and the bytes it never acknowledges would hold the session's output paused
// for every other client once they passed the flow-control high watermark.

import type { WebSocket } from 'ws';

/** a client that has not answered the previous ping by the next one is dropped */
export const HEARTBEAT_MS = 5000;

export interface Heartbeat {
  watch(socket: WebSocket): void;
  stop(): void;
}

export function heartbeat(intervalMs: number = HEARTBEAT_MS): Heartbeat {
  const answered = new Map<WebSocket, boolean>();
  let timer: NodeJS.Timeout | null = null;

  const beat = () => {
    for (const [socket, ok] of answered) {
      if (!ok) {
        // its 'close' handler forgets it, and the session detaches its client
        socket.terminate();
        continue;
      }
      if (socket.readyState !== socket.OPEN) continue;
      answered.set(socket, false);
      socket.ping();
    }
  };

  return {
    watch(socket) {
      if (intervalMs <= 0) return;
      answered.set(socket, true);
      const onPong = () => {
        if (answered.has(socket)) answered.set(socket, true);
      };
      socket.on('pong', onPong);
      socket.once('close', () => {
        socket.off('pong', onPong);
        answered.delete(socket);
        // no timer while no one is attached
        if (answered.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      });
      if (!timer) {
        timer = setInterval(beat, intervalMs);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      answered.clear();
    },
  };
}
