// Port-forwards through the service (docs/PORT-FORWARD.md): typed calls, answers checked at the
// edge against the contract's schemas, as guards.ts does for the rest.

import { forwardRoutes, type ContainerPorts, type CreateForwardRequest, type Forward, type Result } from '@cdebug/contract';
import { ContainerPorts as ContainerPortsSchema, Forward as ForwardSchema } from '@cdebug/contract/schema';
import type { Host } from './host';
import { readAs } from './lenient';

export interface ForwardsApi {
  list: () => Promise<Result<Forward[]>>;
  create: (request: CreateForwardRequest) => Promise<Result<Forward>>;
  stop: (id: string) => Promise<Result<void>>;
  /** the container's listening TCP ports, to suggest */
  ports: (containerId: string, engine?: string) => Promise<Result<ContainerPorts>>;
}

function malformed<T>(what: string): Result<T> {
  return {
    ok: false,
    error: { code: 'internal', message: `The cdebug service answered ${what} in a form this page does not understand: reload the page, or update cdebug.` },
  };
}

function readForward(value: unknown, what: string): Result<Forward> {
  const forward = readAs(ForwardSchema, value);
  return forward === null ? malformed(what) : { ok: true, value: forward };
}

function readForwards(value: unknown, what: string): Result<Forward[]> {
  if (!Array.isArray(value)) return malformed(what);
  const list: Forward[] = [];
  for (const entry of value) {
    const forward = readAs(ForwardSchema, entry);
    if (forward === null) return malformed(what);
    list.push(forward);
  }
  return { ok: true, value: list };
}

export function forwardsApi(host: Host): ForwardsApi {
  return {
    async list() {
      const answer = await host.request('GET', forwardRoutes.forwards);
      return answer.ok ? readForwards(answer.value, `GET ${forwardRoutes.forwards}`) : answer;
    },
    async create(request) {
      const answer = await host.request('POST', forwardRoutes.forwards, request);
      return answer.ok ? readForward(answer.value, `POST ${forwardRoutes.forwards}`) : answer;
    },
    async stop(id) {
      const answer = await host.request('DELETE', forwardRoutes.forward(id));
      return answer.ok ? { ok: true, value: undefined } : answer;
    },
    async ports(containerId, engine) {
      const path = forwardRoutes.containerPorts(containerId, engine);
      const answer = await host.request('GET', path);
      if (!answer.ok) return answer;
      const ports = readAs(ContainerPortsSchema, answer.value);
      return ports === null ? malformed(`GET ${path}`) : { ok: true, value: ports };
    },
  };
}
