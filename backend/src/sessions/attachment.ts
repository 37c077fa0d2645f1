// One client attached to a session: what goes out to it (in order: snapshot, then live bytes
// and frames, then the close), what it has not consumed yet (its backlog, for flow control),
// and what comes in from it (keystrokes, resizes, acks), handed to the session.

import type { ClientFrame, ServerFrame } from '../contract/index.js';
import { ClientBacklog } from './flow.js';
import type { Size } from './throttle.js';

/** The transport side of a client: a WebSocket in the service, a recorder in tests. */
export interface SessionClient {
  /** a binary frame; `written` runs once the transport has written it out (or failed to) */
  sendBytes(data: Uint8Array, written: () => void): void;
  sendFrame(frame: ServerFrame): void;
  close(code: number, reason: string): void;
}

export interface AttachmentHooks {
  input(data: Uint8Array): void;
  resize(size: Size): void;
  /** the backlog went down (bytes written out or acknowledged) */
  drained(): void;
  detached(attachment: Attachment): void;
}

type Outgoing = { kind: 'bytes'; data: Uint8Array } | { kind: 'frame'; frame: ServerFrame } | { kind: 'close'; code: number; reason: string };

export class Attachment {
  readonly backlog = new ClientBacklog();
  /** held back until the snapshot has gone out; null once live */
  private queue: Outgoing[] | null = [];
  private closed = false;
  /** a close waits in the queue: nothing more is taken */
  private closeQueued = false;
  private gone = false;

  constructor(
    private readonly client: SessionClient,
    private readonly hooks: AttachmentHooks,
  ) {}

  get lag(): number {
    return this.backlog.lag;
  }

  get isLive(): boolean {
    return this.queue === null && !this.closed;
  }

  // ---- out

  bytes(data: Uint8Array): void {
    if (this.closed || this.closeQueued || data.length === 0) return;
    if (this.queue) {
      this.queue.push({ kind: 'bytes', data });
      this.backlog.queued += data.length;
    } else {
      this.send(data);
    }
  }

  frame(frame: ServerFrame): void {
    if (this.closed || this.closeQueued) return;
    if (this.queue) this.queue.push({ kind: 'frame', frame });
    else this.client.sendFrame(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed || this.closeQueued) return;
    if (this.queue) {
      this.queue.push({ kind: 'close', code, reason });
      this.closeQueued = true;
      return;
    }
    this.closed = true;
    this.client.close(code, reason);
  }

  /** sends the snapshot (when the screen is not blank), then everything held back, in order */
  goLive(snapshot: ServerFrame | null): void {
    const queue = this.queue;
    if (!queue || this.closed) return;
    this.queue = null;
    if (snapshot) this.client.sendFrame(snapshot);
    for (const item of queue) {
      if (item.kind === 'bytes') {
        this.backlog.queued -= item.data.length;
        this.send(item.data);
      } else if (item.kind === 'frame') {
        this.client.sendFrame(item.frame);
      } else {
        this.closed = true;
        this.client.close(item.code, item.reason);
        break;
      }
    }
    this.backlog.queued = 0;
  }

  private send(data: Uint8Array): void {
    const size = data.length;
    this.backlog.sent += size;
    this.backlog.inflight += size;
    this.client.sendBytes(data, () => {
      this.backlog.inflight -= size;
      this.hooks.drained();
    });
  }

  // ---- in

  input(data: Uint8Array): void {
    if (!this.closed && !this.gone && data.length > 0) this.hooks.input(data);
  }

  control(frame: ClientFrame): void {
    if (this.closed || this.gone) return;
    if (frame.type === 'resize') {
      this.hooks.resize({ cols: frame.cols, rows: frame.rows });
    } else {
      this.backlog.ack(frame.bytes);
      this.hooks.drained();
    }
  }

  /** the transport is gone: forget the backlog, tell the session */
  detach(): void {
    if (this.gone) return;
    this.gone = true;
    this.closed = true;
    this.queue = null;
    this.backlog.queued = 0;
    this.backlog.inflight = 0;
    this.backlog.ack(Number.MAX_SAFE_INTEGER);
    this.hooks.detached(this);
  }
}
