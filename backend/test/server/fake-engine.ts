// A fake of the session manager's engine port (runtimes/port.ts), for the unit tests of
// the sessions and the server: no Docker. Sidecars are scripted: the test writes their output
// and decides how they exit. Lives with the tests only; production code never imports it.

import { PassThrough } from 'node:stream';
import { CdebugError, type CreateSessionRequest, DEFAULT_TOOLKIT_IMAGE, parseImageRef } from '../../src/contract/index.js';
import type { ContainerEvent, LaunchOptions, OwnedSidecar, SessionEngine, SidecarExit, SidecarHandle, TargetState } from '../../src/runtimes/port.js';

export class FakeSidecar implements SidecarHandle {
  readonly output = new PassThrough();
  readonly errors = null;
  readonly input: Buffer[] = [];
  readonly sizes: Array<[number, number]> = [];
  /** how many times the session said its first output arrived */
  outputBegun = 0;
  stopped = false;
  /** stop() fails with this (the engine does not answer), leaving the sidecar as it is */
  stopError: CdebugError | null = null;
  readonly exit: Promise<SidecarExit>;
  private settle!: (exit: SidecarExit) => void;
  /** what the "shell" does with a keystroke; echoes by default */
  onInput: (data: Buffer, self: FakeSidecar) => void = (data, self) => self.print(data);

  constructor(readonly id: string) {
    this.exit = new Promise((resolve) => (this.settle = resolve));
  }

  print(text: string | Uint8Array): void {
    if (!this.output.writableEnded) this.output.write(typeof text === 'string' ? Buffer.from(text) : Buffer.from(text));
  }

  write(data: Uint8Array): void {
    const buf = Buffer.from(data);
    this.input.push(buf);
    this.onInput(buf, this);
  }

  endInput(): void {}

  async resize(cols: number, rows: number): Promise<void> {
    this.sizes.push([cols, rows]);
  }

  outputBegan(): void {
    this.outputBegun += 1;
  }

  /** the command ends with `code` (the engine's wait answers, the attach stream ends) */
  exitWith(code: number): void {
    this.output.end();
    this.settle({ kind: 'exited', code });
  }

  lose(error: CdebugError): void {
    this.output.end();
    this.settle({ kind: 'lost', error });
  }

  async stop(): Promise<void> {
    if (this.stopError) throw this.stopError;
    if (!this.stopped) {
      this.stopped = true;
      this.exitWith(137);
    }
    await this.exit;
  }

  get typed(): string {
    return Buffer.concat(this.input).toString('utf8');
  }
}

export interface FakeTarget {
  id: string;
  name: string;
  state: TargetState;
}

export class FakeEngine implements SessionEngine {
  readonly targets = new Map<string, FakeTarget>();
  readonly images = new Set<string>([DEFAULT_TOOLKIT_IMAGE]);
  readonly unpullable = new Set<string>();
  readonly sidecars: FakeSidecar[] = [];
  readonly owned: OwnedSidecar[] = [];
  readonly ownedHistory = new Map<string, string>();
  readonly adoptable = new Map<string, FakeSidecar>();
  readonly removed: string[] = [];
  /** a launch waits for this before it resolves, when set */
  gate: Promise<void> | null = null;
  /** what a new sidecar prints first */
  banner = '/srv # ';
  private deathListeners = new Set<(id: string, event: ContainerEvent) => void>();
  /** the engine refuses new connections (shutting down, or gone) */
  down = false;
  /** removals fail while set (the engine does not answer) */
  removeFails = false;
  private count = 0;

  addTarget(name: string, state: TargetState = 'running'): FakeTarget {
    const target = { id: `${name}-id-0123456789abcdef`, name, state };
    this.targets.set(name, target);
    return target;
  }

  /** the target stops: its state changes and the engine reports a death */
  killTarget(name: string): void {
    const target = this.targets.get(name);
    if (!target) throw new Error(`no fake target ${name}`);
    target.state = 'stopped';
    for (const l of this.deathListeners) l(target.id, 'die');
  }

  /** someone outside sends the sidecar SIGKILL: the engine reports the kill, the command dies */
  killSidecar(sidecar: FakeSidecar): void {
    for (const l of this.deathListeners) l(sidecar.id, 'kill');
    sidecar.exitWith(137);
  }

  get watching(): number {
    return this.deathListeners.size;
  }

  get last(): FakeSidecar {
    const s = this.sidecars.at(-1);
    if (!s) throw new Error('no sidecar started yet');
    return s;
  }

  async prepare(request: CreateSessionRequest, sessionId: string) {
    const parsed = parseImageRef(request.image ?? DEFAULT_TOOLKIT_IMAGE);
    if (!parsed.ok) throw new CdebugError(parsed.error.code, parsed.error.message);
    const image = parsed.value.canonical;
    const target = this.targets.get(request.target) ?? [...this.targets.values()].find((t) => t.id === request.target);
    if (!target || target.state === 'gone') throw new CdebugError('target_not_found');
    if (target.state !== 'running') throw new CdebugError('target_not_running');
    const imagePresent = this.images.has(image);
    return {
      info: {
        target: { id: target.id, name: target.name },
        mode: 'live' as const,
        image,
        cmd: request.cmd ?? ['sh'],
        user: request.user ?? null,
        privileged: request.privileged === true,
      },
      imagePresent,
      launch: async (options: LaunchOptions) => {
        if (!imagePresent) {
          options.onPull?.({ current: 10, total: 100, status: 'Downloading', layers: { a: { current: 10, total: 100, status: 'Downloading' } } });
          await new Promise((r) => setTimeout(r, 5));
          if (this.unpullable.has(image)) throw new CdebugError('image_pull_failed', `Could not pull ${image}.`);
          this.images.add(image);
        }
        options.onStarting?.();
        if (this.gate) await this.gate;
        options.signal.throwIfAborted();
        const sidecar = new FakeSidecar(`sidecar-${sessionId}-${++this.count}`);
        // the service always starts a session's sidecar at its terminal's size
        if (options.cols !== undefined && options.rows !== undefined) sidecar.sizes.push([options.cols, options.rows]);
        this.sidecars.push(sidecar);
        sidecar.print(this.banner);
        return sidecar;
      },
    };
  }

  async listOwned(): Promise<OwnedSidecar[]> {
    return [...this.owned];
  }

  async adopt(sidecarId: string): Promise<SidecarHandle> {
    const sidecar = this.adoptable.get(sidecarId);
    if (!sidecar) throw new CdebugError('sidecar_failed', 'not adoptable');
    this.sidecars.push(sidecar);
    return sidecar;
  }

  async history(sidecarId: string): Promise<Uint8Array> {
    return Buffer.from(this.ownedHistory.get(sidecarId) ?? '');
  }

  async remove(sidecarId: string): Promise<void> {
    if (this.removeFails) throw new CdebugError('engine_unreachable', 'the fake engine does not answer');
    this.removed.push(sidecarId);
  }

  async answers(): Promise<boolean> {
    return !this.down;
  }

  async targetState(targetId: string): Promise<TargetState> {
    return [...this.targets.values()].find((t) => t.id === targetId)?.state ?? 'gone';
  }

  watchDeaths(onEvent: (containerId: string, event: ContainerEvent) => void): () => void {
    this.deathListeners.add(onEvent);
    return () => this.deathListeners.delete(onEvent);
  }
}
