// Churn: 300 create -> type -> delete cycles, then 50 sessions open at once. Afterwards no
// sidecar of the service is left, and its open file descriptors and resident memory are back
// within a small bound of where they were after a warm-up. The figures are printed; only bounds
// that a busy 2-core machine cannot trip are asserted (no timings).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { expectNoSidecars, poll, sidecarsOf, Targets } from '../server/engine-fixtures.js';
import { TermClient } from '../server/term-client.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

const CYCLES = 300;
/** cycles run in this many lanes at once, each lane one cycle after another */
const LANES = 4;
const WARM_UP = 6;
const AT_ONCE = 50;
/** descriptors: a few may be in flux (a pooled engine connection, a log write) */
const FD_SLACK = 10;
/** resident memory, start to end: the heap grows to a steady size over the first hundred or so
 * cycles (measured: 68-95 MiB after the warm-up, 110-150 MiB later, flat over 600 cycles) */
const RSS_SLACK_MIB = 128;
/** ... and over the second half of the cycles, where it is steady; any one reading is off by
 * up to some 25 MiB depending on when V8 last collected, so this only catches a leak of half a
 * MiB a session or more */
const RSS_STEADY_SLACK_MIB = 64;

const targets = new Targets();
let service: ServiceProcess;
let targetNames: string[] = [];

beforeAll(async () => {
  service = await startServiceProcess();
  targetNames = (await Promise.all([0, 1, 2].map(() => targets.start()))).map((t) => t.name);
});
afterAll(async () => {
  if (service) {
    for (const s of (await service.api<Session[]>('GET', routes.sessions)).body) await service.api('DELETE', routes.session(s.id));
    await service.kill('SIGTERM');
    await expectNoSidecars(service.owner);
  }
  targets.removeAll();
});

/** one session to its prompt; the caller types and deletes */
async function open(target: string): Promise<{ id: string; client: TermClient }> {
  const session = await service.createSession({ target });
  const client = await TermClient.open(service.wsUrl(session.id), { scrollback: 100 });
  await client.waitFor(/# ?$/, 'the prompt', 60_000);
  return { id: session.id, client };
}

async function typeAndCheck(client: TermClient, n: number): Promise<void> {
  client.type(`echo churn-${n}-$((${n}+1))\r`);
  await client.waitFor(new RegExp(`^churn-${n}-${n + 1}$`, 'm'), `the answer of cycle ${n}`, 60_000);
}

async function remove(id: string, client: TermClient): Promise<void> {
  try {
    const res = await service.api('DELETE', routes.session(id));
    expect(res.status).toBe(204);
    expect(await client.closed).toBe(1000);
  } finally {
    client.dispose();
  }
}

async function cycle(n: number): Promise<void> {
  const { id, client } = await open(targetNames[n % targetNames.length] as string);
  try {
    await typeAndCheck(client, n);
  } catch (err) {
    client.dispose();
    throw err;
  }
  await remove(id, client);
}

interface Figures {
  fds: number;
  rssMiB: number;
}

function measure(): Figures {
  return { fds: service.fds(), rssMiB: Math.round(service.rssKiB() / 102.4) / 10 };
}

/** descriptors settle once pooled engine connections time out (Node's agent: 5 s idle; measured:
 * back to the start or below 5-6 s after the last session): waits for that, then reads */
function settledFds(start: number): Promise<number> {
  return poll(
    () => service.fds(),
    (n) => n <= start,
    'the open descriptors to settle',
    15_000,
  ).catch(() => service.fds());
}

describe('churn', () => {
  it(`${CYCLES} create -> type -> delete cycles, then ${AT_ONCE} sessions at once: nothing left, descriptors and memory back`, async () => {
    for (let i = 0; i < WARM_UP; i++) await cycle(10_000 + i);
    await expectNoSidecars(service.owner);
    const start = measure();

    /** cycles from..to-1, LANES at a time */
    const lanes = (from: number, to: number) => {
      let next = from;
      const lane = async () => {
        while (next < to) await cycle(next++);
      };
      return Promise.all(Array.from({ length: LANES }, lane));
    };
    await lanes(0, CYCLES / 2);
    const half = measure();
    await lanes(CYCLES / 2, CYCLES);
    await expectNoSidecars(service.owner);
    const afterCycles = { ...measure(), fds: await settledFds(start.fds) };

    const opened = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => open(targetNames[i % targetNames.length] as string)));
    expect(sidecarsOf(service.owner)).toHaveLength(AT_ONCE);
    const peak = measure();
    await Promise.all(opened.map(({ client }, i) => typeAndCheck(client, 1000 + i)));
    await Promise.all(opened.map(({ id, client }) => remove(id, client)));
    await expectNoSidecars(service.owner);
    expect((await service.api<Session[]>('GET', routes.sessions)).body).toEqual([]);
    const end = { ...measure(), fds: await settledFds(start.fds) };

    console.log(
      [
        `churn figures (service pid ${service.pid}):`,
        '  phase                          fds   RSS MiB',
        `  after ${WARM_UP} warm-up cycles          ${String(start.fds).padStart(4)}   ${start.rssMiB}`,
        `  after ${CYCLES / 2} cycles                ${String(half.fds).padStart(4)}   ${half.rssMiB}`,
        `  after ${CYCLES} cycles (${LANES} lanes)     ${String(afterCycles.fds).padStart(4)}   ${afterCycles.rssMiB}`,
        `  ${AT_ONCE} sessions open at once       ${String(peak.fds).padStart(4)}   ${peak.rssMiB}`,
        `  after all ${AT_ONCE} deleted             ${String(end.fds).padStart(4)}   ${end.rssMiB}`,
        `  sidecars left: ${sidecarsOf(service.owner).length}`,
      ].join('\n'),
    );
    expect(afterCycles.fds).toBeLessThanOrEqual(start.fds + FD_SLACK);
    expect(end.fds).toBeLessThanOrEqual(start.fds + FD_SLACK);
    expect(end.rssMiB).toBeLessThanOrEqual(start.rssMiB + RSS_SLACK_MIB);
    expect(afterCycles.rssMiB).toBeLessThanOrEqual(half.rssMiB + RSS_STEADY_SLACK_MIB);
    expect(sidecarsOf(service.owner)).toEqual([]);
  }, 300_000);
});
