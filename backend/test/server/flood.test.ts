// Flow control end to end: a command that floods the terminal cannot grow the service's
// memory when a client lags, and Ctrl-C still stops it and brings the prompt back.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { poll, sleep } from './engine-fixtures.js';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('flood');
const { targets, clients } = live;

// small scrollback: these clients live in the service's process, whose memory is measured
const SMALL = { scrollback: 50 };

async function shell() {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name });
  const client = await TermClient.open(live.service.wsUrl(session.id), SMALL);
  clients.push(client);
  await client.waitFor(/#$/, 'the prompt');
  return { session, client };
}

/** Ctrl-C, then wait until the output stops and a fresh prompt answers a command */
async function interrupt(client: TermClient): Promise<void> {
  client.type('\x03');
  let last = -1;
  await poll(
    async () => {
      await sleep(300);
      const now = client.received;
      const still = now === last;
      last = now;
      return still;
    },
    (still) => still,
    'the flood to stop after Ctrl-C',
    30_000,
  );
  client.type('echo after-flood-$((2+3))\r');
  await client.waitFor(/^after-flood-5$/m, 'the prompt to come back after Ctrl-C', 30_000);
}

// a real collection before each reading, so that garbage does not count as growth
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retained = () => {
  gc();
  const m = process.memoryUsage();
  // external includes the Buffers
  return m.external + m.heapUsed;
};

describe('flood', () => {
  it('Ctrl-C ends `cat /dev/urandom | base64` and the prompt comes back', async () => {
    const { client } = await shell();
    client.type('cat /dev/urandom | base64\r');
    await poll(
      () => client.received,
      (n) => n > 5_000_000,
      'a few MB of flood',
      60_000,
    );
    await interrupt(client);
  });

  it('a client that stops reading holds the flood back instead of filling memory', async () => {
    const { client } = await shell();
    const other = await TermClient.open(live.service.wsUrl((await live.service.api<Session[]>('GET', routes.sessions)).body[0]!.id), SMALL);
    clients.push(other);
    await other.waitFor(/#$/, 'the prompt on the reading client');
    const before = retained();
    // this client's socket stops reading: its TCP window fills, then the service's buffer
    const raw = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    other.type('yes 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r');
    await sleep(5000); // unchecked, the engine would push some 40 MB in this time
    const grown = retained() - before;
    // the other client got about what the stalled one's socket buffers could hold: the
    // stream is paused, and the service holds on to little (unchecked: some 250 MB here)
    expect(other.received).toBeLessThan(16 * 1024 * 1024);
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    raw.resume();
    await interrupt(other);
    await client.waitFor(/^after-flood-5$/m, 'the stalled client catching up', 60_000);
  });
});
