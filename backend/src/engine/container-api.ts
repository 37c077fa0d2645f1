// The engine calls a sidecar's life is made of: find the target, create, attach, wait, start,
// resize, end and remove the sidecar, pull a missing toolkit. Two implementations: dockerode's
// (dockerodeApi below: the service, and ssh:// engines) and cdebug's own client (wire/api.ts:
// `cdebug exec` on unix and tcp engines, where dockerode's load time is most of the CLI's own
// cost). Failures carry the engine's status as `statusCode` and its words as `json.message`
// (errors.ts reads them); a socket's own failure comes as it was.

import type { Duplex, Readable } from 'node:stream';
import type { ContainerCreateOptions, ContainerInspectInfo } from 'dockerode';
import type { ImageRef, PullProgress } from '../contract/index.js';
import type { Engine } from './connect.js';
import { hijack } from './hijack.js';
import { ensureImage } from './image.js';

export type WaitCondition = 'removed' | 'next-exit';

export interface ContainerApi {
  inspect(ref: string): Promise<ContainerInspectInfo>;
  /** the new container's id */
  create(name: string | undefined, body: Omit<ContainerCreateOptions, 'name'>): Promise<string>;
  start(id: string): Promise<void>;
  resize(id: string, cols: number, rows: number): Promise<void>;
  /** kills and removes */
  remove(id: string): Promise<void>;
  /** starts a command in the container without attaching to it */
  execDetached(id: string, cmd: string[], user: string): Promise<void>;
  /** the hijacked attach connection (`query` without the leading ?) */
  attach(id: string, query: string): Promise<Duplex>;
  /** the wait's answer body, once the engine has taken the wait */
  wait(id: string, condition: WaitCondition): Promise<Readable>;
  /** makes sure the image is on the engine, pulling it when it is not */
  ensureImage(ref: ImageRef, onPull?: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void>;
}

function dial(engine: Engine, options: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    engine.modem.dial(options as never, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result)));
  });
}

export function dockerodeApi(engine: Engine): ContainerApi {
  return {
    inspect: (ref) => engine.getContainer(ref).inspect(),
    async create(name, body) {
      // docker-modem sends a plain options object as the body and, whole, as the query string
      // too (some 30 KB with the entry script): _query and _body keep the name in the query only
      const container = await engine.createContainer({ _query: name ? { name } : {}, _body: body } as ContainerCreateOptions);
      return container.id;
    },
    start: async (id) => {
      await engine.getContainer(id).start();
    },
    resize: async (id, cols, rows) => {
      await engine.getContainer(id).resize({ w: cols, h: rows });
    },
    remove: async (id) => {
      await engine.getContainer(id).remove({ force: true });
    },
    async execDetached(id, cmd, user) {
      const exec = await engine.getContainer(id).exec({ Cmd: cmd, AttachStdout: false, AttachStderr: false, User: user });
      // dockerode hands back the (empty) response unread: read it, or its socket never goes back
      // to the pool and keeps the process alive (a service would not exit after SIGTERM)
      const response = (await exec.start({ Detach: true })) as Readable | undefined;
      response?.resume?.();
    },
    attach: (id, query) => hijack(engine, `/containers/${encodeURIComponent(id)}/attach?${query}`),
    wait: async (id, condition) =>
      (await dial(engine, {
        path: `/containers/${id}/wait?`,
        method: 'POST',
        isStream: true,
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
        options: { _query: { condition }, _body: {} },
      })) as Readable,
    ensureImage: async (ref, onPull, signal) => {
      await ensureImage(engine, ref, onPull, signal);
    },
  };
}
