// The service and a container that does not run: POST makes a copy session (mode copy, the
// copy named), DELETE takes the copy and its committed image away, and so does a restart after
// a SIGKILL, whether the sidecar lived on (adopted, then ended) or went while the service was
// dead (swept at the start). Docker (integration) and Podman (integration-podman).

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { COPY_LABELS } from '../../src/sidecar/spec.js';
import { type ServiceProcess, startServiceProcess } from '../faults/service-process.js';
import { openAtPrompt } from '../faults/steps.js';
import { exitedOriginal, expectNoCopies, removeOriginals, snapshot } from '../helpers/originals.js';
import { sessionFilter } from '../kit/engine.js';
import { docker, expectNoSidecars, poll } from './engine-fixtures.js';
import type { TermClient } from './term-client.js';

const clients: TermClient[] = [];
const services: ServiceProcess[] = [];
const owners = new Set<string>();
const originals: string[] = [];

async function service(port?: number): Promise<ServiceProcess> {
  const s = await startServiceProcess(port === undefined ? {} : { port });
  services.push(s);
  owners.add(s.owner);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services.splice(0)) await s.kill('SIGTERM');
  for (const owner of owners) await expectNoSidecars(owner, originals);
  await expectNoCopies(originals.splice(0));
});
afterAll(removeOriginals);

const copiesOf = (id: string) => docker('ps', '-a', '-q', '--filter', `label=${COPY_LABELS.of}=${id}`);
const imagesOf = (id: string) => docker('images', '-q', '--filter', `label=${COPY_LABELS.of}=${id}`);

describe('a copy session in the service', () => {
  it('POST a stopped target gives mode copy; DELETE removes the copy and its image', async () => {
    const o = await exitedOriginal('svc', ['-e', 'MARK=from-the-original'], 'exit 5');
    originals.push(o.id);
    const before = await snapshot(o.id);
    const s = await service();
    const { session, client } = await openAtPrompt(s, o.name, clients);
    expect(session).toMatchObject({ mode: 'copy', target: { id: o.id, name: o.name }, copy: { name: expect.stringMatching(/-cdebug-copy-/) as unknown } });
    // the first line (wrapped at the terminal's width)
    await client.waitFor(
      (screen) => screen.replace(/\n/g, '').includes('exited (code 5): this shell runs in a copy of it; changes stay in the copy'),
      'the note',
    );
    client.type('echo "$MARK"\r');
    await client.waitFor(/^from-the-original\r?$/m, 'the original environment');
    const now = await s.session(session.id);
    expect(now.copy?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(copiesOf(o.id)).not.toBe('');
    expect(imagesOf(o.id)).not.toBe('');
    // the copy is no container to debug
    const listed = (await s.api<Array<{ id: string }>>('GET', routes.containers)).body;
    expect(listed.map((c) => c.id)).not.toContain(now.copy?.id);

    expect((await s.api('DELETE', routes.session(session.id))).status).toBe(204);
    await poll(
      () => copiesOf(o.id) + imagesOf(o.id),
      (left) => left === '',
      'the copy and its image removed',
    );
    expect(await snapshot(o.id)).toEqual(before);
  });

  it('after a SIGKILL, the restarted service takes the session over and removes the copy when it ends', async () => {
    const o = await exitedOriginal('svc-adopt', [], 'exit 1');
    originals.push(o.id);
    const first = await service();
    const { session } = await openAtPrompt(first, o.name, clients);
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    services.splice(services.indexOf(first), 1);

    const second = await service(first.port);
    const adopted = (await second.api<Session[]>('GET', routes.sessions)).body.find((x) => x.id === session.id);
    expect(adopted).toMatchObject({ state: 'running', mode: 'copy', target: { id: o.id } });
    expect(copiesOf(o.id)).not.toBe('');
    expect((await second.api('DELETE', routes.session(session.id))).status).toBe(204);
    await poll(
      () => copiesOf(o.id) + imagesOf(o.id),
      (left) => left === '',
      'the adopted copy removed',
    );
  });

  it('after a SIGKILL, a copy whose sidecar is gone is swept at the next start', async () => {
    const o = await exitedOriginal('svc-sweep', [], 'exit 1');
    originals.push(o.id);
    const first = await service();
    const { session } = await openAtPrompt(first, o.name, clients);
    await first.kill('SIGKILL');
    services.splice(services.indexOf(first), 1);
    // the sidecar goes while no service runs: its copy and image are left with no session
    docker('rm', '-f', docker('ps', '-a', '-q', '--no-trunc', '--filter', sessionFilter(session.id)));
    expect(copiesOf(o.id)).not.toBe('');

    const second = await service(first.port);
    await poll(
      () => copiesOf(o.id) + imagesOf(o.id),
      (left) => left === '',
      'the orphaned copy and image swept',
    );
    expect((await second.api<Session[]>('GET', routes.sessions)).body.map((x) => x.id)).not.toContain(session.id);
  });
});
