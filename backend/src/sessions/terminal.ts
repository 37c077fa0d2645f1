// The terminal side of a session: the clients attached to it, its screen mirror, the flow of
// bytes between them and the sidecar (output out to every client, with flow control; input
// and resizes in), and the idle timer that runs while no client is attached. The session
// (session.ts) owns the lifecycle; what this part may do follows from the phase it is in.

import type { ServerFrame } from '../contract/index.js';
import type { SidecarHandle } from '../runtimes/port.js';
import { Attachment, type SessionClient } from './attachment.js';
import { CLOSE_NORMAL } from './ending.js';
import { FlowGate } from './flow.js';
import { isClosed, type Phase, sidecarOf, takesInput } from './lifecycle.js';
import { ScreenMirror } from './mirror.js';
import type { Recording } from './recording/recording.js';
import { ResizeThrottle, type Size } from './throttle.js';

/** pino-compatible, so that Fastify's logger fits */
export interface SessionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLog: SessionLog = { info: () => undefined, warn: () => undefined };

/** What the terminal asks of its session. */
export interface TerminalHost {
  readonly id: string;
  /** where the session is in its life (lifecycle.ts) */
  phase(): Phase<SidecarHandle>;
  statusFrame(): ServerFrame;
  /** the frame that says how the session ended */
  lastFrame(): ServerFrame | null;
  /** no client for the idle time */
  idle(): void;
}

export class SessionTerminal {
  private readonly clients = new Set<Attachment>();
  private readonly mirror: ScreenMirror;
  private readonly gate = new FlowGate();
  private readonly resizer: ResizeThrottle;
  private size: Size;
  /** flow control is off: the sidecar's last bytes are let through, or it is handed over */
  private unthrottled = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: TerminalHost,
    size: Size,
    private readonly idleTimeoutMs: number,
    log: SessionLog,
    /** the session's output and resizes, as it happened (never its input) */
    private readonly recording: Recording | null = null,
  ) {
    this.size = size;
    this.mirror = new ScreenMirror(size.cols, size.rows);
    this.resizer = new ResizeThrottle(
      (s) => sidecarOf(host.phase())?.resize(s.cols, s.rows) ?? Promise.resolve(),
      100,
      (err) => log.warn({ err, session: host.id }, 'resizing the sidecar failed'),
    );
    this.armIdle();
  }

  get currentSize(): Size {
    return this.size;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** an adopted sidecar's output so far */
  refill(history: Uint8Array): void {
    this.mirror.write(history);
    this.recording?.output(history);
  }

  /** asks the sidecar for the current size (it may have changed while it started) */
  syncSize(): void {
    this.resizer.request(this.size);
  }

  output(chunk: Buffer): void {
    this.mirror.write(chunk);
    this.recording?.output(chunk);
    for (const client of this.clients) client.bytes(chunk);
    this.checkFlow();
  }

  /** flow control ends for good: the last bytes are let through */
  unthrottle(): void {
    this.unthrottled = true;
    this.sidecar()?.output.resume();
  }

  private checkFlow(): void {
    const output = this.sidecar()?.output;
    if (!output || this.unthrottled) return;
    // the mirror is not counted: it sheds what it cannot parse in time (mirror.ts)
    let lag = 0;
    for (const client of this.clients) lag = Math.max(lag, client.lag);
    const decision = this.gate.update(lag);
    if (decision === 'pause') output.pause();
    else if (decision === 'resume') output.resume();
  }

  /** the sidecar, while the session holds one */
  private sidecar(): SidecarHandle | null {
    return sidecarOf(this.host.phase());
  }

  private ended(): boolean {
    return this.host.phase().name === 'ended';
  }

  private input(data: Uint8Array): void {
    if (takesInput(this.host.phase())) this.sidecar()?.write(data);
  }

  private resize(size: Size): void {
    const changed = size.cols !== this.size.cols || size.rows !== this.size.rows;
    this.size = size;
    if (this.ended()) return;
    this.mirror.resize(size.cols, size.rows);
    if (changed) this.recording?.resize(size.cols, size.rows);
    if (this.sidecar()) this.resizer.request(size);
  }

  attach(client: SessionClient): Attachment {
    const attachment = new Attachment(client, {
      input: (data) => this.input(data),
      resize: (size) => this.resize(size),
      drained: () => this.checkFlow(),
      detached: (a) => this.detached(a),
    });
    if (isClosed(this.host.phase())) {
      attachment.frame(this.host.statusFrame());
      const last = this.host.lastFrame();
      if (last) attachment.frame(last);
      attachment.close(CLOSE_NORMAL, 'session ended');
    } else {
      this.clients.add(attachment);
      this.disarmIdle();
      attachment.frame(this.host.statusFrame());
    }
    // everything written to the mirror before this point is in the snapshot; what comes
    // after is held in the attachment's queue until the snapshot has gone out
    this.mirror.mark(() => attachment.goLive(this.snapshotFrame()));
    return attachment;
  }

  private detached(attachment: Attachment): void {
    if (!this.clients.delete(attachment)) return;
    this.armIdle();
    this.checkFlow();
  }

  broadcast(frame: ServerFrame): void {
    for (const client of this.clients) client.frame(frame);
  }

  /** sends each client the frames, then closes it; no client is attached after */
  closeAll(frames: ReadonlyArray<ServerFrame | null>, code: number, reason: string): void {
    for (const client of this.clients) {
      for (const frame of frames) if (frame) client.frame(frame);
      client.close(code, reason);
    }
    this.clients.clear();
  }

  private snapshotFrame(): ServerFrame | null {
    const data = this.mirror.snapshot();
    return data ? { type: 'snapshot', data, ...this.mirror.screenSize } : null;
  }

  private armIdle(): void {
    const ms = this.idleTimeoutMs;
    if (ms <= 0 || this.idleTimer || this.clients.size > 0 || this.ended()) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.clients.size === 0) this.host.idle();
    }, ms);
    this.idleTimer.unref();
  }

  /** the session ended or was handed over: no more timers or resizes */
  quiet(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.resizer.dispose();
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  dispose(): void {
    this.quiet();
    this.mirror.dispose();
  }
}
