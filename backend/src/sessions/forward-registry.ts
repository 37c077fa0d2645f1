// The service's port-forwards: started on its loopback only, listed with their byte counts,
// ended on DELETE, when their target stops (or their helper goes), and at shutdown. Each
// engine's forward helpers from an earlier run of this service are removed at start.

import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { CdebugError, type ContainerPorts, type CreateForwardRequest, type Forward, forwardUrl } from '../contract/index.js';
import type { ForwardEngine } from '../runtimes/port.js';
import { DEFAULT_REMOTE_HOST, type PortForward } from './port-forward.js';

/** what the registry needs of the service's engines (EnginePool has it) */
export interface ForwardEngines {
  readonly defaultName: string;
  entry(name?: string): { readonly name: string; readonly forwards?: ForwardEngine | undefined };
  entries(): Array<{ readonly name: string; readonly forwards?: ForwardEngine | undefined }>;
}

interface Log {
  warn(obj: unknown, msg?: string): void;
}

interface Entry {
  id: string;
  engine: string;
  forward: PortForward;
  remoteHost: string;
  remotePort: number;
  createdAt: string;
}

/** the service listens for forwards here only: a forward is for this machine's browser */
export const FORWARD_LISTEN_ADDRESS = '127.0.0.1';

/** each forward is a listener and a helper container: a token holder may not open them without end */
export const MAX_FORWARDS = 64;

export class ForwardRegistry {
  private readonly forwards = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly engines: ForwardEngines,
    private readonly start: (local: { address: string; port: number }, open: () => ReturnType<ForwardEngine['open']>) => Promise<PortForward>,
    private readonly log?: Log,
    /** where a browser on the user's machine opens a forward (the service knows its listeners); default its loopback listener */
    private readonly urlOf: (forward: { id: string; localPort: number }) => string = forwardUrl,
  ) {}

  private forwardEngine(name: string | undefined): { name: string; forwards: ForwardEngine } {
    const entry = this.engines.entry(name ?? this.engines.defaultName);
    if (!entry.forwards) throw new CdebugError('bad_request', `The engine "${entry.name}" cannot forward ports.`);
    return { name: entry.name, forwards: entry.forwards };
  }

  async create(request: CreateForwardRequest): Promise<Forward> {
    if (this.closed) throw new CdebugError('internal', 'The service is shutting down.');
    if (this.forwards.size >= MAX_FORWARDS)
      throw new CdebugError('too_many_requests', `At most ${MAX_FORWARDS} port-forwards run at once: stop one (DELETE /api/forwards/:id) first.`);
    const { name, forwards } = this.forwardEngine(request.engine);
    const id = randomBytes(8).toString('hex');
    const remoteHost = request.remoteHost ?? DEFAULT_REMOTE_HOST;
    const forward = await this.start({ address: FORWARD_LISTEN_ADDRESS, port: 0 }, () =>
      forwards.open({ target: request.target, remoteHost, remotePort: request.remotePort, forwardId: id }),
    );
    const entry: Entry = { id, engine: name, forward, remoteHost, remotePort: request.remotePort, createdAt: new Date().toISOString() };
    if (this.closed) {
      await forward.close();
      throw new CdebugError('internal', 'The service is shutting down.');
    }
    this.forwards.set(id, entry);
    // its target stopped or its helper went: the forward goes too
    void forward.tunnel.ended.then(async (end) => {
      if (end === 'closed' || this.forwards.get(id) !== entry) return;
      this.forwards.delete(id);
      await forward.close().catch((err: unknown) => this.log?.warn({ err, forward: id }, 'closing an ended forward failed'));
    });
    return this.view(entry);
  }

  list(): Forward[] {
    return [...this.forwards.values()].map((e) => this.view(e)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): Forward {
    return this.view(this.entry(id));
  }

  /** a connection that named this forward on the service's own port (server/host-router.ts); false: no such forward */
  splice(id: string, socket: Socket): boolean {
    const entry = this.forwards.get(id);
    return entry !== undefined && entry.forward.adopt(socket);
  }

  async delete(id: string): Promise<void> {
    const entry = this.entry(id);
    this.forwards.delete(id);
    await entry.forward.close();
  }

  async ports(target: string, engine?: string): Promise<ContainerPorts> {
    const { forwards } = this.forwardEngine(engine);
    const found = await forwards.ports(target);
    const ports = [...new Set([...found.listening.map((s) => s.port), ...found.exposed])].sort((a, b) => a - b);
    return { ...found, ports };
  }

  /** each engine's helpers from an earlier run; an engine that does not answer is skipped */
  async removeLeftovers(): Promise<void> {
    const removals: Array<Promise<void>> = [];
    for (const { name, forwards } of this.engines.entries()) {
      if (!forwards) continue;
      removals.push(forwards.removeLeftovers().catch((err: unknown) => this.log?.warn({ err, engine: name }, 'removing forward leftovers failed')));
    }
    await Promise.all(removals);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    const all = [...this.forwards.values()];
    this.forwards.clear();
    await Promise.all(all.map((e) => e.forward.close().catch(() => undefined)));
  }

  private entry(id: string): Entry {
    const entry = this.forwards.get(id);
    if (!entry) throw new CdebugError('forward_not_found', `No port-forward has the id "${id.slice(0, 64)}": list them with GET /api/forwards.`);
    return entry;
  }

  private view(entry: Entry): Forward {
    return { ...fields(entry), url: this.urlOf({ id: entry.id, localPort: entry.forward.localPort }) };
  }
}

function fields(entry: Entry): Omit<Forward, 'url'> {
  const { forward } = entry;
  return {
    id: entry.id,
    engine: entry.engine,
    target: forward.tunnel.target,
    localAddress: forward.localAddress,
    localPort: forward.localPort,
    remoteHost: entry.remoteHost,
    remotePort: entry.remotePort,
    bytesIn: forward.counters.bytesIn,
    bytesOut: forward.counters.bytesOut,
    connections: forward.counters.connections,
    accepted: forward.counters.accepted,
    createdAt: entry.createdAt,
  };
}
