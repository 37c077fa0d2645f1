// One debugging session: the shell around its lifecycle. The phases and what moves a session
// between them are pure (lifecycle.ts); this part feeds them the events (the launch, the
// engine's reports, a stop, the sidecar's exit) and carries out the I/O each step calls for.
// A session outlives its clients; it ends when the command exits, when its target stops, when
// its sidecar or the engine goes away under it, on DELETE, after an idle time with no client,
// or when the service shuts down. Its clients, screen and byte flow are the terminal's
// (terminal.ts); why its command ended is asked of the engine (sidecar-exit.ts), and what an
// ending shows is pure (ending.ts).

import { CdebugError, type ErrorInfo, type PullProgress, type ServerFrame, type SessionCore as SessionDto, type SessionState } from '../contract/index.js';
import type { SidecarExit, SidecarHandle } from '../runtimes/port.js';
import type { Attachment, SessionClient } from './attachment.js';
import type { PreparedLaunch, SessionEngine, SessionInfo } from '../runtimes/port.js';
import { CLOSE_GOING_AWAY, type Ending, type StopRequest } from './ending.js';
import { type Effect, exitCode, type LifeEvent, launching, type Phase, sidecarOf, step } from './lifecycle.js';
import { endingOf, lastFrame, shownState, statusFrame } from './phase-view.js';
import { diagnoseExit, type ExitWitness, type OutputDrain, watchDrain } from './sidecar-exit.js';
import { type SessionLog, SessionTerminal } from './terminal.js';
import type { Size } from './throttle.js';
import type { Recording } from './recording/recording.js';
import { heldIn, HintWatch } from './hints/hint-watch.js';

export { CLOSE_GOING_AWAY, CLOSE_NORMAL, type EndReason, type StopRequest } from './ending.js';
export { type SessionLog, silentLog } from './terminal.js';

export interface SessionOptions {
  id: string;
  info: SessionInfo;
  createdAt: string;
  size: Size;
  /** the toolkit image is on the engine: the session starts without pulling */
  imagePresent: boolean;
  engine: SessionEngine;
  /** 0 disables the idle timeout */
  idleTimeoutMs: number;
  log: SessionLog;
  onEnded: (session: Session) => void;
  /** the state it shows changed (pulling → starting → running → exited/failed), or its hint */
  onStateChange?: (session: Session) => void;
  /** the sidecar could not be removed (the engine does not answer): someone must retry */
  onLeftover?: (sidecarId: string) => void;
  /** how long after its exit the sidecar's last output may take to arrive */
  drainTimeoutMs?: number;
  /** how long to watch a killed sidecar's target for its own stop */
  targetCheckMs?: number;
  /** where its output is recorded (recording/); none: not recorded */
  recording?: Recording;
}

const PROGRESS_EVERY_MS = 100;

export class Session {
  readonly id: string;
  readonly info: SessionInfo;
  readonly createdAt: string;
  private phase: Phase<SidecarHandle>;
  private lastProgressAt = 0;

