// The endpoint our own connections (attach, probe) take must be the one dockerode takes.
import http from 'node:http';
import https from 'node:https';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { dialOptions } from './endpoints/dial.js';
import type { EngineEndpoint } from './endpoints/types.js';
import { engineRequest } from './engine-request.js';

function engineFor(host: string, extra: Partial<EngineEndpoint> = {}): Docker {
  const r = dialOptions({ name: 'x', host, source: 'flag', ...extra }, (path) => Buffer.from(`PEM of ${path}`));
  if (!r.ok) throw new Error(r.error.message);
  return new Docker(r.value);
}

describe('engineRequest', () => {
  it('a unix socket: plain http on that socket, no agent', async () => {
    const r = await engineRequest(engineFor('unix:///run/x.sock'));
    expect(r.endpoint).toMatchObject({ socketPath: '/run/x.sock' });
    expect(r.viaAgent).toBe(false);
    expect(r.client).toBe(http);
  });

  it('verified TLS: https with the PEM material, a connection of its own possible', async () => {
    const r = await engineRequest(engineFor('tcp://127.0.0.1:2376', { tls: { verify: true, ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } }));
    expect(r.endpoint).toMatchObject({ host: '127.0.0.1', port: '2376' });
    expect(String(r.endpoint.ca)).toBe('PEM of /c/ca.pem');
    expect(r.viaAgent).toBe(false);
    expect(r.client).toBe(https);
  });

  it("TLS without verification and ssh:// go through dockerode's agent only", async () => {
    for (const engine of [engineFor('tcp://127.0.0.1:2376', { tls: { verify: false } }), engineFor('ssh://me@127.0.0.1')]) {
      const r = await engineRequest(engine);
      expect(r.viaAgent).toBe(true);
      expect(r.endpoint.agent).toBe((engine.modem as unknown as { agent: unknown }).agent);
    }
  });
});
