import { describe, expect, it } from 'vitest';
import { contextId } from './contexts.js';
import { listContexts, normalizeHost, resolveEndpoint, resolveEndpoints } from './resolve.js';
import { memoryFiles } from './store.js';

const meta = (name: string, host: string) => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

// HOME=/h: the store is /h/.docker
const store = (current?: string, extra: Record<string, string> = {}) =>
  memoryFiles({
    ...(current ? { '/h/.docker/config.json': JSON.stringify({ currentContext: current }) } : {}),
    [`/h/.docker/contexts/meta/${contextId('podman')}/meta.json`]: meta('podman', 'unix:///run/podman.sock'),
    [`/h/.docker/contexts/meta/${contextId('remote')}/meta.json`]: meta('remote', 'tcp://10.0.0.9:2376'),
    ...extra,
  });
const HOME = { HOME: '/h' };

function resolved(...args: Parameters<typeof resolveEndpoint>) {
  const r = resolveEndpoint(...args);
  if (!r.ok) throw new Error(`expected an endpoint: ${r.error.message}`);
  return r.value;
}

describe('resolveEndpoint: the docker CLI precedence', () => {
  const env = { ...HOME, DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'remote' };

  it('--host first', () => {
    expect(resolved({ host: 'unix:///flag.sock' }, env, store('podman'))).toEqual({ name: 'default', host: 'unix:///flag.sock', source: 'flag' });
  });

  it('--context next, over DOCKER_HOST, DOCKER_CONTEXT and the current context', () => {
    expect(resolved({ context: 'podman' }, env, store('remote'))).toEqual({ name: 'podman', host: 'unix:///run/podman.sock', source: 'flag' });
  });

  it('refuses --host and --context together, as the docker CLI does', () => {
    const r = resolveEndpoint({ host: 'unix:///a.sock', context: 'podman' }, HOME, store());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/--host or --context, not both/);
  });

  it('then DOCKER_HOST, over DOCKER_CONTEXT and the current context', () => {
    expect(resolved({}, env, store('podman'))).toEqual({ name: 'default', host: 'unix:///env.sock', source: 'env' });
  });

  it('then DOCKER_CONTEXT, over the current context', () => {
    expect(resolved({}, { ...HOME, DOCKER_CONTEXT: 'podman' }, store('remote'))).toMatchObject({ name: 'podman', source: 'env' });
  });

  it("then config.json's currentContext, found under DOCKER_CONFIG when it is set", () => {
    expect(resolved({}, HOME, store('remote'))).toEqual({ name: 'remote', host: 'tcp://10.0.0.9:2376', source: 'context' });
    const elsewhere = memoryFiles({
      '/cfg/config.json': '{"currentContext":"p2"}',
      [`/cfg/contexts/meta/${contextId('p2')}/meta.json`]: meta('p2', 'unix:///p2.sock'),
    });
    expect(resolved({}, { ...HOME, DOCKER_CONFIG: '/cfg' }, elsewhere)).toMatchObject({ name: 'p2', host: 'unix:///p2.sock' });
  });

  it('then the default socket', () => {
    expect(resolved({}, HOME, store())).toEqual({ name: 'default', host: 'unix:///var/run/docker.sock', source: 'default' });
  });

  it('"default" as a context is DOCKER_HOST or the default socket, never a stored context', () => {
    expect(resolved({ context: 'default' }, { ...HOME, DOCKER_HOST: 'tcp://h:1' }, store())).toEqual({ name: 'default', host: 'tcp://h:1', source: 'flag' });
    expect(resolved({}, { ...HOME, DOCKER_CONTEXT: 'default' }, store('podman'))).toMatchObject({ host: 'unix:///var/run/docker.sock' });
  });

  it('an empty DOCKER_HOST or DOCKER_CONTEXT counts as unset', () => {
    expect(resolved({}, { ...HOME, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, store('podman'))).toMatchObject({ name: 'podman' });
  });

  it('says which context is missing, wherever it was named', () => {
    for (const [selection, env] of [
      [{ context: 'gone' }, HOME],
      [{}, { ...HOME, DOCKER_CONTEXT: 'gone' }],
      [{}, HOME],
    ] as const) {
      const r = resolveEndpoint(selection, env, store('gone'));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('"gone"') as unknown });
    }
  });
});

