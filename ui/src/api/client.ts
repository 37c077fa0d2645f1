// The typed API the UI uses, whichever host it runs in. Components and hooks see only this
// interface (through ApiContext); the two hosts differ only in how a request and a socket URL are
// made (see host.ts), so routes and answer validation live here, once.

import {
  routes,
  type ContainerLogs,
  type ContainerSummary,
  type CreateSessionRequest,
  type EngineStatus,
  type Health,
  type ImageSummary,
  type Result,
  type Session,
  type Toolkit,
} from '@cdebug/contract';
import {
  readContainerLogs,
  readContainers,
  readEngines,
  readFileLink,
  readHealth,
  readImages,
  readSession,
  readSessions,
  readToolkits,
  type Reader,
} from './guards';
import type { FileDelivery, Host, ToastLevel } from './host';
import { forwardsApi, type ForwardsApi } from './forwards';

export type { ToastLevel } from './host';
import { type AttachHandle, type AttachHandlers, openAttachSocket } from './socket';
import { type EventHandlers, type EventsHandle, openEventSocket } from './events';

export type { AttachClose, AttachHandle, AttachHandlers } from './socket';

export interface CdebugApi {
  health: () => Promise<Result<Health>>;
  /** the running containers of every engine; with `all`, stopped ones too */
  containers: (options?: { all?: boolean }) => Promise<Result<ContainerSummary[]>>;
  /** the local images of every engine that can be debugged */
  images: () => Promise<Result<ImageSummary[]>>;
  /** a container's last log lines (50), on its engine (the default one when absent) */
  containerLogs: (id: string, engine?: string) => Promise<Result<ContainerLogs>>;
  /** the engines the service drives, each with whether it answers */
  engines: () => Promise<Result<EngineStatus[]>>;
  /** toolkits for sessions on `engine` (its local images count); the default engine's when absent */
  toolkits: (engine?: string) => Promise<Result<Toolkit[]>>;
  sessions: () => Promise<Result<Session[]>>;
  session: (id: string) => Promise<Result<Session>>;
  createSession: (request: CreateSessionRequest) => Promise<Result<Session>>;
  deleteSession: (id: string) => Promise<Result<void>>;
  attach: (id: string, handlers: AttachHandlers) => AttachHandle;
  /** the session's recording so far, as asciicast v2 text */
  recording: (id: string) => Promise<Result<string>>;
  /** one path of a running session's target (a directory as a tar): its bytes, or a one-time link where the host carries no bytes */
  file?: (id: string, path: string) => Promise<Result<FileDelivery>>;
  /** the live state (a snapshot, then deltas); absent: the page polls (a host or fake without it) */
  readonly events?: (handlers: EventHandlers) => EventsHandle;
  /** the host's own notifications (Docker Desktop's toasts); absent where the page shows its own */
  readonly toast?: (level: ToastLevel, message: string) => void;
  /** opens a link from the terminal in the user's browser */
  openExternal: (url: string) => void;
  /** which host answers: only the theme provider cares (Desktop supplies its own theme) */
  readonly host: Host['kind'];
  /** port-forwards (absent in fakes that do not need them) */
  readonly forwards?: ForwardsApi;
}

export function createApi(host: Host): CdebugApi {
  async function read<T>(method: 'GET' | 'POST', path: string, reader: Reader<T>, body?: unknown): Promise<Result<T>> {
    const answer = await host.request(method, path, body);
    return answer.ok ? reader(answer.value, `${method} ${path}`) : answer;
  }

  return {
    host: host.kind,
    openExternal: (url) => {
      if (/^https?:\/\//i.test(url)) host.openExternal(url);
    },
    ...(host.toast ? { toast: host.toast } : {}),
    health: () => read('GET', routes.health, readHealth),
    containers: (options) => read('GET', options?.all === true ? routes.allContainers : routes.containers, readContainers),
    images: () => read('GET', routes.images, readImages),
    containerLogs: (id, engine) => read('GET', routes.containerLogs(id, { engine }), readContainerLogs),
    engines: () => read('GET', routes.engines, readEngines),
    toolkits: (engine) => read('GET', engine ? routes.toolkitsOn(engine) : routes.toolkits, readToolkits),
    sessions: () => read('GET', routes.sessions, readSessions),
    session: (id) => read('GET', routes.session(id), readSession),
    createSession: (request) => read('POST', routes.sessions, readSession, request),
    async deleteSession(id) {
      const answer = await host.request('DELETE', routes.session(id));
      return answer.ok ? { ok: true, value: undefined } : answer;
    },
    attach: (id, handlers) => openAttachSocket(() => host.socketUrl(routes.attach(id)), handlers),
    recording: (id) => host.requestText(routes.recording(id)),
    async file(id, path) {
      if (host.requestBytes) {
        const bytes = await host.requestBytes(routes.files(id, path));
        return bytes.ok ? { ok: true, value: { kind: 'bytes', file: bytes.value } } : bytes;
      }
      const link = await read('POST', routes.fileLink(id), readFileLink, { path });
      return link.ok ? { ok: true, value: { kind: 'link', url: link.value.url } } : link;
    },
    forwards: forwardsApi(host),
    events: (handlers) => openEventSocket(() => host.socketUrl(routes.events), handlers),
  };
}
