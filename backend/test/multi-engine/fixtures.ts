// Targets and sidecar checks on a private engine, as engine-fixtures.ts has them for the shared
// one. Targets carry CDEBUG_WHERE in their environment, which a session inherits: a shell that
// prints it proves which engine's container it runs in.

import type { PrivateEngine } from '../helpers/private-engine.js';
import { ownerFilter, sessionFilter, startFixtureTarget } from '../kit/engine.js';

/** the engines these work on: a private one, or any other reached with its own `docker` */
export type DockerCli = Pick<PrivateEngine, 'docker'>;

/** a running fixture target on `engine`, with CDEBUG_WHERE=`where`; `tag` goes in its name */
export async function startTargetOn(engine: DockerCli, where: string, tag = 'me'): Promise<{ id: string; name: string }> {
  const name = `cdebug-${tag}-${process.pid}-${Date.now().toString(36)}`;
  const id = await startFixtureTarget(engine, { name, extra: ['-e', `CDEBUG_WHERE=${where}`] });
  return { id, name };
}

/** this owner's sidecars on the private engine */
export async function privateSidecars(engine: DockerCli, owner: string): Promise<string[]> {
  const out = await engine.docker('ps', '-aq', '--filter', sessionFilter(), '--filter', ownerFilter(owner));
  return out.split('\n').filter(Boolean);
}
