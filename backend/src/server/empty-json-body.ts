// A request that says `Content-Type: application/json` and sends nothing (a DELETE from a
// client that sets the header on every call, as a Docker Desktop extension's backend client
// may) carries no body, rather than being refused with Fastify's "Body cannot be empty": routes
// that need a body still refuse it through their schema. Anything else is parsed by Fastify's
// own JSON parser, with its defences against prototype poisoning.

import type { FastifyInstance } from 'fastify';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, undefined);
      return;
    }
    void strict(request, text, done);
  });
}
