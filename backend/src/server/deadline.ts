// A bound on how long one engine may take to answer a read: an engine that hangs (a remote
// host that drops packets) must not hold the answers of the others. At the deadline the read is
// aborted, not only left behind: the UI asks every few seconds, and each request left waiting
// on a hung engine would keep its connection open for as long as the engine stays silent.

import { setMaxListeners } from 'node:events';
import { CdebugError } from '../contract/index.js';

export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, late: () => CdebugError): Promise<T> {
  const aborter = new AbortController();
  // one signal for every request of a read (a list inspects each container at once, and each
  // request listens twice): past Node's default of 10 it warns of a leak at every poll
  setMaxListeners(0, aborter.signal);
  // a work that throws at once is a failed answer, not an exception with the timer left running
  const working = Promise.resolve().then(() => work(aborter.signal));
  // the losing side must not surface as an unhandled rejection
  working.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = late();
      reject(error);
      aborter.abort(error);
    }, ms);
  });
  return Promise.race([working, expired]).finally(() => clearTimeout(timer));
}

export function tooSlow(name: string, host: string, ms: number): () => CdebugError {
  return () =>
    new CdebugError(
      'engine_unreachable',
      `The engine "${name}" at ${host} did not answer within ${Math.round(ms / 1000)} s: check that it runs and is reachable.`,
    );
}
