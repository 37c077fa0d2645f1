// The host port the engine publishes this process's container port on (the extension's
// `127.0.0.1::7681`), asked of the engine once at start. Null when this process is not in a
// container of that engine, or the port is not published on loopback: the listener's own port
// is then the one clients use.

import { readFile } from 'node:fs/promises';
import { connectEndpoint } from '../api/connect.js';
import { resolveAddress } from '../entry.js';
import type { NamedEngine } from '../spec.js';
import { containerIdFromMountinfo, loopbackHostPort } from './own-container.js';

export type PublishedPort = { port: number; containerId: string } | { port: null; why: string };

export async function publishedLoopbackPort(address: NamedEngine, containerPort: number, env: NodeJS.ProcessEnv): Promise<PublishedPort> {
  let mountinfo: string;
  try {
    mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  } catch {
    return { port: null, why: 'no /proc/self/mountinfo' };
  }
  const containerId = containerIdFromMountinfo(mountinfo);
  if (!containerId) return { port: null, why: 'not running in a container' };
  try {
    const engine = connectEndpoint(resolveAddress(address, env));
    const info = await engine.getContainer(containerId).inspect();
    const port = loopbackHostPort(info.NetworkSettings?.Ports, containerPort);
    return port === null ? { port: null, why: `port ${containerPort}/tcp is not published on the host's loopback` } : { port, containerId };
  } catch (err) {
    return { port: null, why: `the engine did not describe container ${containerId.slice(0, 12)}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
