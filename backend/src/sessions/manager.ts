// The registry of sessions: creates them (answering at once what can be known at once),
// finds, lists and deletes them, routes target deaths to them, forgets old ended ones, and
// ends or releases them all at shutdown.

import {
  CdebugError,
  type CreateSessionRequest,
  DEFAULT_COLS,
  DEFAULT_ROWS,
  type Session as SessionDto,
} from '../contract/index.js';
import { newSessionId } from '../engine/debug.js';
import type { SidecarHandle } from '../engine/sidecar.js';
import type { Attachment, SessionClient } from './attachment.js';
import type { OwnedSidecar, SessionEngine } from './engine-port.js';
import { Session, type SessionLog, silentLog } from './session.js';
import { initialState } from './state.js';

export interface ManagerOptions {
  engine: SessionEngine;
  /** ends sessions that have had no client this long; 0 never */
  idleTimeoutMs: number;
  /** at shutdown, leave sidecars running for the next instance instead of ending them */
  keepOnShutdown?: boolean;
  /** how many ended sessions stay listed (with their last screen) */
  keepEnded?: number;
  log?: SessionLog;
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly engine: SessionEngine;
  private readonly log: SessionLog;
  private unwatch: (() => void) | null = null;
  private closing = false;

  constructor(private readonly options: ManagerOptions) {
    if (!Number.isFinite(options.idleTimeoutMs) || options.idleTimeoutMs < 0) {
      throw new RangeError('idleTimeoutMs must be a number of milliseconds, 0 or more');
    }
    this.engine = options.engine;
    this.log = options.log ?? silentLog;
  }

  /** checks the request and the target (coded errors, nothing started), then starts in the background */
  async create(request: CreateSessionRequest): Promise<SessionDto> {
    this.refuseWhenClosing();
    const id = newSessionId();
    const prepared = await this.engine.prepare(request, id);
    this.refuseWhenClosing();
    const session = this.add(id, {
      info: prepared.info,
      createdAt: new Date().toISOString(),
      size: { cols: request.cols ?? DEFAULT_COLS, rows: request.rows ?? DEFAULT_ROWS },
      state: initialState(prepared.imagePresent),
    });
    session.launch(prepared);
    return session.toJSON();
  }

  /** takes over a running sidecar found at start */
  adopt(owned: OwnedSidecar, handle: SidecarHandle, history: Uint8Array): Session {
    const session = this.add(owned.sessionId, {
      info: owned.info,
      createdAt: owned.createdAt,
      size: { cols: DEFAULT_COLS, rows: DEFAULT_ROWS },
      state: 'running',
    });
    session.adopt(handle, history);
    return session;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  get(id: string): SessionDto {
    return this.find(id).toJSON();
  }

  /** newest first */
  list(): SessionDto[] {
    return [...this.sessions.values()].reverse().map((s) => s.toJSON()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  attach(id: string, client: SessionClient): Attachment {
    return this.find(id).attach(client);
  }

  /** ends the session, removes its sidecar and forgets it; resolves when the sidecar is gone */
  async delete(id: string): Promise<void> {
    const session = this.find(id);
    this.sessions.delete(id);
    await session.end('deleted');
    session.dispose();
    this.watchDeaths();
  }

  /** ends every session (or releases them, when so configured); clients get close 1001 */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.unwatch?.();
    this.unwatch = null;
    const all = [...this.sessions.values()];
    await Promise.all(
      all.map((s) => {
        if (this.options.keepOnShutdown) s.release();
        else void s.end('shutdown');
        return s.finished;
      }),
    );
    for (const s of all) s.dispose();
    this.sessions.clear();
  }

  private add(id: string, init: Pick<ConstructorParameters<typeof Session>[0], 'info' | 'createdAt' | 'size' | 'state'>): Session {
    const session = new Session({
      id,
      ...init,
      engine: this.engine,
      idleTimeoutMs: this.options.idleTimeoutMs,
      log: this.log,
      onEnded: () => this.ended(),
    });
    this.sessions.set(id, session);
    this.watchDeaths();
    return session;
  }

  private find(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new CdebugError('session_not_found', `No session has the id "${id.slice(0, 64)}": it may have been deleted.`);
    return session;
  }

  private refuseWhenClosing(): void {
    if (this.closing) throw new CdebugError('session_ended', 'The service is shutting down: no new sessions.');
  }

  /** listens for dying containers while any session is live */
  private watchDeaths(): void {
    const live = [...this.sessions.values()].some((s) => !s.isFinal);
    if (live && !this.unwatch && !this.closing) {
      this.unwatch = this.engine.watchDeaths((containerId) => {
        for (const s of this.sessions.values()) if (s.targetId === containerId) s.targetDied();
      });
    } else if (!live && this.unwatch) {
      this.unwatch();
      this.unwatch = null;
    }
  }

  private ended(): void {
    const keep = this.options.keepEnded ?? 50;
    const ended = [...this.sessions.values()].filter((s) => s.isFinal);
    for (const s of ended.slice(0, Math.max(0, ended.length - keep))) {
      this.sessions.delete(s.id);
      s.dispose();
    }
    this.watchDeaths();
  }
}
