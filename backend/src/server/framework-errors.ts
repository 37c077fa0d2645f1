// Requests that Fastify answers before any hook runs: a path with a malformed %-escape
// (FST_ERR_BAD_URL) or a path parameter longer than the router takes (FST_ERR_MAX_PARAM_LENGTH).
// Left to Fastify they would skip the guard (no Host, Origin or token check) and answer in
// Fastify's own shape with a 414; here they pass the guard first, like every other request,
// then get the contract's `bad_request`.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CdebugError } from '../contract/index.js';
import { errorHandler } from './errors.js';
import { securityHeaders } from './guard.js';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

function refusal(error: FastifyError): CdebugError {
  return new CdebugError(
    'bad_request',
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the path is too long: no id or name is that long.'
      : 'The path is not a valid URL: it has a malformed %-escape.',
  );
}

export function frameworkErrors(guard: Guard) {
  return function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    void (async () => {
      try {
        securityHeaders(request, reply);
        await guard(request, reply);
        throw refusal(error);
      } catch (err) {
        errorHandler(err, request, reply);
      }
    })();
  };
}
