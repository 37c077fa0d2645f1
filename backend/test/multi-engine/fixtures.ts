// Targets and sidecar checks on a private engine, as engine-fixtures.ts has them for the shared
// one. Targets carry CDEBUG_WHERE in their environment, which a session inherits: a shell that
// prints it proves which engine's container it runs in.

import { FIXTURE_IMAGE, poll } from '../server/engine-fixtures.js';
import type { PrivateEngine } from '../helpers/private-engine.js';

/** the engines these work on: a private one, or any other reached with its own `docker` */
export type DockerCli = Pick<PrivateEngine, 'docker'>;

export async function startTargetOn(engine: DockerCli, where: string): Promise<{ id: string; name: string }> {
  const name = `cdebug-me-${process.pid}-${Date.now().toString(36)}`;
  const id = await engine.docker(
    'run',
    '-d',
    '--network',
    'none',
    '--label',
    'io.cdebug.fixture=1',
    '-e',
    `CDEBUG_WHERE=${where}`,
    '--name',
    name,
    FIXTURE_IMAGE,
  );
  await poll(
    () => engine.docker('logs', id),
    (logs) => logs.includes('cdebug fixture target ready'),
    `target ${name} on the private engine to be ready`,
  );
  return { id, name };
}

/** this owner's sidecars on the private engine */
export async function privateSidecars(engine: DockerCli, owner: string): Promise<string[]> {
  const out = await engine.docker('ps', '-aq', '--filter', 'label=io.cdebug.session', '--filter', `label=io.cdebug.owner=${owner}`);
  return out.split('\n').filter(Boolean);
}
