// The owner labels that tests look for on sidecars, made by the code that makes them for the
// service (sessions/owner.ts), so that a test finds exactly its own service's sidecars.

import { hostname } from 'node:os';
import { serviceOwner } from '../../src/sessions/owner.js';

/** the label of `cdebug serve --host 127.0.0.1 --port PORT` run as process `pid` (port 0: the pid tells runs apart) */
export function loopbackServeOwner(port: number, pid: number): string {
  return serviceOwner(hostname(), { tcp: { host: '127.0.0.1', port } }, pid);
}
