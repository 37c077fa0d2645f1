// An engine that takes connections and never answers (a remote host gone silent behind a NAT
// that still completes handshakes): each read gives up at its deadline and closes what it
// opened, so that a UI asking every few seconds does not pile up connections while it lasts.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEngineEntry } from '../../src/runtimes/docker/entry.js';
import { EnginePool } from '../../src/runtimes/pool.js';
import { engineStatuses, listContainers, toolkitsOn } from '../../src/server/engine-reads.js';

let server: Server;
let port: number;
const open = new Set<Socket>();
let accepted = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    accepted += 1;
    open.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => open.delete(socket));
    socket.resume(); // read the request, answer nothing
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of open) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an engine that never answers', () => {
  it('is reported unreachable at each deadline, and each read closes its connection', async () => {
    const pool = new EnginePool([dockerEngineEntry({ name: 'silent', url: `tcp://127.0.0.1:${port}` }, 'test:hung-engine', { env: {} })]);
    for (let round = 1; round <= 3; round++) {
      const [status] = await engineStatuses(pool, 200);
      expect(status).toMatchObject({ name: 'silent', reachable: false, error: { code: 'engine_unreachable' } });
      expect(status?.error?.message).toMatch(/did not answer within/);
      await expect(listContainers(pool, 'silent', 200)).rejects.toMatchObject({ code: 'engine_unreachable' });
      await expect(toolkitsOn(pool, 'silent', 200)).rejects.toMatchObject({ code: 'engine_unreachable' });
      // three reads went out this round; none is left waiting on the engine
      expect(accepted).toBeGreaterThanOrEqual(3 * round);
      await until(() => open.size === 0, `the connections of round ${round} to close (${open.size} open)`);
    }
  });
});
