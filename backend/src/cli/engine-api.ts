// The engine calls `cdebug exec` makes, and over what: cdebug's own client for unix sockets and
// tcp (with or without TLS), where dockerode and node:http would be most of the command's own
// start-up time; dockerode for ssh://, whose agent keeps its ssh processes alive across calls.
// dockerode is loaded only when it is used (ssh, or a toolkit image to pull).

import { readFileSync } from 'node:fs';
import { CdebugError } from '../contract/index.js';
import type { ContainerApi } from '../engine/container-api.js';
import { engineAddress } from '../engine/endpoints/address.js';
import type { EngineEndpoint } from '../engine/endpoints/types.js';
import { extraCaBundle, restoreExtraCa } from './extra-ca.js';

async function dockerodeFor(endpoint: EngineEndpoint, env: NodeJS.ProcessEnv): Promise<ContainerApi> {
  const { connectEndpoint } = await import('../engine/connect.js');
  const { dockerodeApi } = await import('../engine/container-api.js');
  const engine = connectEndpoint(endpoint);
  restoreExtraCa(engine, env);
  return dockerodeApi(engine);
}

export async function openContainerApi(endpoint: EngineEndpoint, env: NodeJS.ProcessEnv): Promise<ContainerApi> {
  const address = engineAddress(endpoint);
  if (!address.ok) throw new CdebugError(address.error.code, address.error.message);
  const { wireContainerApi } = await import('../engine/wire/open.js');
  let slow: Promise<ContainerApi> | null = null;
  const wire = wireContainerApi(address.value, {
    readFile: (path) => readFileSync(path),
    defaultCa: () => extraCaBundle(env),
    slowPath: () => (slow ??= dockerodeFor(endpoint, env)),
  });
  if (!wire.ok) throw new CdebugError(wire.error.code, wire.error.message);
  return wire.value ?? dockerodeFor(endpoint, env);
}
