// One debugging session: its lifecycle (pulling -> starting -> running -> exited | failed), its
// screen mirror, the clients attached to it, and the flow of bytes between them and the
// sidecar. A session outlives its clients; it ends when the command exits, when its target
// stops, on DELETE, after an idle time with no client, or when the service shuts down.

import {
  CdebugError,
  type ErrorInfo,
  type PullProgress,
  type ServerFrame,
  type SessionCore as SessionDto,
  type SessionState,
} from '../contract/index.js';
import type { SidecarExit, SidecarHandle } from '../engine/sidecar.js';
import { Attachment, type SessionClient } from './attachment.js';
import type { PreparedLaunch, SessionEngine, SessionInfo } from './engine-port.js';
import { FlowGate } from './flow.js';
import { ScreenMirror } from './mirror.js';
import { canMove } from './state.js';
import { ResizeThrottle, type Size } from './throttle.js';

/** pino-compatible, so that Fastify's logger fits */
export interface SessionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLog: SessionLog = { info: () => undefined, warn: () => undefined };

/** WebSocket close codes: normal end, and the service going away */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;

/** Why a session ended; the first reason wins. */
export type EndReason =
  | { kind: 'exit'; code: number }
  | { kind: 'target_stopped' }
  | { kind: 'failed'; error: ErrorInfo }
  | { kind: 'deleted' }
  | { kind: 'idle' }
  | { kind: 'shutdown' };

export type StopRequest = 'deleted' | 'idle' | 'shutdown';

export interface SessionOptions {
  id: string;
  info: SessionInfo;
  createdAt: string;
  size: Size;
  state: SessionState;
  engine: SessionEngine;
  /** 0 disables the idle timeout */
  idleTimeoutMs: number;
  log: SessionLog;
  onEnded: (session: Session) => void;
  /** how long after its exit the sidecar's last output may take to arrive */
  drainTimeoutMs?: number;
  /** how long to watch a killed sidecar's target for its own stop */
  targetCheckMs?: number;
}

const PROGRESS_EVERY_MS = 100;
/** exit statuses of a command killed by SIGKILL / SIGTERM, as when its PID namespace dies */
const KILLED = new Set([137, 143]);

export class Session {
  readonly id: string;
  readonly info: SessionInfo;
  readonly createdAt: string;
  private state: SessionState;
  private exitCode: number | undefined;
  private error: ErrorInfo | undefined;
  private size: Size;
  /** the size the sidecar was started with */
  private launchSize: Size | null = null;
  private progress: PullProgress | undefined;
  private lastProgressAt = 0;