  private readonly terminal: SessionTerminal;
  /** a refused command another profile would allow, seen in its output */
  private readonly hints: HintWatch;
  private readonly aborter = new AbortController();
  private readonly done: Promise<void>;
  private markDone!: () => void;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.info = options.info;
    this.createdAt = options.createdAt;
    this.phase = launching(options.imagePresent, options.size);
    this.done = new Promise((resolve) => (this.markDone = resolve));
    this.hints = new HintWatch(heldIn(options.info));
    this.terminal = new SessionTerminal(
      {
        id: this.id,
        phase: () => this.phase,
        statusFrame: () => this.statusFrame(),
        lastFrame: () => this.lastFrame(),
        idle: () => void this.end('idle'),
      },
      options.size,
      options.idleTimeoutMs,
      options.log,
      options.recording ?? null,
    );
  }

  get isFinal(): boolean {
    return this.phase.name === 'ended';
  }

  /** the container whose death ends the session: the target, or the copy the shell runs in */
  get targetId(): string {
    return this.info.copy?.id || this.info.target.id;
  }

  get sidecarId(): string | null {
    return sidecarOf(this.phase)?.id ?? null;
  }

  /** settles when the session has ended and its sidecar is gone (or has been released) */
  get finished(): Promise<void> {
    return this.done;
  }

  toJSON(): SessionDto {
    const size = this.terminal.currentSize;
    const ending = this.ending();
    return {
      id: this.id,
      target: { ...this.info.target },
      mode: this.info.mode,
      ...(this.info.copy ? { copy: { ...this.info.copy } } : {}),
      image: this.info.image,
      cmd: [...this.info.cmd],
      user: this.info.user,
      privileged: this.info.privileged,
      profile: heldIn(this.info).profile,
      hint: this.hints.current,
      state: this.state,
      createdAt: this.createdAt,
      ...(ending?.exitCode !== undefined ? { exitCode: ending.exitCode } : {}),
      ...(ending?.error ? { error: { ...ending.error } } : {}),
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
    void (async () => {
      let sidecar: SidecarHandle;
      try {
        sidecar = await prepared.launch({
          ...this.terminal.currentSize,
          signal: this.aborter.signal,
          onPull: (progress) => this.dispatch({ kind: 'pulled', progress }),
          onStarting: () => this.dispatch({ kind: 'starting' }),
        });
      } catch (err) {
        this.dispatch({ kind: 'launch_failed', error: toInfo(err) });
        return;
      }
      this.dispatch({ kind: 'launched', sidecar });
    })();
  }

  /** takes over a running sidecar (after a restart of the service), its screen refilled */
  adopt(sidecar: SidecarHandle, history: Uint8Array): void {
    this.terminal.refill(history);
    this.dispatch({ kind: 'adopted', sidecar });
  }

  // ---- what the engine reports

  /** the target died (engine event): a sidecar that outlives it is stopped */
  targetDied(): void {
    this.dispatch({ kind: 'target_died' });
  }

  /** someone sent the sidecar a signal (engine event): unless it was this service, the session
   * ends because of it, not because its command chose to */
  sidecarKilled(): void {
    this.dispatch({ kind: 'sidecar_killed' });
  }

  // ---- ending

  /** ends the session and removes its sidecar; resolves once it is gone */
  end(request: StopRequest): Promise<void> {
    this.dispatch({ kind: 'stop', request });
    return this.done;
  }

  /** leaves the sidecar running for the next instance of the service: closes clients only */
  release(): void {
    this.dispatch({ kind: 'release' });
  }

  dispose(): void {
    this.terminal.dispose();
  }

  // ---- the lifecycle's steps and their effects

  private dispatch(event: LifeEvent<SidecarHandle>): void {
    const next = step(this.phase, event);
    if (!next) return;
    const shown = this.state;
    this.phase = next.phase;
    for (const effect of next.effects) this.perform(effect);
    if (this.state !== shown) this.options.onStateChange?.(this);
  }

  private perform(effect: Effect<SidecarHandle>): void {
    switch (effect.kind) {
      case 'announce':
        this.terminal.broadcast({ type: 'status', state: effect.state });
        return;
      case 'progress':
        return this.pulled(effect.progress);
      case 'abort':
        this.aborter.abort(effect.error);
        return;
      case 'wire':
        return this.wire(effect.sidecar, effect.launchSize);
      case 'remove_orphan':
        void effect.sidecar.stop().catch((err: unknown) => this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed'));
        return;
      case 'remove':
        void effect.sidecar.stop().catch((err: unknown) => {
          this.options.log.warn({ err, session: this.id }, 'removing the sidecar failed');
          this.dispatch({ kind: 'stop_failed' });
        });
        return;
      case 'discard': {
        const sidecar = effect.sidecar;
        void sidecar
          .stop()
          .catch((err) => this.leftover(sidecar, err))
          .then(() => this.dispatch({ kind: 'discarded' }));
        return;
      }
      case 'diagnose':
        void this.diagnose(effect.result);
        return;
      case 'release':
        this.terminal.quiet();
        this.terminal.closeAll([], CLOSE_GOING_AWAY, 'service shutting down');
        effect.sidecar?.output.destroy();
        this.markDone();
        return;
      case 'finish':
        void this.finish(effect.sidecar);
        return;
    }
  }

  private pulled(progress: PullProgress): void {
    const now = Date.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.terminal.broadcast({ type: 'status', state: this.state, progress });
  }

  private wire(sidecar: SidecarHandle, launchSize: Size | null): void {
    const output = sidecar.output;
    const drain = watchDrain(output);
    output.on('data', (chunk: Buffer) => {
      this.terminal.output(chunk);
      if (this.hints.feed(chunk)) this.options.onStateChange?.(this);
    });
    output.once('data', () => sidecar.outputBegan());
    // the size may have changed while the sidecar was starting; an adopted one keeps its own
    // until a client says otherwise
    const now = this.terminal.currentSize;
    if (launchSize && (launchSize.cols !== now.cols || launchSize.rows !== now.rows)) this.terminal.syncSize();
    void sidecar.exit.then((result) => this.exited(result, drain));
  }

  private async exited(result: SidecarExit, drain: OutputDrain): Promise<void> {
    // the last bytes may still be on their way: let them through, boundedly
    this.terminal.unthrottle();
    await drain.settled(this.options.drainTimeoutMs);
    this.dispatch({ kind: 'exited', result });
  }

  private async diagnose(result: SidecarExit): Promise<void> {
    const { engine, log } = this.options;
    const running = () => (this.phase.name === 'running' ? this.phase : null);
    const witness: ExitWitness = {
      targetState: () => engine.targetState(this.targetId),
      engineAnswers: () => engine.answers(),
      targetGone: () => running()?.targetGone ?? false,
      killedFromOutside: () => running()?.killedFromOutside ?? false,
      targetCheckMs: this.options.targetCheckMs ?? 3000,
      inspectFailed: (err) => log.warn({ err, session: this.id }, 'could not inspect the target'),
    };
    const cause = await diagnoseExit(result, witness);
    this.dispatch({ kind: 'diagnosed', cause, code: exitCode(result) });
  }

  private async finish(sidecar: SidecarHandle | null): Promise<void> {
    this.terminal.quiet();
    const ending = this.ending();
    if (ending) this.terminal.closeAll([this.statusFrame(), ending.last], ending.closeCode, ending.closeReason);
    // AutoRemove takes the sidecar away after its exit; this covers every other way out
    if (sidecar) await sidecar.stop().catch((err) => this.leftover(sidecar, err));
    const reason = this.phase.name === 'ended' ? this.phase.reason.kind : undefined;
    this.options.log.info({ session: this.id, reason, state: this.state }, 'session ended');
    this.markDone();
    this.options.onEnded(this);
  }

  private leftover(sidecar: SidecarHandle, err: unknown): void {
    this.options.log.warn({ err, session: this.id, sidecar: sidecar.id }, 'removing the sidecar failed: trying again later');
    this.options.onLeftover?.(sidecar.id);
  }

  // ---- what it shows

  private get state(): SessionState {
    return shownState(this.phase, this.info.target.name);
  }

  private ending(): Ending | null {
    return endingOf(this.phase, this.info.target.name);
  }

  private statusFrame(): ServerFrame {
    return statusFrame(this.phase, this.info.target.name);
  }

  private lastFrame(): ServerFrame | null {
    return lastFrame(this.phase, this.info.target.name);
  }
}

function toInfo(err: unknown): ErrorInfo {
  if (err instanceof CdebugError) return err.toInfo();
  return { code: 'sidecar_failed', message: `The sidecar could not be started: ${err instanceof Error ? err.message : String(err)}` };
}
