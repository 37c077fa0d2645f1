// A unix-socket proxy in front of an engine's socket that counts the API requests passing
// through it (the request lines, keep-alive and all) and can cut the event streams it carries,
// as an engine restart or a dropped connection would. Tests and benchmarks point a service's
// DOCKER_HOST at it to see what the service asks of the engine.

import { rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';

export interface EngineRequest {
  method: string;
  /** without the API version prefix: "/containers/json", "/events" */
  path: string;
}

export interface CountingProxy {
  /** `unix://...`, for DOCKER_HOST */
  readonly url: string;
  /** every request seen so far, in order */
  readonly requests: readonly EngineRequest[];
  /** the requests from here on */
  mark(): () => EngineRequest[];
  /** ends every connection that carries an event stream (the service sees the stream end) */
  cutEventStreams(): number;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g;

/** the method and path of each request line in a chunk a client sent */
export function requestLines(chunk: string): EngineRequest[] {
  return [...chunk.matchAll(REQUEST_LINE)].map((m) => ({ method: m[1] ?? '', path: (m[2] ?? '').replace(/^\/v\d+\.\d+/, '').replace(/\?.*$/, '') }));
}

export async function countingProxy(socketPath: string, engineSocket = '/var/run/docker.sock'): Promise<CountingProxy> {
  rmSync(socketPath, { force: true });
  const requests: EngineRequest[] = [];
  const streams = new Set<Socket>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(engineSocket);
    open.add(client);
    const forget = () => {
      open.delete(client);
      streams.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      const lines = requestLines(chunk.toString('latin1'));
      requests.push(...lines);
      if (lines.some((r) => r.path === '/events')) streams.add(client);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('error', forget);
    upstream.on('error', forget);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return {
    url: `unix://${socketPath}`,
    requests,
    mark() {
      const from = requests.length;
      return () => requests.slice(from);
    },
    cutEventStreams() {
      const cut = [...streams];
      for (const socket of cut) socket.destroy();
      return cut.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
