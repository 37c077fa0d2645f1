import { describe, expect, it } from 'vitest';
import { contextId, parseContextMeta, readContext, readContexts, readCurrentContext } from './contexts.js';
import { memoryFiles } from './store.js';

const meta = (name: string, host?: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Name: name,
    Metadata: { Description: `${name} engine` },
    Endpoints: host ? { docker: { Host: host, SkipTLSVerify: false, ...extra } } : {},
  });

describe('contextId', () => {
  it("is the hex SHA-256 of the name, the docker CLI's folder name", () => {
    // printf default | sha256sum
    expect(contextId('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
    expect(contextId('podman')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parseContextMeta', () => {
  it('reads the name, the description and the docker endpoint', () => {
    const r = parseContextMeta(meta('remote', 'tcp://10.0.0.1:2376', { SkipTLSVerify: true }));
    expect(r).toEqual({ ok: true, value: { name: 'remote', description: 'remote engine', host: 'tcp://10.0.0.1:2376', skipTlsVerify: true } });
  });

  it('takes a context without a docker endpoint (Kubernetes only)', () => {
    const r = parseContextMeta(JSON.stringify({ Name: 'k8s', Endpoints: { kubernetes: { Host: 'https://k' } } }));
    expect(r.ok && r.value).toEqual({ name: 'k8s', skipTlsVerify: false });
  });

  it('names the file when it is not JSON or names no context', () => {
    const bad = parseContextMeta('{nope', '/x/meta.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('/x/meta.json') as unknown });
    const nameless = parseContextMeta('{"Endpoints":{}}');
    expect(nameless.ok).toBe(false);
    expect(parseContextMeta('[1]').ok).toBe(false);
  });
});

describe('readCurrentContext', () => {
  it('is config.json currentContext, undefined without the file, the key, or with an empty one', () => {
    expect(readCurrentContext('/c', memoryFiles({ '/c/config.json': '{"currentContext":"podman","auths":{}}' }))).toEqual({ ok: true, value: 'podman' });
    expect(readCurrentContext('/c', memoryFiles({}))).toEqual({ ok: true, value: undefined });
    expect(readCurrentContext('/c', memoryFiles({ '/c/config.json': '{"auths":{}}' }))).toEqual({ ok: true, value: undefined });
    expect(readCurrentContext('/c', memoryFiles({ '/c/config.json': '{"currentContext":""}' }))).toEqual({ ok: true, value: undefined });
  });

  it('refuses a config.json that is not JSON, naming it', () => {
    const r = readCurrentContext('/c', memoryFiles({ '/c/config.json': 'currentContext = podman' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('/c/config.json');
  });
});

describe('readContext / readContexts', () => {
  const tlsId = contextId('tls');
  const store = memoryFiles({
    [`/c/contexts/meta/${contextId('podman')}/meta.json`]: meta('podman', 'unix:///run/podman.sock'),
    [`/c/contexts/meta/${tlsId}/meta.json`]: meta('tls', 'tcp://127.0.0.1:2376'),
    [`/c/contexts/tls/${tlsId}/docker/ca.pem`]: 'CA',
    [`/c/contexts/tls/${tlsId}/docker/cert.pem`]: 'CERT',
    [`/c/contexts/tls/${tlsId}/docker/key.pem`]: 'KEY',
    [`/c/contexts/meta/${contextId('insecure')}/meta.json`]: meta('insecure', 'tcp://10.1.1.1:2376', { SkipTLSVerify: true }),
    [`/c/contexts/meta/${contextId('plain')}/meta.json`]: meta('plain', 'tcp://10.1.1.2:2375'),
  });

  it('finds a context by the SHA-256 of its name', () => {
    expect(readContext('/c', 'podman', store)).toEqual({ ok: true, value: { name: 'podman', description: 'podman engine', host: 'unix:///run/podman.sock' } });
  });

  it('gives a tcp context the TLS files it has, verifying unless SkipTLSVerify', () => {
    const r = readContext('/c', 'tls', store);
    expect(r.ok && r.value.tls).toEqual({
      verify: true,
      ca: `/c/contexts/tls/${tlsId}/docker/ca.pem`,
      cert: `/c/contexts/tls/${tlsId}/docker/cert.pem`,
      key: `/c/contexts/tls/${tlsId}/docker/key.pem`,
    });
    const insecure = readContext('/c', 'insecure', store);
    expect(insecure.ok && insecure.value.tls).toEqual({ verify: false });
    const plain = readContext('/c', 'plain', store);
    expect(plain.ok && plain.value.tls).toBeUndefined();
  });

  it('says so when no context has the name', () => {
    const r = readContext('/c', 'nope', store);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/no Docker context is named "nope"/) as unknown });
  });

  it('refuses a folder whose meta.json names another context', () => {
    const swapped = memoryFiles({ [`/c/contexts/meta/${contextId('a')}/meta.json`]: meta('b', 'unix:///b.sock') });
    expect(readContext('/c', 'a', swapped).ok).toBe(false);
  });

  it('lists every stored context by name; none without a store', () => {
    const r = readContexts('/c', store);
    expect(r.ok && r.value.map((c) => c.name)).toEqual(['insecure', 'plain', 'podman', 'tls']);
    expect(readContexts('/nowhere', store)).toEqual({ ok: true, value: [] });
  });
});
