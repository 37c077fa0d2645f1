// Port-forwards: create (answers once the forward listens on the service's loopback), list,
// read one, delete; and a container's listening TCP ports, for a UI to suggest.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type ContainerPorts, type Forward, forwardRoutes } from '../../contract/index.js';
import { ContainerParams, CreateForwardRequest, EngineQuery, ForwardParams } from '../../contract/schema/index.js';
import type { ForwardRegistry } from '../../sessions/forward-registry.js';
import { routePlugin } from '../plugin.js';

export interface ForwardRoutesOptions {
  forwards: ForwardRegistry;
}

export const forwardRoutesPlugin = routePlugin((fastify: FastifyInstance, options: ForwardRoutesOptions) => {
  const { forwards } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(forwardRoutes.forwards, { schema: { body: CreateForwardRequest } }, async (request, reply): Promise<Forward> => {
    const forward = await forwards.create(request.body);
    void reply.code(201).header('Location', forwardRoutes.forward(forward.id));
    return forward;
  });

  app.get(forwardRoutes.forwards, (): Forward[] => forwards.list());

  app.get(`${forwardRoutes.forwards}/:id`, { schema: { params: ForwardParams } }, (request): Forward => forwards.get(request.params.id));

  app.delete(`${forwardRoutes.forwards}/:id`, { schema: { params: ForwardParams } }, async (request, reply) => {
    await forwards.delete(request.params.id);
    void reply.code(204);
  });

  app.get('/api/containers/:id/ports', { schema: { params: ContainerParams, querystring: EngineQuery } }, (request): Promise<ContainerPorts> =>
    forwards.ports(request.params.id, request.query.engine),
  );
});
