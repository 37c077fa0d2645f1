// Which listener a request came in on. Security depends on it (the unix socket is trusted,
// TCP needs the token and a loopback Host), so it is read from the socket itself: listen.ts
// marks every socket it accepts. A request without a marked socket (inject() in tests) counts
// as the `injectedAs` listener, a TCP one by default: the strictest.

import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export type ListenerInfo =
  | { kind: 'unix'; path: string }
  | {
      kind: 'tcp';
      host: string;
      port: number;
      /** bound to a non-loopback address on purpose */
      remote: boolean;
      /** the host's loopback port the engine publishes this one on (the extension's container), when it differs */
      published?: number | undefined;
      /**
       * connections whose first request names `f-<id>.localhost` are spliced into that
       * port-forward (forward-host.ts): behind a loopback publish only (the Docker Desktop
       * extension), where the user's browser cannot reach the forwards' own listeners
       */
      forwardsByHost?: boolean;
    };

export type TcpListener = Extract<ListenerInfo, { kind: 'tcp' }>;

export const INJECTED_DEFAULT: ListenerInfo = { kind: 'tcp', host: '127.0.0.1', port: 80, remote: false };

export class Listeners {
  private readonly bySocket = new WeakMap<object, ListenerInfo>();
  private readonly open: ListenerInfo[] = [];

  constructor(private readonly injectedAs: ListenerInfo = INJECTED_DEFAULT) {}

  /** a listener started: GET /api/connection tells the extension UI about the TCP one */
  add(info: ListenerInfo): void {
    this.open.push(info);
  }

  remove(info: ListenerInfo): void {
    const i = this.open.indexOf(info);
    if (i >= 0) this.open.splice(i, 1);
  }

  mark(socket: Socket, info: ListenerInfo): void {
    this.bySocket.set(socket, info);
  }

  of(raw: IncomingMessage): ListenerInfo {
    const socket = (raw as { socket?: Socket | null }).socket;
    return (socket && this.bySocket.get(socket)) || this.injectedAs;
  }

  get tcp(): TcpListener | null {
    return this.open.find((l): l is TcpListener => l.kind === 'tcp') ?? null;
  }
}
