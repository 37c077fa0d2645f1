// Does the engine still take new connections? Asked over a connection of its own, never one
// from the keep-alive pool: a dockerd that is shutting down closes its listener first (new
// connections are refused at once) while it goes on serving the connections already open, so
// a pooled connection would get an answer from an engine that is on its way out.

import type { Engine } from './connect.js';
import { engineRequest } from './engine-request.js';

const PROBE_TIMEOUT_MS = 3000;

/** true when a fresh connection gets an answer to GET /_ping (any HTTP answer counts) */
export async function engineAnswers(engine: Engine, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const { endpoint, client, viaAgent } = await engineRequest(engine);
  if (viaAgent) {
    // ssh:// and TLS without verification are reached only through dockerode's agent: ask
    // through it (a connection of our own would miss the tunnel or fail the certificate check)
    return engine.ping().then(
      () => true,
      () => false,
    );
  }
  const options = { ...endpoint, method: 'GET', path: '/_ping', agent: false, timeout: timeoutMs };
  return new Promise<boolean>((resolve) => {
    const req = client.request(options, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(false));
    req.end();
  });
}
