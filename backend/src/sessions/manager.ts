// The registry of sessions: creates them (answering at once what can be known at once) on the
// engine the request names, finds, lists and deletes them, routes each engine's container
// events to that engine's sessions (a target's death, a kill of a sidecar), retries removing
// sidecars the engine could not remove when it was down, forgets old ended ones, and ends or
// releases them all at shutdown.

import { CdebugError, type CreateSessionRequest, DEFAULT_COLS, DEFAULT_ROWS, type Session as SessionDto } from '../contract/index.js';
import { newSessionId } from './session-id.js';
import { sessionSidecar } from './sidecar-request.js';
import type { SidecarHandle } from '../runtimes/port.js';
import type { Attachment, SessionClient } from './attachment.js';
import type { ContainerEvent, OwnedSidecar, SessionEngine, TargetFile } from '../runtimes/port.js';
import { type SessionEngines, singleEngine } from '../runtimes/engine-set.js';
import { Leftovers } from './leftovers.js';
import { Session, type SessionLog, silentLog } from './session.js';
import { recordingTitle } from './recording/asciicast.js';
import type { Recording } from './recording/recording.js';
import { type RecordingCaps, RecordingStore } from './recording/store.js';

export interface ManagerOptions {
  /** one engine (named "default"); ignored when `engines` is given */
  engine?: SessionEngine;
  /** several engines by name */
  engines?: SessionEngines;
  /** ends sessions that have had no client this long; 0 never */
  idleTimeoutMs: number;
  /** at shutdown, leave sidecars running for the next instance instead of ending them */
  keepOnShutdown?: boolean;
  /** how many ended sessions stay listed (with their last screen) */
  keepEnded?: number;
  log?: SessionLog;
  /** how much recorded output is kept, per session and in all (recording/store.ts) */
  recordings?: RecordingCaps;
  /** a session ended (its command exited, it was deleted, it failed): what it was, as listed */
  onSessionEnded?: (session: SessionDto) => void;
}

/** What the registry tells its listeners: a session is new or shows another state, or it is forgotten. */
export type SessionChange = { kind: 'changed'; session: SessionDto } | { kind: 'removed'; id: string };

export class SessionManager {
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private readonly sessions = new Map<string, Session>();
  /** the engine each session runs on, by name */
  private readonly engineOf = new WeakMap<Session, string>();
  private readonly engines: SessionEngines;
  private readonly log: SessionLog;
  /** one death watch per engine that has a live session */
  private readonly unwatch = new Map<string, () => void>();
  private readonly leftovers: Leftovers;
  private readonly recordings: RecordingStore;
  private readonly recordingOf = new WeakMap<Session, Recording>();
  private closing = false;

  constructor(private readonly options: ManagerOptions) {
    if (!Number.isFinite(options.idleTimeoutMs) || options.idleTimeoutMs < 0) {
      throw new RangeError('idleTimeoutMs must be a number of milliseconds, 0 or more');
    }
    const engines = options.engines ?? (options.engine ? singleEngine(options.engine) : null);
    if (!engines) throw new TypeError('SessionManager needs an engine');
    this.engines = engines;
    this.log = options.log ?? silentLog;
    this.recordings = new RecordingStore(options.recordings);
    this.leftovers = new Leftovers((engineName, sidecarId) => this.engines.sessionEngine(engineName).remove(sidecarId), this.log);
  }

  /** checks the request and the target (coded errors, nothing started), then starts in the background */
  async create(request: CreateSessionRequest): Promise<SessionDto> {
    this.refuseWhenClosing();
    const id = newSessionId();
    const engineName = request.engine ?? this.engines.defaultName;
    const prepared = await this.engines.sessionEngine(engineName).prepare(sessionSidecar(request), id);
    this.refuseWhenClosing();
    const session = this.add(id, engineName, {
      info: prepared.info,
      createdAt: new Date().toISOString(),
      size: { cols: request.cols ?? DEFAULT_COLS, rows: request.rows ?? DEFAULT_ROWS },
      imagePresent: prepared.imagePresent,
    });
    session.launch(prepared);
    return this.describe(session);
  }

  /** takes over a running sidecar found at start on the named engine (the one it runs on) */
  adopt(owned: OwnedSidecar, handle: SidecarHandle, history: Uint8Array, engineName: string = this.engines.defaultName): Session {
    const session = this.add(owned.sessionId, engineName, {
      info: owned.info,
      createdAt: owned.createdAt,
      size: { cols: DEFAULT_COLS, rows: DEFAULT_ROWS },
      // nothing to pull: it is taken over as it runs
      imagePresent: true,
    });
    session.adopt(handle, history);
    return session;
  }

  /** hears every session added, changing state, deleted or forgotten; returns the unsubscribe */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  get(id: string): SessionDto {
    return this.describe(this.find(id));
  }

  /** newest first */
  list(): SessionDto[] {
    return [...this.sessions.values()]
      .reverse()
      .map((s) => this.describe(s))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** the session's recording so far, as asciicast v2 text (a live one's too) */
  recording(id: string): string {
    const recording = this.recordingOf.get(this.find(id));
    if (!recording) throw new CdebugError('session_not_found', `The session "${id.slice(0, 64)}" has no recording.`);
    return recording.text();
  }

