// One error handler for the whole service: coded errors answer with the catalogue's status
// and `{"error": {"code", "message"}}`; Fastify's own errors (schema validation, body size,
// content type, bad JSON) are turned into coded ones; anything else is `internal`, logged,
// and its details kept out of the answer. And one 404 answer.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CdebugError, type ErrorBody } from '../contract/index.js';

export function toCdebugError(error: unknown): CdebugError {
  if (error instanceof CdebugError) return error;
  const e = error as Partial<FastifyError> & { validation?: unknown };
  if (e.validation) return new CdebugError('bad_request', `The request is not valid: ${e.message ?? 'see the API contract'}.`);
  switch (e.statusCode) {
    case 413:
      return new CdebugError('payload_too_large', 'The request body is too large.');
    case 415:
      return new CdebugError('bad_request', 'Send the body as JSON with "Content-Type: application/json".');
    case 429:
      return new CdebugError('too_many_requests');
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new CdebugError('bad_request', e.message || 'The request is not valid.');
  }
  return new CdebugError('internal', 'Something went wrong inside cdebug; the service log has the details.', { cause: error });
}

export function errorBody(error: CdebugError): ErrorBody {
  return { error: error.toInfo() };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const coded = toCdebugError(error);
  if (coded.code === 'internal') request.log.error({ err: error }, 'request failed');
  void reply.code(coded.status).type('application/json; charset=utf-8').send(errorBody(coded));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0] ?? '/';
  const error = new CdebugError('not_found', `No route ${request.method} ${path.slice(0, 200)}: see the API contract (/api/...).`);
  void reply.code(error.status).send(errorBody(error));
}
