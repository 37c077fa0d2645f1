// Steps every fault test repeats: open a session to its prompt, prove a fresh session still
// works end to end, and check that the service answers its health route.

import { expect } from 'vitest';
import { type Health, routes, type Session } from '../../src/contract/index.js';
import { poll } from '../server/engine-fixtures.js';
import { TermClient } from '../server/term-client.js';
import type { ServiceProcess } from './service-process.js';

export interface Opened {
  session: Session;
  client: TermClient;
}

/** a session on the target, attached, at its prompt; the client is pushed to `clients` for clean-up */
export async function openAtPrompt(service: ServiceProcess, target: string, clients: TermClient[]): Promise<Opened> {
  const session = await service.createSession({ target });
  const client = await TermClient.open(service.wsUrl(session.id));
  clients.push(client);
  await client.waitFor(/# ?$/, 'the prompt');
  return { session, client };
}

/** a new session on the target answers a command, then DELETE removes it */
export async function expectSessionWorks(service: ServiceProcess, target: string, clients: TermClient[], marker: string): Promise<void> {
  const { session, client } = await openAtPrompt(service, target, clients);
  client.type(`echo ${marker}-$((6*7))\r`);
  await client.waitFor(new RegExp(`^${marker}-42$`, 'm'), `the output of a command in a fresh session (${marker})`);
  expect((await service.api('DELETE', routes.session(session.id))).status).toBe(204);
  expect(await client.closed).toBe(1000);
}

export async function expectHealthy(service: ServiceProcess): Promise<void> {
  const health = await service.api<Health>('GET', routes.health);
  expect([health.status, health.body.ok], `health: ${JSON.stringify(health.body)}`).toEqual([200, true]);
}

/** the session reached a final state */
export function ended(service: ServiceProcess, id: string, what: string): Promise<Session> {
  return poll(
    () => service.session(id),
    (s) => s.state === 'exited' || s.state === 'failed',
    what,
    30_000,
  );
}
