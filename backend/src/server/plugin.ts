// Route plugins register their routes synchronously: they have nothing to await, yet Fastify
// must still see a promise. Its loader awaits a plugin's promise and turns a rejection (a
// duplicate route, say) into a registration error that app.ready() reports, whereas a plain
// function that throws would throw out of the loader and take the process down.

import type { FastifyInstance, FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/** a synchronous route plugin, with the promise contract Fastify expects of a plugin */
export function routePlugin<O extends FastifyPluginOptions>(register: (app: FastifyInstance, options: O) => void): FastifyPluginAsync<O> {
  // a throw inside the executor rejects the promise, as it would in an async function
  return (app, options) =>
    new Promise<void>((resolve) => {
      register(app, options);
      resolve();
    });
}
