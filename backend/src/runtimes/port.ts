// The runtime port: everything cdebug asks of "something that runs containers", in one place,
// so that sessions, the server and the CLI depend on this module and never on an engine's API.
// A runtime is two facets of one engine:
//   - its catalog, for the read-only routes: what it is, its running containers, its images
//     (the "list" of the issue);
//   - its session side: find and check a target (prepare, targetState), start a sidecar that
//     shares the target's namespaces (PreparedLaunch.launch), which hands back a small handle to
//     attach, resize, wait for and stop it (SidecarHandle), follow container events
//     (watchDeaths), and list and re-attach this owner's sidecars after a restart (listOwned,
//     adopt, history, remove).
// Two optional facets have files of their own, re-exported here: port-forwards.ts (bytes to a
// target's port through the engine) and port-census.ts (every sidecar, for `cdebug ps`/`kill`).
// Adapters: runtimes/docker/ (Docker and Podman), runtimes/containerd/, runtimes/cri/, picked by
// runtimes/adapters.ts. Unit tests wire in fakes, so that the registry, the lifecycle and flow
// control test without an engine.

import type { Readable } from 'node:stream';
import type {
  CdebugError,
  ContainerDetails,
  CreateSessionRequest,
  EngineInfo,
  ImageSummary,
  Profile,
  PullProgress,
  SessionMode,
  SessionTarget,
} from '../contract/index.js';
import type { ForwardEngine } from './port-forwards.js';

export type { ContainerPortsInfo, ForwardEngine, ForwardRequest, ForwardTunnel, TunnelConnection, TunnelEnd } from './port-forwards.js';
export type { SidecarCensus, SidecarSummary } from './port-census.js';

/**
 * What to run beside a target (the contract's fields for it: target, toolkit image, command,
 * user, privileges, environment), and how its command is attached: a session's or `cdebug exec`'s.
 */
export interface SidecarRequest extends Pick<
  CreateSessionRequest,
  'target' | 'image' | 'cmd' | 'user' | 'privileged' | 'env' | 'shell' | 'profile' | 'capAdd' | 'capDrop' | 'asImage' | 'rwVolumes'
> {
  /** a copy (or an image's container) stays, stopped, when the session ends: `cdebug exec --keep` */
  keep?: boolean | undefined;
  /** a pty: every session's command has one, `cdebug exec`'s with -t */
  tty: boolean;
  /** the command reads input */
  stdin: boolean;
  /** the input ends with its first client's (`cdebug exec -i`); a session takes clients one after another */
  stdinOnce: boolean;
  /** TERM for the command; null without a pty */
  term: string | null;
}

/** What a session shows about itself, known once the request is checked. */
export interface SessionInfo {
  /** what the user asked to debug (the original container, for a copy; the image, for an image) */
  target: SessionTarget;
  mode: SessionMode;
  /** the container the shell runs in when it is not the target (modes copy and image); its id
   * is filled in once the copy exists (launch), its name is known from the start */
  copy?: SessionTarget | undefined;
  image: string;
  cmd: string[];
  user: string | null;
  privileged: boolean;
  /** what its sidecar holds (absent: the default profile as it was, nothing added or dropped) */
  privileges?: SidecarPrivileges | undefined;
}

/** A sidecar's privileges: its profile, and the capabilities it was started with added and dropped
 * (the profile's with the user's on top, as sidecar/profiles.ts makes them). */
export interface SidecarPrivileges {
  profile: Profile;
  capAdd: string[];
  capDrop: string[];
}

/** How to start a prepared sidecar. Only the signal is always wanted: `cdebug exec` without a
 * terminal has no size, and it shows no pull progress and no "starting" phase. */
export interface LaunchOptions {
  /** the pty's size to start at (a session's; `cdebug exec -t`'s terminal's) */
  cols?: number | undefined;
  rows?: number | undefined;
  /** a missing toolkit image is being pulled */
  onPull?: ((progress: PullProgress) => void) | undefined;
  /** a pulled image's sidecar is being created */
  onStarting?: (() => void) | undefined;
  signal: AbortSignal;
}

/** How a sidecar's command ended: its exit status, or the engine lost track of it. */
export type SidecarExit = { kind: 'exited'; code: number } | { kind: 'lost'; error: CdebugError };

