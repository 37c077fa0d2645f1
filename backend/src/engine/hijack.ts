// A hijacked HTTP connection to the engine (POST .../attach with Upgrade: tcp), sent with an
// empty body. docker-modem either writes the options as a JSON body, which can land in the
// container's stdin, or, when told to keep stdin open, never flushes the request at all.

import type { Duplex } from 'node:stream';
import type { Engine } from './connect.js';
import { engineRequest } from './engine-request.js';

export async function hijack(engine: Engine, path: string): Promise<Duplex> {
  const { endpoint, client, versionPrefix } = await engineRequest(engine);
  const options = {
    ...endpoint,
    method: 'POST',
    path: `${versionPrefix}${path}`,
    headers: { Connection: 'Upgrade', Upgrade: 'tcp', 'Content-Length': '0' },
  };
  return new Promise<Duplex>((resolve, reject) => {
    const req = client.request(options);
    req.once('upgrade', (_res, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let message = body;
        try {
          message = (JSON.parse(body) as { message?: string }).message ?? body;
        } catch {
          // plain text answer
        }
        reject(Object.assign(new Error(message.trim() || `HTTP ${res.statusCode}`), { statusCode: res.statusCode, json: { message } }));
      });
    });
    req.once('error', reject);
    req.end();
  });
}
