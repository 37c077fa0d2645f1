// The runtime port's port-forwarding facet (a part of runtimes/port.ts, which re-exports it):
// bytes to a port inside a target's network namespace through the engine's own API, never a
// published port. An adapter that cannot forward leaves Runtime.forwards out.

import type { Duplex } from 'node:stream';
import type { SessionTarget } from '../contract/index.js';

/** One connection through the engine to a port inside a target's network namespace. */
export interface TunnelConnection {
  /** the bytes both ways: ending its writable side half-closes the remote connection, its
   * readable side ends when the remote side has closed; it honours backpressure both ways */
  readonly stream: Duplex;
  /** nothing listened there (known once `stream` has ended) */
  refused(): boolean;
}

/** What a forward reaches: `remoteHost` resolves inside the target's network namespace. */
export interface ForwardRequest {
  target: string;
  remoteHost: string;
  remotePort: number;
  /** names the helper, for its labels */
  forwardId: string;
}

/** Why a tunnel can carry no more connections. */
export type TunnelEnd = 'closed' | 'target_stopped' | 'helper_gone';

/** A started forward's way into the target: a helper in its network namespace. */
export interface ForwardTunnel {
  readonly target: SessionTarget;
  /** one new connection to the remote port; throws a coded error when the engine refuses */
  connect(): Promise<TunnelConnection>;
  /** settles once, when the tunnel ends (closed here, its target stopped, its helper gone) */
  readonly ended: Promise<TunnelEnd>;
  /** removes the helper (and with it every connection); safe to call twice */
  close(): Promise<void>;
}

/** A container's TCP ports: those a process listens on, and those its image EXPOSEs. */
export interface ContainerPortsInfo {
  target: SessionTarget;
  listening: Array<{ address: string; port: number }>;
  exposed: number[];
}

/** Port forwarding: bytes through the engine's own API, never a published port. */
export interface ForwardEngine {
  /** checks that the target runs (coded errors: 4xx) and starts its helper */
  open(request: ForwardRequest): Promise<ForwardTunnel>;
  /** what listens in the target's network namespace, read from /proc/net/tcp{,6} */
  ports(target: string): Promise<ContainerPortsInfo>;
  /** removes this owner's forward helpers left by an earlier run */
  removeLeftovers(): Promise<void>;
}