  private readonly clients = new Set<Attachment>();
  private readonly mirror: ScreenMirror;
  private readonly gate = new FlowGate();
  private readonly resizer: ResizeThrottle;
  private readonly aborter = new AbortController();
  private handle: SidecarHandle | null = null;
  private stopRequest: StopRequest | null = null;
  private targetGone = false;
  private draining = false;
  private released = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private finishing: Promise<void> | null = null;
  private readonly done: Promise<void>;
  private markDone!: () => void;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.info = options.info;
    this.createdAt = options.createdAt;
    this.state = options.state;
    this.size = options.size;
    this.mirror = new ScreenMirror(options.size.cols, options.size.rows);
    this.resizer = new ResizeThrottle(
      (size) => this.handle?.resize(size.cols, size.rows) ?? Promise.resolve(),
      100,
      (err) => options.log.warn({ err, session: this.id }, 'resizing the sidecar failed'),
    );
    this.done = new Promise((resolve) => (this.markDone = resolve));
    this.armIdle();
  }

  get isFinal(): boolean {
    return this.state === 'exited' || this.state === 'failed';
  }

  get targetId(): string {
    return this.info.target.id;
  }

  get sidecarId(): string | null {
    return this.handle?.id ?? null;
  }

  /** settles when the session has ended and its sidecar is gone */
  get finished(): Promise<void> {
    return this.done;
  }

  toJSON(): SessionDto {
    return {
      id: this.id,
      target: { ...this.info.target },
      image: this.info.image,
      cmd: [...this.info.cmd],
      user: this.info.user,
      privileged: this.info.privileged,
      state: this.state,
      createdAt: this.createdAt,
      ...(this.exitCode !== undefined ? { exitCode: this.exitCode } : {}),
      ...(this.error ? { error: { ...this.error } } : {}),
      cols: this.size.cols,
      rows: this.size.rows,
      clients: this.clients.size,
    };
  }

  // ---- starting

  /** pulls and starts in the background; failures end the session in `failed` */
  launch(prepared: PreparedLaunch): void {
    this.launchSize = this.size;
    void (async () => {
      let handle: SidecarHandle;
      try {
        handle = await prepared.launch({
          ...this.size,
          signal: this.aborter.signal,
          onPull: (progress) => this.pulled(progress),
          onStarting: () => this.moveTo('starting'),
        });
      } catch (err) {
        await this.finish(this.stopRequest ? { kind: this.stopRequest } : { kind: 'failed', error: toInfo(err) });
        return;
      }
      if (this.stopRequest || this.released) {
        await handle.stop().catch((err) => this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed'));
        await this.finish({ kind: this.stopRequest ?? 'shutdown' });
        return;
      }
      this.wire(handle, 'launched');
    })();
  }

  /** takes over a running sidecar (after a restart of the service), its screen refilled */
  adopt(handle: SidecarHandle, history: Uint8Array): void {
    this.mirror.write(history);
    this.wire(handle, 'adopted');
  }

  private wire(handle: SidecarHandle, how: 'launched' | 'adopted'): void {
    this.handle = handle;
    const output = handle.output;
    const outputDone = new Promise<void>((resolve) => {
      output.once('end', resolve);
      output.once('close', resolve);
      output.once('error', () => resolve());
    });
    output.on('data', (chunk: Buffer) => this.output(chunk));
    this.moveTo('starting');
    this.moveTo('running');
    // the size may have changed while the sidecar was starting; an adopted one keeps its own
    // until a client says otherwise
    const started = this.launchSize;
    if (how === 'launched' && started && (started.cols !== this.size.cols || started.rows !== this.size.rows)) {
      this.resizer.request(this.size);
    }
    void handle.exit.then((result) => this.exited(result, outputDone));
  }

  private pulled(progress: PullProgress): void {
    this.progress = progress;
    const now = Date.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.broadcast({ type: 'status', state: this.state, progress });
  }

  private moveTo(state: SessionState): void {
    if (this.state === state || !canMove(this.state, state)) return;
    this.state = state;
    if (state !== 'pulling') this.progress = undefined;
    this.broadcast(this.statusFrame());
  }

  // ---- the byte streams

  private output(chunk: Buffer): void {
    this.mirror.write(chunk);
    for (const client of this.clients) client.bytes(chunk);
    this.checkFlow();
  }

  private checkFlow(): void {
    const output = this.handle?.output;
    if (!output || this.draining || this.released) return;
    // the mirror is not counted: it sheds what it cannot parse in time (mirror.ts)
    let lag = 0;
    for (const client of this.clients) lag = Math.max(lag, client.lag);
    const decision = this.gate.update(lag);
    if (decision === 'pause') output.pause();
    else if (decision === 'resume') output.resume();
  }

  private input(data: Uint8Array): void {
    if (this.state === 'running' && this.handle && !this.stopRequest) this.handle.write(data);
  }

  private resize(size: Size): void {
    this.size = size;
    if (this.isFinal) return;
    this.mirror.resize(size.cols, size.rows);
    if (this.handle) this.resizer.request(size);
  }

  // ---- clients

  attach(client: SessionClient): Attachment {
    const attachment = new Attachment(client, {
      input: (data) => this.input(data),
      resize: (size) => this.resize(size),
      drained: () => this.checkFlow(),
      detached: (a) => this.detached(a),
    });
    if (this.isFinal || this.released) {
      attachment.frame(this.statusFrame());
      const last = this.lastFrame();
      if (last) attachment.frame(last);
      attachment.close(CLOSE_NORMAL, 'session ended');
    } else {
      this.clients.add(attachment);
      this.disarmIdle();
      attachment.frame(this.statusFrame());
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

  private broadcast(frame: ServerFrame): void {
    for (const client of this.clients) client.frame(frame);
  }

  private statusFrame(): ServerFrame {
    return { type: 'status', state: this.state, ...(this.progress && this.state === 'pulling' ? { progress: this.progress } : {}) };
  }

  private snapshotFrame(): ServerFrame | null {
    const data = this.mirror.snapshot();
    return data ? { type: 'snapshot', data, ...this.mirror.screenSize } : null;
  }

  /** the frame that says how the session ended, for clients attached then or later */
  private lastFrame(): ServerFrame | null {
    if (this.error) return { type: 'error', code: this.error.code, message: this.error.message };
    if (this.exitCode !== undefined) return { type: 'exit', code: this.exitCode };
    return null;
  }

  private armIdle(): void {
    const ms = this.options.idleTimeoutMs;
    if (ms <= 0 || this.idleTimer || this.clients.size > 0 || this.isFinal) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.clients.size === 0) void this.end('idle');
    }, ms);
    this.idleTimer.unref();
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  // ---- ending

  /** the target died (engine event): a sidecar that outlives it is stopped */
  targetDied(): void {
    if (this.targetGone || this.isFinal) return;
    this.targetGone = true;
    if (this.handle && !this.stopRequest) {
      void this.handle.stop().catch((err) => this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed'));
    }
  }

  /** ends the session and removes its sidecar; resolves once it is gone */
  async end(request: StopRequest): Promise<void> {
    if (this.isFinal || this.released) return this.done;
    this.stopRequest ??= request;
    this.aborter.abort(new CdebugError('session_ended', 'The session was ended while it was starting.'));
    if (this.handle) {
      try {
        await this.handle.stop();
      } catch (err) {
        this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed');
        await this.finish({ kind: request });
      }
    }
    return this.done;
  }

  /** leaves the sidecar running for the next instance of the service: closes clients only */
  release(): void {
    if (this.released || this.isFinal) return;
    this.released = true;
    this.disarmIdle();
    this.resizer.dispose();
    for (const client of this.clients) client.close(CLOSE_GOING_AWAY, 'service shutting down');
    this.clients.clear();
    this.handle?.output.destroy();
    this.aborter.abort(new CdebugError('session_ended', 'The service shut down.'));
    this.markDone();
  }

  dispose(): void {
    this.disarmIdle();
    this.resizer.dispose();
    this.mirror.dispose();
  }

  private async exited(result: SidecarExit, outputDone: Promise<void>): Promise<void> {
    if (this.released) return;
    // the last bytes may still be on their way: let them through, boundedly
    this.draining = true;
    this.handle?.output.resume();
    await Promise.race([outputDone, delay(this.options.drainTimeoutMs ?? 2000)]);
    let reason: EndReason;
    if (this.stopRequest) reason = { kind: this.stopRequest };
    else if (result.kind === 'lost') reason = { kind: 'failed', error: result.error.toInfo() };
    else if (await this.targetStopped(result.code)) reason = { kind: 'target_stopped' };
    else reason = { kind: 'exit', code: result.code };
    await this.finish(reason, result);
  }

  /** the sidecar shares the target's PID namespace: when the target dies, so does it */
  private async targetStopped(code: number): Promise<boolean> {
    const deadline = Date.now() + (KILLED.has(code) ? (this.options.targetCheckMs ?? 3000) : 0);
    for (;;) {
      if (this.targetGone) return true;
      try {
        if ((await this.options.engine.targetState(this.targetId)) !== 'running') return true;
      } catch (err) {
        this.options.log.warn({ err, session: this.id }, 'could not inspect the target');
        return false;
      }
      if (Date.now() >= deadline) return false;
      await delay(100);
    }
  }

  private finish(reason: EndReason, result?: SidecarExit): Promise<void> {
    this.finishing ??= this.finishOnce(reason, result);
    return this.finishing;
  }

  private async finishOnce(reason: EndReason, result?: SidecarExit): Promise<void> {
    if (this.released) return;
    this.disarmIdle();
    this.resizer.dispose();
    const code = result?.kind === 'exited' ? result.code : undefined;
    let last: ServerFrame | null = null;
    switch (reason.kind) {
      case 'exit':
        this.state = 'exited';
        this.exitCode = reason.code;
        last = { type: 'exit', code: reason.code };
        break;
      case 'target_stopped':
        this.state = 'exited';
        this.error = new CdebugError(
          'target_stopped',
          `The target container "${this.info.target.name}" stopped, so the session ended.`,
        ).toInfo();
        last = { type: 'error', ...this.error };
        break;
      case 'failed':
        this.state = 'failed';
        this.error = reason.error;
        last = { type: 'error', ...reason.error };
        break;
      case 'deleted':
        this.state = 'exited';
        this.exitCode = code;
        last = { type: 'exit', code: code ?? 137 };
        break;
      case 'idle':
        this.state = 'exited';
        this.exitCode = code;
        this.error = new CdebugError('session_ended', 'The session ended after a long time with no client attached.').toInfo();
        last = { type: 'error', ...this.error };
        break;
      case 'shutdown':
        this.state = 'exited';
        this.exitCode = code;
        this.error = new CdebugError('session_ended', 'The service shut down.').toInfo();
        break;
    }
    this.progress = undefined;
    const closeCode = reason.kind === 'shutdown' ? CLOSE_GOING_AWAY : CLOSE_NORMAL;
    for (const client of this.clients) {
      client.frame(this.statusFrame());
      if (last) client.frame(last);
      client.close(closeCode, reason.kind === 'shutdown' ? 'service shutting down' : 'session ended');
    }
    this.clients.clear();
    // AutoRemove takes the sidecar away after its exit; this covers every other way out
    if (this.handle) {
      await this.handle.stop().catch((err) => this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed'));
    }
    this.options.log.info({ session: this.id, reason: reason.kind, state: this.state }, 'session ended');
    this.markDone();
    this.options.onEnded(this);
  }
}

function toInfo(err: unknown): ErrorInfo {
  if (err instanceof CdebugError) return err.toInfo();
  return { code: 'sidecar_failed', message: `The sidecar could not be started: ${err instanceof Error ? err.message : String(err)}` };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
