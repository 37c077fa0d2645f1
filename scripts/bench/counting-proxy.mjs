// A unix-socket proxy in front of the engine's socket that counts the API requests through it
// (request lines, keep-alive included): what the benchmarks point a service's DOCKER_HOST at.
// The same as backend/test/kit/counting-proxy.ts, in plain JS for the bench runner.

import { rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g;

export async function countingProxy(socketPath, engineSocket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '')) {
  rmSync(socketPath, { force: true });
  const requests = [];
  const open = new Set();
  const server = createServer((client) => {
    const upstream = createConnection(engineSocket);
    open.add(client);
    const forget = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) requests.push(`${m[1]} ${m[2].replace(/^\/v\d+\.\d+/, '').replace(/\?.*$/, '')}`);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const s of [client, upstream]) {
      s.on('close', forget);
      s.on('error', forget);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return {
    url: `unix://${socketPath}`,
    socketPath,
    engineSocket,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
