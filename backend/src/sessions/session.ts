// One debugging session's lifecycle: pulling -> starting -> running -> exited | failed. It
// starts (or adopts) its sidecar, learns how it ended, and removes it. A session outlives its
// clients; it ends when the command exits, when its target stops, when its sidecar or the
// engine goes away under it, on DELETE, after an idle time with no client, or when the service
// shuts down. Its clients, screen and byte flow are the terminal's (terminal.ts); why it ended
// is asked of the engine (exit-check.ts), and what that shows is pure (ending.ts).

import {
  CdebugError,
  type ErrorInfo,
  type PullProgress,
  type ServerFrame,
  type SessionCore as SessionDto,
  type SessionState,
} from '../contract/index.js';
import type { SidecarExit, SidecarHandle } from '../runtimes/port.js';
import type { Attachment, SessionClient } from './attachment.js';
import type { PreparedLaunch, SessionEngine, SessionInfo } from '../runtimes/port.js';
import { CLOSE_GOING_AWAY, describeEnding, type EndReason, type StopRequest } from './ending.js';
import { whyExited } from './exit-check.js';
import { canMove } from './state.js';
import { type SessionLog, SessionTerminal } from './terminal.js';
import type { Size } from './throttle.js';

export { CLOSE_GOING_AWAY, CLOSE_NORMAL, type EndReason, type StopRequest } from './ending.js';
export { type SessionLog, silentLog } from './terminal.js';

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
  /** the sidecar could not be removed (the engine does not answer): someone must retry */
  onLeftover?: (sidecarId: string) => void;
  /** how long after its exit the sidecar's last output may take to arrive */
  drainTimeoutMs?: number;
  /** how long to watch a killed sidecar's target for its own stop */
  targetCheckMs?: number;
}

const PROGRESS_EVERY_MS = 100;

export class Session {
  readonly id: string;
  readonly info: SessionInfo;
  readonly createdAt: string;
  private state: SessionState;
  private exitCode: number | undefined;
  private error: ErrorInfo | undefined;
  /** the size the sidecar was started with */
  private launchSize: Size | null = null;
  private progress: PullProgress | undefined;
  private lastProgressAt = 0;