  /** one path of a running session's target, read through its sidecar */
  async readFile(id: string, path: string): Promise<TargetFile> {
    const session = this.find(id);
    const sidecarId = session.sidecarId;
    if (sidecarId === null) throw new CdebugError('session_ended', 'The session is not running: files are read through its sidecar, so open a session first.');
    const engine = this.engines.sessionEngine(this.engineOf.get(session) ?? this.engines.defaultName);
    if (!engine.readFile) throw new CdebugError('unsupported_toolkit', 'This engine cannot read files of a target.');
    return engine.readFile(sidecarId, path);
  }

  attach(id: string, client: SessionClient): Attachment {
    return this.find(id).attach(client);
  }

  /** ends the session, removes its sidecar and forgets it; resolves when the sidecar is gone */
  async delete(id: string): Promise<void> {
    const session = this.find(id);
    this.sessions.delete(id);
    this.tell({ kind: 'removed', id });
    await session.end('deleted');
    this.forget(session);
    this.watchDeaths();
  }

  /** ends every session (or releases them, when so configured); clients get close 1001 */
  async shutdown(): Promise<void> {
    this.closing = true;
    for (const stop of this.unwatch.values()) stop();
    this.unwatch.clear();
    const all = [...this.sessions.values()];
    await Promise.all(
      all.map((s) => {
        if (this.options.keepOnShutdown) s.release();
        else void s.end('shutdown');
        return s.finished;
      }),
    );
    for (const s of all) this.forget(s);
    this.sessions.clear();
    // what the engine could not remove now is the next start's to remove (owner label)
    this.leftovers.dispose();
  }

  private add(id: string, engineName: string, init: Pick<ConstructorParameters<typeof Session>[0], 'info' | 'createdAt' | 'size' | 'imagePresent'>): Session {
    const recording = this.recordings.open({
      width: init.size.cols,
      height: init.size.rows,
      timestamp: (Date.parse(init.createdAt) || Date.now()) / 1000,
      title: recordingTitle(init.info.target.name, init.info.image),
    });
    const session = new Session({
      id,
      ...init,
      engine: this.engines.sessionEngine(engineName),
      idleTimeoutMs: this.options.idleTimeoutMs,
      log: this.log,
      recording,
      onEnded: (ended) => {
        this.options.onSessionEnded?.(this.describe(ended));
        this.ended();
      },
      onStateChange: (changed) => {
        if (this.sessions.get(changed.id) === changed) this.tell({ kind: 'changed', session: this.describe(changed) });
      },
      onLeftover: (sidecarId) => this.leftovers.add(engineName, sidecarId),
    });
    this.engineOf.set(session, engineName);
    this.recordingOf.set(session, recording);
    this.sessions.set(id, session);
    this.watchDeaths();
    this.tell({ kind: 'changed', session: this.describe(session) });
    return session;
  }

  private describe(session: Session): SessionDto {
    return { ...session.toJSON(), engine: this.engineOf.get(session) ?? this.engines.defaultName };
  }

  private tell(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private find(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new CdebugError('session_not_found', `No session has the id "${id.slice(0, 64)}": it may have been deleted.`);
    return session;
  }

  private refuseWhenClosing(): void {
    if (this.closing) throw new CdebugError('session_ended', 'The service is shutting down: no new sessions.');
  }

  /** listens for dying and killed containers on each engine while any session on it is live;
   * an event reaches only that engine's sessions (two engines may well run containers of one id) */
  private watchDeaths(): void {
    const live = new Set<string>();
    for (const s of this.sessions.values()) if (!s.isFinal) live.add(this.engineOf.get(s) ?? this.engines.defaultName);
    for (const [name, stop] of this.unwatch) {
      if (live.has(name)) continue;
      stop();
      this.unwatch.delete(name);
    }
    if (this.closing) return;
    for (const name of live) {
      if (this.unwatch.has(name)) continue;
      this.unwatch.set(
        name,
        this.engines.sessionEngine(name).watchDeaths((containerId, event) => this.containerEvent(name, containerId, event)),
      );
    }
  }

  private containerEvent(engineName: string, containerId: string, event: ContainerEvent): void {
    for (const s of this.sessions.values()) {
      if (this.engineOf.get(s) !== engineName) continue;
      if (event === 'die' && s.targetId === containerId) s.targetDied();
      else if (event === 'kill' && s.sidecarId === containerId) s.sidecarKilled();
    }
  }

  private ended(): void {
    const keep = this.options.keepEnded ?? 50;
    const ended = [...this.sessions.values()].filter((s) => s.isFinal);
    for (const s of ended.slice(0, Math.max(0, ended.length - keep))) {
      this.sessions.delete(s.id);
      this.forget(s);
      this.tell({ kind: 'removed', id: s.id });
    }
    this.watchDeaths();
  }

  /** the session is no longer kept: neither is its screen or its recording */
  private forget(session: Session): void {
    session.dispose();
    const recording = this.recordingOf.get(session);
    if (recording) this.recordings.forget(recording);
  }
}
