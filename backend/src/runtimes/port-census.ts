// The runtime port's census facet (a part of runtimes/port.ts, which re-exports it): every
// cdebug sidecar on one engine, whoever started it, for the terminal's `cdebug ps` and `kill`.

/** A sidecar of any owner (a service's, a `cdebug exec`'s), as `cdebug ps` lists them. */
export interface SidecarSummary {
  id: string;
  sessionId: string;
  /** its owner label: "cli:<host>:<pid>" or "service:..." */
  owner: string;
  targetId: string;
  image: string;
  running: boolean;
  createdAt: string;
  /** the privilege profile it carries as a label; null for one started before profiles */
  profile: string | null;
}

/** Every cdebug sidecar on one engine, whoever started it: for the terminal's `ps` and `kill`. */
export interface SidecarCensus {
  list(signal?: AbortSignal): Promise<SidecarSummary[]>;
  /** ends a sidecar as its session would (its processes first, then the container); gone already is fine */
  end(sidecarId: string): Promise<void>;
}
