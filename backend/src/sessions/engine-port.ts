// What the session manager needs from the container engine, and nothing more. The service
// wires in the Docker implementation (docker-engine.ts); unit tests wire in a fake, so that
// the registry, the lifecycle and flow control are tested without an engine.

import type { CreateSessionRequest, PullProgress, SessionTarget } from '../contract/index.js';
import type { SidecarHandle } from '../engine/sidecar.js';

/** What a session shows about itself, known once the request is checked. */
export interface SessionInfo {
  target: SessionTarget;
  image: string;
  cmd: string[];
  user: string | null;
  privileged: boolean;
}

export interface LaunchOptions {
  cols: number;
  rows: number;
  onPull: (progress: PullProgress) => void;
  onStarting: () => void;
  signal: AbortSignal;
}

/** A checked request whose target is running; nothing is started yet. */
export interface PreparedLaunch {
  info: SessionInfo;
  /** the toolkit image is on the engine already: no pull needed */
  imagePresent: boolean;
  /** pulls when needed and starts the sidecar; throws coded errors */
  launch(options: LaunchOptions): Promise<SidecarHandle>;
}

/** A sidecar carrying this service's owner label, found at start. */
export interface OwnedSidecar {
  id: string;
  sessionId: string;
  running: boolean;
  info: SessionInfo;
  createdAt: string;
}

export type TargetState = 'running' | 'stopped' | 'gone';

/** What the engine reports about a container's end: it died, or someone sent it a signal. */
export type ContainerEvent = 'die' | 'kill';

export interface SessionEngine {
  /** checks the request and resolves the target (coded errors: 4xx); starts nothing */
  prepare(request: CreateSessionRequest, sessionId: string): Promise<PreparedLaunch>;
  /** this service's sidecars from an earlier run */
  listOwned(): Promise<OwnedSidecar[]>;
  /** re-attaches to a running sidecar with a tty */
  adopt(sidecarId: string): Promise<SidecarHandle>;
  /** the sidecar's output so far (raw pty bytes), to refill an adopted session's screen */
  history(sidecarId: string): Promise<Uint8Array>;
  /** removes a sidecar that no session holds; gone already is fine */
  remove(sidecarId: string): Promise<void>;
  targetState(targetId: string): Promise<TargetState>;
  /** true when a new connection to the engine gets an answer (an engine shutting down refuses them) */
  answers(): Promise<boolean>;
  /** calls back with a container id whenever a container dies or is sent a signal (by anyone,
   * cdebug included); returns the unsubscribe */
  watchDeaths(onEvent: (containerId: string, event: ContainerEvent) => void): () => void;
}
