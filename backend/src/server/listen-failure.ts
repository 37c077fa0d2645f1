// What to tell someone whose `cdebug serve` could not listen: the system's error code alone
// (EADDRINUSE, EACCES) says what happened, not what to do. Pure.

import { CdebugError } from '../contract/index.js';

export type ListenTarget = { path: string; folderExists: boolean } | { host: string; port: number };

export function listenFailure(target: ListenTarget, err: NodeJS.ErrnoException): CdebugError {
  const code = err.code ?? err.message;
  const fail = (message: string) => new CdebugError('bad_request', message, { cause: err });
  if ('path' in target) {
    const where = `Cannot listen on ${target.path}`;
    // Node says EACCES for a folder that does not exist, too
    if (!target.folderExists) return fail(`${where}: its folder does not exist. Create it first, or choose another --socket path.`);
    if (code === 'EACCES' || code === 'EPERM')
      return fail(`${where}: no permission to create a socket in its folder (${code}). Choose a --socket path you can write to.`);
    return fail(`${where}: ${code}.`);
  }
  const where = `Cannot listen on ${target.host}:${target.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return fail(`${where}: the port is in use (another cdebug serve?). Give another --port, or --port 0 for a free one.`);
    case 'EACCES':
    case 'EPERM':
      return fail(`${where}: ports below 1024 need privileges here (${code}). Give a --port above 1023, or --port 0 for a free one.`);
    case 'EADDRNOTAVAIL':
      return fail(`${where}: ${target.host} is not an address of this machine (EADDRNOTAVAIL). Give --host 127.0.0.1, or one of its own addresses.`);
    default:
      return fail(`${where}: ${code}.`);
  }
}
