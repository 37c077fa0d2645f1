// A bound on how long one engine may take to answer a read: an engine that hangs (a remote
// host that drops packets) must not hold the answers of the others. The late answer is dropped.

import { CdebugError } from '../contract/index.js';

export function withDeadline<T>(work: Promise<T>, ms: number, late: () => CdebugError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  // the losing side must not surface as an unhandled rejection
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

export function tooSlow(name: string, host: string, ms: number): () => CdebugError {
  return () => new CdebugError('engine_unreachable', `The engine "${name}" at ${host} did not answer within ${Math.round(ms / 1000)} s: check that it runs and is reachable.`);
}