  private readonly terminal: SessionTerminal;
  private readonly aborter = new AbortController();
  private handle: SidecarHandle | null = null;
  private stopRequest: StopRequest | null = null;
  /** this service asked the engine to stop the sidecar: its kill event is ours */
  private stopping = false;
  private killedFromOutside = false;
  private targetGone = false;
  private released = false;
  private finishing: Promise<void> | null = null;
  private readonly done: Promise<void>;
  private markDone!: () => void;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.info = options.info;
    this.createdAt = options.createdAt;
    this.state = options.state;
    this.done = new Promise((resolve) => (this.markDone = resolve));
    this.terminal = new SessionTerminal(
      {
        id: this.id,
        sidecar: () => (this.released ? null : this.handle),
        accepting: () => this.state === 'running' && this.handle !== null && !this.stopRequest && !this.released,
        isFinal: () => this.isFinal,
        isClosed: () => this.isFinal || this.released,
        statusFrame: () => this.statusFrame(),
        lastFrame: () => this.lastFrame(),
        idle: () => void this.end('idle'),
      },
      options.size,
      options.idleTimeoutMs,
      options.log,
    );
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
    const size = this.terminal.currentSize;
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
      cols: size.cols,
      rows: size.rows,
      clients: this.terminal.clientCount,
    };
  }

  attach(client: SessionClient): Attachment {
    return this.terminal.attach(client);
  }

  // ---- starting

  /** pulls and starts in the background; failures end the session in `failed` */
  launch(prepared: PreparedLaunch): void {
    this.launchSize = this.terminal.currentSize;
    void (async () => {
      let handle: SidecarHandle;
      try {
        handle = await prepared.launch({
          ...this.terminal.currentSize,
          signal: this.aborter.signal,
          onPull: (progress) => this.pulled(progress),
          onStarting: () => this.moveTo('starting'),
        });
      } catch (err) {
        await this.finish(this.stopRequest ? { kind: this.stopRequest } : { kind: 'failed', error: toInfo(err) });
        return;
      }
      if (this.stopRequest || this.released) {
        this.stopping = true;
        await handle.stop().catch((err) => this.leftover(handle, err));
        await this.finish({ kind: this.stopRequest ?? 'shutdown' });
        return;
      }
      this.wire(handle, 'launched');
    })();
  }

  /** takes over a running sidecar (after a restart of the service), its screen refilled */
  adopt(handle: SidecarHandle, history: Uint8Array): void {
    this.terminal.refill(history);
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
    output.on('data', (chunk: Buffer) => this.terminal.output(chunk));
    output.once('data', () => handle.outputBegan());
    this.moveTo('starting');
    this.moveTo('running');
    // the size may have changed while the sidecar was starting; an adopted one keeps its own
    // until a client says otherwise
    const started = this.launchSize;
    const now = this.terminal.currentSize;
    if (how === 'launched' && started && (started.cols !== now.cols || started.rows !== now.rows)) this.terminal.syncSize();
    void handle.exit.then((result) => this.exited(result, outputDone));
  }

  private pulled(progress: PullProgress): void {
    this.progress = progress;
    const now = Date.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.terminal.broadcast({ type: 'status', state: this.state, progress });
  }

  private moveTo(state: SessionState): void {
    if (this.state === state || !canMove(this.state, state)) return;
    this.state = state;
    if (state !== 'pulling') this.progress = undefined;
    this.terminal.broadcast(this.statusFrame());
  }

  private statusFrame(): ServerFrame {
    return { type: 'status', state: this.state, ...(this.progress && this.state === 'pulling' ? { progress: this.progress } : {}) };
  }

  /** the frame that says how the session ended, for clients attached then or later */
  private lastFrame(): ServerFrame | null {
    if (this.error) return { type: 'error', code: this.error.code, message: this.error.message };
    if (this.exitCode !== undefined) return { type: 'exit', code: this.exitCode };
    return null;
  }

  // ---- what the engine reports

  /** the target died (engine event): a sidecar that outlives it is stopped */
  targetDied(): void {
    if (this.targetGone || this.isFinal) return;
    this.targetGone = true;
    if (this.handle && !this.stopRequest) {
      this.stopping = true;
      void this.handle.stop().catch((err) => this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed'));
    }
  }

  /** someone sent the sidecar a signal (engine event): unless it was this service, the session
   * ends because of it, not because its command chose to */
  sidecarKilled(): void {
    if (!this.stopping && !this.stopRequest && !this.isFinal) this.killedFromOutside = true;
  }

  // ---- ending

  /** ends the session and removes its sidecar; resolves once it is gone */
  async end(request: StopRequest): Promise<void> {
    if (this.isFinal || this.released) return this.done;
    this.stopRequest ??= request;
    this.aborter.abort(new CdebugError('session_ended', 'The session was ended while it was starting.'));
    if (this.handle) {
      try {
        this.stopping = true;
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
    this.terminal.quiet();
    this.terminal.closeAll([], CLOSE_GOING_AWAY, 'service shutting down');
    this.handle?.output.destroy();
    this.aborter.abort(new CdebugError('session_ended', 'The service shut down.'));
    this.markDone();
  }

  dispose(): void {
    this.terminal.dispose();
  }

  private async exited(result: SidecarExit, outputDone: Promise<void>): Promise<void> {
    if (this.released) return;
    // the last bytes may still be on their way: let them through, boundedly
    this.terminal.unthrottle();
    await Promise.race([outputDone, delay(this.options.drainTimeoutMs ?? 2000)]);
    const reason = await whyExited(result, {
      sessionId: this.id,
      targetId: this.targetId,
      engine: this.options.engine,
      log: this.options.log,
      targetCheckMs: this.options.targetCheckMs ?? 3000,
      stopRequest: () => this.stopRequest,
      targetGone: () => this.targetGone,
      killedFromOutside: () => this.killedFromOutside,
    });
    await this.finish(reason, result);
  }

  private finish(reason: EndReason, result?: SidecarExit): Promise<void> {
    this.finishing ??= this.finishOnce(reason, result);
    return this.finishing;
  }

  private async finishOnce(reason: EndReason, result?: SidecarExit): Promise<void> {
    if (this.released) return;
    this.terminal.quiet();
    const ending = describeEnding(reason, this.info.target.name, result?.kind === 'exited' ? result.code : undefined);
    this.state = ending.state;
    this.exitCode = ending.exitCode;
    this.error = ending.error;
    this.progress = undefined;
    this.terminal.closeAll([this.statusFrame(), ending.last], ending.closeCode, ending.closeReason);
    // AutoRemove takes the sidecar away after its exit; this covers every other way out
    const handle = this.handle;
    if (handle) {
      this.stopping = true;
      await handle.stop().catch((err) => this.leftover(handle, err));
    }
    this.options.log.info({ session: this.id, reason: reason.kind, state: this.state }, 'session ended');
    this.markDone();
    this.options.onEnded(this);
  }

  private leftover(handle: SidecarHandle, err: unknown): void {
    this.options.log.warn({ err, session: this.id, sidecar: handle.id }, 'removing the sidecar failed: trying again later');
    this.options.onLeftover?.(handle.id);
  }
}

function toInfo(err: unknown): ErrorInfo {
  if (err instanceof CdebugError) return err.toInfo();
  return { code: 'sidecar_failed', message: `The sidecar could not be started: ${err instanceof Error ? err.message : String(err)}` };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
