import type { Socket } from 'node:net';
import { PassThrough, Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../contract/index.js';
import type { ForwardEngine, ForwardRequest, ForwardTunnel, TunnelEnd } from '../runtimes/port.js';
import { ForwardRegistry, MAX_FORWARDS, type ForwardEngines } from './forward-registry.js';
import { PortForward } from './port-forward.js';

interface FakeTunnel extends ForwardTunnel {
  end(why: TunnelEnd): void;
  closed: boolean;
}

function fakeEngine() {
  const opened: Array<{ request: ForwardRequest; tunnel: FakeTunnel }> = [];
  let leftoversRemoved = 0;
  const engine: ForwardEngine = {
    async open(request) {
      if (request.target === 'stopped') throw new CdebugError('target_not_running', 'Container "stopped" is exited, not running.');
      let settle: (end: TunnelEnd) => void = () => undefined;
      const tunnel: FakeTunnel = {
        closed: false,
        target: { id: `${request.target}-id`, name: request.target },
        ended: new Promise((r) => (settle = r)),
        end: (why) => settle(why),
        async connect() {
          return { stream: Duplex.from({ readable: new PassThrough(), writable: new PassThrough() }), refused: () => false };
        },
        async close() {
          tunnel.closed = true;
          settle('closed');
        },
      };
      opened.push({ request, tunnel });
      return tunnel;
    },
    async ports() {
      return {
        target: { id: 't-id', name: 't' },
        listening: [
          { address: '127.0.0.1', port: 8080 },
          { address: '::', port: 80 },
        ],
        exposed: [8080, 443],
      };
    },
    async removeLeftovers() {
      leftoversRemoved++;
    },
  };
  return { engine, opened, leftovers: () => leftoversRemoved };
}

function registry(entries: Array<{ name: string; forwards?: ForwardEngine }>) {
  const engines: ForwardEngines = {
    defaultName: entries[0]?.name ?? 'default',
    entry(name) {
      const found = entries.find((e) => e.name === (name ?? this.defaultName));
      if (!found) throw new CdebugError('engine_not_found', `No engine named ${name}`);
      return found;
    },
    entries: () => entries,
  };
  return new ForwardRegistry(engines, (local, open) => PortForward.start(local, open));
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('ForwardRegistry', () => {
  it('starts a forward on 127.0.0.1 with a free port, reaching 127.0.0.1 in the target by default', async () => {
    const { engine, opened } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    const forward = await forwards.create({ target: 'web', remotePort: 8080 });
    expect(forward).toMatchObject({
      engine: 'default',
      localAddress: '127.0.0.1',
      remoteHost: '127.0.0.1',
      remotePort: 8080,
      target: { name: 'web' },
      bytesIn: 0,
    });
    expect(forward.localPort).toBeGreaterThan(0);
    expect(opened[0]?.request).toMatchObject({ target: 'web', remoteHost: '127.0.0.1', remotePort: 8080, forwardId: forward.id });
    expect(forwards.list().map((f) => f.id)).toEqual([forward.id]);
    await forwards.shutdown();
  });

  it('gives each forward the URL the service offers it at (its loopback listener by default), and splices connections only into live ones', async () => {
    const { engine } = fakeEngine();
    const plain = await registry([{ name: 'default', forwards: engine }]).create({ target: 'web', remotePort: 80 });
    expect(plain.url).toBe(`http://127.0.0.1:${plain.localPort}/`);

    const engines: ForwardEngines = { defaultName: 'default', entry: () => ({ name: 'default', forwards: engine }), entries: () => [] };
    const byName = new ForwardRegistry(
      engines,
      (local, open) => PortForward.start(local, open),
      undefined,
      (f) => `http://f-${f.id}.localhost:55001/`,
    );
    const forward = await byName.create({ target: 'web', remotePort: 80 });
    expect(forward.url).toBe(`http://f-${forward.id}.localhost:55001/`);
    expect(byName.list()[0]?.url).toBe(forward.url);
    const socket = () => new Duplex({ read: () => undefined, write: (_c, _e, cb) => cb() }) as unknown as Socket;
    expect(byName.splice('ffffffffffffffff', socket())).toBe(false);
    await byName.delete(forward.id);
    expect(byName.splice(forward.id, socket())).toBe(false);
    await byName.shutdown();
  });

  it('drops a forward whose target stopped, and closes it', async () => {
    const { engine, opened } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    const forward = await forwards.create({ target: 'web', remotePort: 80 });
    opened[0]?.tunnel.end('target_stopped');
    await tick();
    expect(forwards.list()).toEqual([]);
    expect(opened[0]?.tunnel.closed).toBe(true);
    expect(() => forwards.get(forward.id)).toThrow(expect.objectContaining({ code: 'forward_not_found' }));
  });

  it('deletes one, and says forward_not_found for an unknown id', async () => {
    const { engine, opened } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    const forward = await forwards.create({ target: 'web', remotePort: 80 });
    await forwards.delete(forward.id);
    expect(opened[0]?.tunnel.closed).toBe(true);
    await expect(forwards.delete(forward.id)).rejects.toMatchObject({ code: 'forward_not_found' });
  });

  it('passes the engine’s refusal on, and keeps nothing', async () => {
    const { engine } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    await expect(forwards.create({ target: 'stopped', remotePort: 80 })).rejects.toMatchObject({ code: 'target_not_running' });
    expect(forwards.list()).toEqual([]);
  });

  it('picks the named engine, refuses an unknown one and one that cannot forward', async () => {
    const a = fakeEngine();
    const b = fakeEngine();
    const forwards = registry([{ name: 'a', forwards: a.engine }, { name: 'b', forwards: b.engine }, { name: 'plain' }]);
    const forward = await forwards.create({ target: 'web', remotePort: 80, engine: 'b' });
    expect([forward.engine, a.opened.length, b.opened.length]).toEqual(['b', 0, 1]);
    await expect(forwards.create({ target: 'web', remotePort: 80, engine: 'nope' })).rejects.toMatchObject({ code: 'engine_not_found' });
    await expect(forwards.create({ target: 'web', remotePort: 80, engine: 'plain' })).rejects.toMatchObject({ code: 'bad_request' });
    await forwards.shutdown();
  });

  it('merges listening and exposed ports, once each, ascending', async () => {
    const { engine } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    expect((await forwards.ports('t')).ports).toEqual([80, 443, 8080]);
  });

  it('closes every forward at shutdown and refuses new ones after', async () => {
    const { engine, opened } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    await forwards.create({ target: 'a', remotePort: 1 });
    await forwards.create({ target: 'b', remotePort: 2 });
    await forwards.shutdown();
    expect(opened.map((o) => o.tunnel.closed)).toEqual([true, true]);
    await expect(forwards.create({ target: 'c', remotePort: 3 })).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses a forward past MAX_FORWARDS', async () => {
    const { engine } = fakeEngine();
    const forwards = registry([{ name: 'default', forwards: engine }]);
    for (let i = 0; i < MAX_FORWARDS; i++) await forwards.create({ target: `t${i}`, remotePort: 80 });
    await expect(forwards.create({ target: 'one-more', remotePort: 80 })).rejects.toMatchObject({ code: 'too_many_requests' });
    await forwards.shutdown();
  });

  it('asks every engine that forwards to remove its leftovers', async () => {
    const a = fakeEngine();
    const b = fakeEngine();
    await registry([{ name: 'a', forwards: a.engine }, { name: 'plain' }, { name: 'b', forwards: b.engine }]).removeLeftovers();
    expect([a.leftovers(), b.leftovers()]).toEqual([1, 1]);
  });
});
