// The live catalog as a pure state machine: what each engine's containers are, as its event
// stream and its full lists say, and the frames (`GET /api/events` deltas) each step produces.
// The I/O around it (streams, lists, inspects) is catalog.ts's.

import type { ContainerDetails, EngineInfo, EngineStatus, ErrorInfo, LiveEvent } from '../../contract/index.js';

export interface EngineView {
  status: EngineStatus;
  containers: ReadonlyMap<string, ContainerDetails>;
  /** a full list has been taken since the stream last opened: events keep it exact */
  current: boolean;
}

export type CatalogState = ReadonlyMap<string, EngineView>;

export type CatalogInput =
  /** the stream opened and a full list was taken: this is now everything */
  | { kind: 'listed'; engine: string; info: EngineInfo; containers: ContainerDetails[] }
  /** an event's inspect */
  | { kind: 'upserted'; engine: string; container: ContainerDetails }
  | { kind: 'removed'; engine: string; id: string }
  /** the stream was lost: the containers stay as last seen, but are no longer current */
  | { kind: 'down'; engine: string; error: ErrorInfo }
  /** something was missed (an inspect failed): a full list must follow */
  | { kind: 'stale'; engine: string };

export interface Step {
  state: CatalogState;
  frames: LiveEvent[];
}

/** the engines in the service's order, none reached yet */
export function initialCatalog(engines: { name: string; host: string; default: boolean }[]): CatalogState {
  const waiting: ErrorInfo = { code: 'engine_unreachable', message: 'The service has not reached this engine yet.' };
  return new Map(engines.map((e) => [e.name, { status: { ...e, reachable: false, engine: null, error: waiting }, containers: new Map(), current: false }]));
}

const same = (a: ContainerDetails, b: ContainerDetails | undefined) => b !== undefined && JSON.stringify(a) === JSON.stringify(b);

export function reduceCatalog(state: CatalogState, input: CatalogInput): Step {
  const view = state.get(input.engine);
  if (!view) return { state, frames: [] };
  const engine = input.engine;
  const put = (next: EngineView) => new Map(state).set(engine, next);
  switch (input.kind) {
    case 'listed': {
      const containers = new Map(input.containers.map((c) => [c.id, c]));
      const frames: LiveEvent[] = [];
      const status: EngineStatus = { name: view.status.name, host: view.status.host, default: view.status.default, reachable: true, engine: input.info };
      if (!view.status.reachable || JSON.stringify(view.status.engine) !== JSON.stringify(input.info)) frames.push({ type: 'engine_changed', engine: status });
      for (const id of view.containers.keys()) if (!containers.has(id)) frames.push({ type: 'container_removed', engine, id });
      for (const c of input.containers) if (!same(c, view.containers.get(c.id))) frames.push({ type: 'container_upserted', container: { ...c, engine } });
      return { state: put({ status, containers, current: true }), frames };
    }
    case 'upserted': {
      if (same(input.container, view.containers.get(input.container.id))) return { state, frames: [] };
      const containers = new Map(view.containers).set(input.container.id, input.container);
      return { state: put({ ...view, containers }), frames: [{ type: 'container_upserted', container: { ...input.container, engine } }] };
    }
    case 'removed': {
      if (!view.containers.has(input.id)) return { state, frames: [] };
      const containers = new Map(view.containers);
      containers.delete(input.id);
      return { state: put({ ...view, containers }), frames: [{ type: 'container_removed', engine, id: input.id }] };
    }
    case 'down': {
      const status: EngineStatus = {
        name: view.status.name,
        host: view.status.host,
        default: view.status.default,
        reachable: false,
        engine: null,
        error: input.error,
      };
      const changed = view.status.reachable || view.status.error?.message !== input.error.message;
      return { state: put({ ...view, status, current: false }), frames: changed ? [{ type: 'engine_changed', engine: status }] : [] };
    }
    case 'stale':
      return { state: put({ ...view, current: false }), frames: [] };
  }
}

/** newest first, as `GET /api/containers` answers */
export function containersOf(state: CatalogState, engine?: string): (ContainerDetails & { engine: string })[] {
  const views = engine === undefined ? [...state.entries()] : [...state.entries()].filter(([name]) => name === engine);
  return views
    .flatMap(([name, view]) => [...view.containers.values()].map((c) => ({ ...c, engine: name })))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name) || a.engine.localeCompare(b.engine));
}