/** A started sidecar, as the session above it drives it (an adapter implements it). */
export interface SidecarHandle {
  readonly id: string;
  /** the pty's bytes with a tty; stdout otherwise */
  readonly output: Readable;
  /** stderr when there is no tty */
  readonly errors: Readable | null;
  write(data: Uint8Array): void;
  /** closes the command's stdin (the engine does so when the container has StdinOnce) */
  endInput(): void;
  resize(cols: number, rows: number): Promise<void>;
  /**
   * Call at the command's first output byte. The entry script sizes a pty the engine has not
   * sized yet to the launch size (CDEBUG_SIZE), and so may overwrite a newer size the engine
   * applied a moment before; it does so before anything is printed, so from the first byte on
   * the size is settled, and a newer size asked for until then is asked for again.
   */
  outputBegan(): void;
  /** settles once, when the command has ended and the sidecar is gone */
  readonly exit: Promise<SidecarExit>;
  /** undoes what the session planted, then kills and removes the sidecar; safe to call twice */
  stop(): Promise<void>;
}

/** A checked request whose target is running; nothing is started yet. */
export interface PreparedLaunch {
  info: SessionInfo;
  /** the toolkit image is on the engine already: no pull needed */
  imagePresent: boolean;
  /** pulls when needed and starts the sidecar; throws coded errors */
  launch(options: LaunchOptions): Promise<SidecarHandle>;
}

/** A sidecar carrying this runtime's owner label (a service's), found at start. */
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

/** The session side: a sidecar's life, from finding its target to re-attaching it after a restart. */
export interface SessionEngine {
  /** checks the request and resolves the target (coded errors: 4xx); starts nothing */
  prepare(request: SidecarRequest, sessionId: string): Promise<PreparedLaunch>;
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
  /** one path of the sidecar's target, read through the sidecar (coded errors: file_not_found, bad_request);
   * absent on an engine that cannot */
  readFile?(sidecarId: string, path: string): Promise<TargetFile>;
}

/** A target's file (its bytes) or directory (a tar of it), read through a session's sidecar. */
export interface TargetFile {
  kind: 'file' | 'directory';
  /** ends with an error when the read fails midway */
  stream: Readable;
}

/** A local image, as the toolkit list needs it. */
export interface LocalImage {
  /** "repo:tag" names; empty for dangling images */
  tags: string[];
  labels: Record<string, string>;
}

/** Which containers a list shows: the running ones, or every one in any state (created, exited, dead, restarting, paused). */
export type ContainerScope = 'running' | 'all';

/** A local image that can be debugged, as one engine describes it (the contract's item without its engine). */
export type ImageDetails = Omit<ImageSummary, 'engine'>;

/** What the read-only routes (health, containers, images, logs, toolkits) read. Each read stops,
 * its requests aborted, when `signal` aborts (a deadline passed). */
export interface CatalogEngine {
  describe(signal?: AbortSignal): Promise<EngineInfo>;
  /** containers that are not cdebug's own (sidecars, copies), newest first; running ones unless `scope` is 'all' */
  containers(signal?: AbortSignal, scope?: ContainerScope): Promise<ContainerDetails[]>;
  images(signal?: AbortSignal): Promise<LocalImage[]>;
  /** tagged local images that are not cdebug's own temporary ones, newest first */
  debuggableImages(signal?: AbortSignal): Promise<ImageDetails[]>;
  /** the last `tail` lines of a container's log, stdout and stderr as the engine interleaves them; target_not_found when there is no such container */
  logs(ref: string, tail: number, signal?: AbortSignal): Promise<string[]>;
  /** the engine's containers kept current by its event stream (absent: this engine is polled) */
  live?: LiveCatalogEngine;
}

/** What the live catalog hears from one engine's event stream. */
export interface ContainerWatch {
  /** the stream is open (again): events before it may have been missed, so list everything */
  onOpen(): void;
  /** a container (not cdebug's own) was created, started, stopped, renamed, paused...;
   * `destroyed`: it is gone, no need to inspect it */
  onChange(containerId: string, destroyed: boolean): void;
  /** the stream was lost (the engine stopped, the connection was cut); it is re-opened */
  onLost(error: CdebugError): void;
}

/** The reads a live catalog needs: one full list (at start and after a gap), one inspect per event. */
export interface LiveCatalogEngine {
  /** every container in every state, cdebug's own sidecars and copies left out */
  listAll(signal?: AbortSignal): Promise<ContainerDetails[]>;
  /** one container; null when it is gone or is cdebug's own */
  inspect(containerId: string, signal?: AbortSignal): Promise<ContainerDetails | null>;
  /** follows the engine's container events; returns the stop */
  watchContainers(watch: ContainerWatch): () => void;
}

/** The port: one engine, both facets (an adapter makes one from one connection). */
export interface Runtime {
  readonly catalog: CatalogEngine;
  readonly sessions: SessionEngine;
  /** absent on a runtime that cannot forward ports */
  readonly forwards?: ForwardEngine;
}
