// The engine calls a sidecar's life is made of: find the target, create, attach, wait, start,
// resize, end and remove the sidecar, pull a missing toolkit. One implementation, dockerode's;
// the interface is what the sidecar's life (sidecar.ts, wait.ts) is tested against. Failures
// carry the engine's status as `statusCode` and its words as `json.message` (errors.ts reads
// them); a socket's own failure comes as it was.

import type { Duplex, Readable } from 'node:stream';
import type { ContainerCreateOptions, ContainerInspectInfo } from 'dockerode';
import type { ImageRef, PullProgress } from '../../../contract/index.js';
import type { Engine } from './connect.js';
import { ensureImage } from './image.js';

export type WaitCondition = 'removed' | 'next-exit';

export interface AttachOptions {
  /** the command's stdin too, not only its output */
  stdin: boolean;
  /** the sequence that makes the engine cut the attach's input (sidecar.ts: DETACH_KEYS) */
  detachKeys: string;
}

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
  /** the hijacked attach connection: stdout and stderr, and stdin when asked */
  attach(id: string, options: AttachOptions): Promise<Duplex>;
  /** the wait's answer body, once the engine has taken the wait */
  wait(id: string, condition: WaitCondition): Promise<Readable>;
  /** makes sure the image is on the engine, pulling it when it is not */
  ensureImage(ref: ImageRef, onPull?: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void>;
}

/** what docker-modem's dial takes; its typings leave out hijack, file and the status table */
interface DialRequest {
  path: string;
  method: 'POST';
  isStream: true;
  hijack?: true;
  /** the request body as it is, instead of the options as JSON */
  file?: Buffer;
  statusCodes: Record<number, true | string>;
  options: Record<string, unknown>;
}

function dial<T>(engine: Engine, request: DialRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    // docker-modem fails with Errors; anything else is wrapped so that callers always get one
    engine.modem.dial(request, (err: unknown, result: unknown) =>
      err ? reject(err instanceof Error ? err : new Error('the engine request failed', { cause: err })) : resolve(result as T),
    );
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
    // dockerode's container.attach() cannot be used as it is: docker-modem writes the attach
    // options as a JSON body (or, with stdin, a chunked body's end), and Podman hands those
    // bytes to the command as its first input (apocas/dockerode#742, apocas/docker-modem#198,
    // open). Its own dial with an empty body (`file`) sends the same request without them.
    attach: (id, { stdin, detachKeys }) =>
      dial<Duplex>(engine, {
        path: `/containers/${encodeURIComponent(id)}/attach?`,
        method: 'POST',
        isStream: true,
        hijack: true,
        file: Buffer.alloc(0),
        // success is the switch to the raw stream (101), which never reaches the status table
        statusCodes: { 400: 'bad parameter', 404: 'no such container', 409: 'conflict', 500: 'server error' },
        options: { stream: true, stdout: true, stderr: true, stdin, detachKeys },
      }),
    // dockerode's container.wait() settles when the wait ends; the sidecar's start must wait
    // until the engine has taken the wait (a command that exits at once is not missed), which
    // is when the answer's head is in: the body, streamed, carries the exit
    wait: (id, condition) =>
      dial<Readable>(engine, {
        path: `/containers/${encodeURIComponent(id)}/wait?`,
        method: 'POST',
        isStream: true,
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
        options: { _query: { condition }, _body: {} },
      }),
    ensureImage: async (ref, onPull, signal) => {
      await ensureImage(engine, ref, onPull, signal);
    },
  };
}