describe('resolveEndpoint: TLS from the environment', () => {
  const certs = memoryFiles({ '/certs/ca.pem': 'CA', '/certs/cert.pem': 'C', '/certs/key.pem': 'K', '/h/.docker/ca.pem': 'CA' });

  it('DOCKER_TLS_VERIFY (any non-empty value) with the PEM files of DOCKER_CERT_PATH', () => {
    const e = resolved({}, { ...HOME, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, certs);
    expect(e.tls).toEqual({ verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' });
  });

  it('applies to --host as well; DOCKER_CERT_PATH defaults to ~/.docker', () => {
    const e = resolved({ host: 'tcp://127.0.0.1:2376' }, { ...HOME, DOCKER_TLS_VERIFY: '1' }, certs);
    expect(e.tls).toEqual({ verify: true, ca: '/h/.docker/ca.pem' });
  });

  it('DOCKER_TLS alone: TLS without verification', () => {
    expect(resolved({}, { ...HOME, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: '/none' }, certs).tls).toEqual({ verify: false });
  });

  it('none for unix and ssh engines, nor for tcp without the variables', () => {
    const env = { ...HOME, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' };
    expect(resolved({ host: 'unix:///x.sock' }, env, certs).tls).toBeUndefined();
    expect(resolved({ host: 'ssh://me@h' }, env, certs).tls).toBeUndefined();
    expect(resolved({ host: 'tcp://h:2375' }, HOME, certs).tls).toBeUndefined();
  });
});

describe('normalizeHost', () => {
  it('reads host:port as tcp, as the docker CLI does', () => {
    expect(normalizeHost('127.0.0.1:2375')).toEqual({ ok: true, value: 'tcp://127.0.0.1:2375' });
  });

  it('refuses what cannot be dialled, naming the setting', () => {
    for (const bad of ['ftp://h', 'unix://', 'tcp://', 'fd://']) {
      const r = normalizeHost(bad, '--host');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^--host/);
    }
  });
});

describe('listContexts / resolveEndpoints', () => {
  it('default first (DOCKER_HOST or the socket), then the stored ones by name; the current one marked', () => {
    const r = listContexts({ ...HOME, DOCKER_CONTEXT: 'podman' }, store('remote'));
    expect(r.ok && r.value.map((c) => [c.name, c.endpoint.host, c.current])).toEqual([
      ['default', 'unix:///var/run/docker.sock', false],
      ['podman', 'unix:///run/podman.sock', true],
      ['remote', 'tcp://10.0.0.9:2376', false],
    ]);
    const hosts = resolveEndpoints({ ...HOME, DOCKER_HOST: 'unix:///e.sock' }, store());
    expect(hosts.ok && hosts.value.map((e) => [e.name, e.host, e.source])).toEqual([
      ['default', 'unix:///e.sock', 'env'],
      ['podman', 'unix:///run/podman.sock', 'context'],
      ['remote', 'tcp://10.0.0.9:2376', 'context'],
    ]);
  });

  it('still lists when the current context is missing (none is marked), and leaves out contexts without a docker endpoint', () => {
    const k8s = { [`/h/.docker/contexts/meta/${contextId('k8s')}/meta.json`]: '{"Name":"k8s","Endpoints":{}}' };
    const r = listContexts(HOME, store('gone', k8s));
    expect(r.ok && r.value.map((c) => [c.name, c.current])).toEqual([
      ['default', false],
      ['podman', false],
      ['remote', false],
    ]);
  });
});
