// What the service exposes, and to whom: it binds loopback unless told otherwise (and then the
// token stays required), its unix socket is its owner's only, the extension publishes its port
// on 127.0.0.1 only, and the sidecar a session starts has exactly the contract's shape (the
// target's namespaces, one capability, no host path, no published port), whatever the request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routes } from '../../src/contract/index.js';
import { DEFAULT_HOST } from '../../src/cli/serve/serve.js';
import { listen } from '../../src/server/listen.js';
import { poll, sidecarsOf } from '../server/engine-fixtures.js';
import { dockerApp, testOwner } from '../server/live-service.js';
import { useHostileService } from './harness.js';
import { send } from './raw-http.js';

const h = useHostileService('exposure');
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function app(token = 'exposure-test-token-0123456789') {
  return dockerApp(testOwner('hostile-exposure-bind'), token, { reconcile: false });
}

describe('where the standalone service listens', () => {
  it(`defaults to ${DEFAULT_HOST}`, () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it.each(['0.0.0.0', '::', '[::]', '192.0.2.1', 'example.com'])('refuses to bind %s without allowRemote, and starts nothing', async (host) => {
    await expect(listen(app(), { tcp: { host, port: 0 } })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('binds any loopback address, and checks Host and token there too', async () => {
    const listening = await listen(app(), { tcp: { host: '127.0.0.2', port: 0 } });
    try {
      const port = listening.port as number;
      // standalone: no forward is reached by host name on the service's own port
      expect(listening.listeners).toEqual([{ kind: 'tcp', host: '127.0.0.2', port, remote: false, forwardsByHost: false, published: undefined }]);
      const res = await fetch(`http://127.0.0.2:${port}${routes.health}`);
      expect(res.status).toBe(401);
    } finally {
      await listening.close();
    }
  });

  it('binds every interface only when told to, and then still needs the token', async () => {
    const listening = await listen(app(), { tcp: { host: '0.0.0.0', port: 0, allowRemote: true } });
    try {
      const port = listening.port as number;
      expect(listening.listeners).toEqual([{ kind: 'tcp', host: '0.0.0.0', port, remote: true, forwardsByHost: false, published: undefined }]);
      expect((await send(port, { path: routes.health })).code).toBe('unauthorized');
      expect((await send(port, { path: routes.health, headers: { host: `some.name:${port}` } })).code).toBe('unauthorized');
      expect((await send(port, { path: routes.health, headers: { authorization: 'Bearer exposure-test-token-0123456789' } })).status).toBe(200);
    } finally {
      await listening.close();
    }
  });

  it('cannot be built without a token', () => {
    expect(() => app('')).toThrow(TypeError);
  });

  it('makes its unix socket readable and writable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdebug-exposure-'));
    dirs.push(dir);
    const listening = await listen(app(), { socketPath: join(dir, 'cdebug.sock') });
    try {
      expect(statSync(join(dir, 'cdebug.sock')).mode & 0o777).toBe(0o600);
    } finally {
      await listening.close();
    }
  });
});

describe('the extension', () => {
  it('publishes its port on 127.0.0.1 only, with no host network, no privilege and only the engine socket mounted', () => {
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yaml'), 'utf8')) as {
      services: Record<string, { ports?: string[]; network_mode?: string; privileged?: boolean; cap_add?: string[]; volumes?: string[]; pid?: string }>;
    };
    const services = Object.values(compose.services);
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      // the host's loopback only; the host port may be left to the engine (127.0.0.1::7681)
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:\d*:\d+$/);
      expect(service.network_mode).toBeUndefined();
      expect(service.privileged).not.toBe(true);
      expect(service.cap_add ?? []).toEqual([]);
      expect(service.pid).toBeUndefined();
      // the engine socket is the only host path; the audit trail's named volume holds nothing of the host's
      expect(service.volumes ?? []).toEqual(['/var/run/docker.sock.raw:/var/run/docker.sock', 'cdebug-state:/var/lib/cdebug']);
    }
  });
});

interface Inspected {
  HostConfig: {
    Binds: string[] | null;
    Mounts?: unknown[] | null;
    Privileged: boolean;
    CapAdd: string[] | null;
    PidMode: string;
    NetworkMode: string;
    PortBindings: Record<string, unknown> | null;
    Devices: unknown[] | null;
    UsernsMode: string;
    SecurityOpt: string[] | null;
  };
  Mounts: unknown[];
}

describe('the sidecar a session starts', () => {
  it.each([
    ['a plain session', {}],
    ['a session with every option the contract has', { cmd: ['sleep', '600'], env: { A: '1', PATH: '/evil' }, user: '0:0', cols: 100, rows: 30 }],
    ["a privileged session (the contract's one escalation)", { privileged: true }],
  ])('%s joins the target and nothing else: no host path, no port, no device', async (_what, extra: Record<string, unknown>) => {
    h.sessionsStarted = true;
    const session = await h.service.createSession({ target: h.target.name, ...extra });
    const [sidecar] = await poll(
      () => sidecarsOf(h.owner),
      (ids) => ids.length === 1,
      'the sidecar to exist',
    );
    const [info] = JSON.parse(execFileSync('docker', ['inspect', sidecar as string], { encoding: 'utf8' })) as Inspected[];
    const host = info!.HostConfig;
    expect(host.PidMode).toBe(`container:${h.target.id}`);
    expect(host.NetworkMode).toBe(`container:${h.target.id}`);
    expect(host.Binds ?? []).toEqual([]);
    expect(host.Mounts ?? []).toEqual([]);
    expect(info!.Mounts).toEqual([]);
    expect(host.PortBindings ?? {}).toEqual({});
    expect(host.Devices ?? []).toEqual([]);
    // privileged (the sysadmin profile) has every capability: nothing to add
    expect(host.CapAdd ?? []).toEqual(extra.privileged === true ? [] : ['SYS_PTRACE']);
    expect(host.Privileged).toBe(extra.privileged === true);
    expect(host.UsernsMode).not.toBe('host');
    expect((await h.service.session(session.id)).target.id).toBe(h.target.id);
  });
});
