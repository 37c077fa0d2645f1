import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEndpoint, engineError, engineStatus, explainEngineError, PROBE_LIMITS } from './connect.js';
import { CdebugError } from '../../../contract/index.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('connectEndpoint', () => {
  it("dials the endpoint, not the environment's DOCKER_HOST", () => {
    process.env.DOCKER_HOST = 'tcp://10.9.9.9:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    delete process.env.DOCKER_CERT_PATH;
    const engine = connectEndpoint({ name: 'p', host: 'unix:///run/podman.sock', source: 'flag' });
    const modem = engine.modem as unknown as Record<string, unknown>;
    expect(modem.socketPath).toBe('/run/podman.sock');
    expect(modem.host).toBeUndefined();
    expect(modem.port).toBeUndefined();
    expect(modem.ca).toBeUndefined();
    expect(modem.protocol).toBe('http');
  });

  it("says which of the environment's settings the engine client cannot start with", () => {
    // docker-modem reads DOCKER_CERT_PATH's files for every engine it is given
    process.env.DOCKER_HOST = 'tcp://10.9.9.9:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent/certs';
    expect(() => connectEndpoint({ name: 'p', host: 'unix:///run/podman.sock', source: 'flag' })).toThrow(
      expect.objectContaining({ code: 'bad_request', message: expect.stringContaining('DOCKER_CERT_PATH=/nonexistent/certs') as unknown }),
    );
  });

  it('a probe opens a connection of its own for every request, and gives up after a while', () => {
    const probe = connectEndpoint({ name: 'p', host: 'unix:///run/podman.sock', source: 'flag' }, PROBE_LIMITS);
    const modem = probe.modem as unknown as { agent?: { keepAlive?: boolean }; connectionTimeout?: number };
    expect(modem.agent).toBeInstanceOf(Agent);
    expect(modem.agent?.keepAlive).toBe(false);
    expect(modem.connectionTimeout).toBe(PROBE_LIMITS.answerWithinMs);
  });

  it('throws a coded error for TLS files it cannot read', () => {
    expect(() => connectEndpoint({ name: 'x', host: 'tcp://h:2376', tls: { verify: true, ca: '/nonexistent/ca.pem' }, source: 'flag' })).toThrow(
      expect.objectContaining({ code: 'bad_request', message: expect.stringContaining('/nonexistent/ca.pem') as unknown }),
    );
  });
});

describe('engineError / engineStatus', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED /run/podman.sock'), { code: 'ECONNREFUSED' });

  it('names the endpoint and the setting that chose it when it is known', () => {
    const err = engineError(refused, { name: 'podman', host: 'unix:///run/podman.sock', source: 'flag' });
    expect(err.code).toBe('engine_unreachable');
    expect(err.message).toMatch(/^The engine of context "podman" at unix:\/\/\/run\/podman\.sock: it does not answer \(ECONNREFUSED\): .*cdebug contexts/);
  });

  it('says an error made without the endpoint again about it, once the caller knows it', () => {
    const vague = engineError(refused);
    const named = explainEngineError(vague, { name: 'default', host: 'tcp://10.0.0.1:2375', source: 'flag' });
    expect(named).toBeInstanceOf(CdebugError);
    expect((named as CdebugError).message).toMatch(/tcp:\/\/10\.0\.0\.1:2375 \(--host\)/);
    const other = new CdebugError('target_not_found', 'no');
    expect(explainEngineError(other, { name: 'default', host: 'unix:///x', source: 'flag' })).toBe(other);
  });

  it("does not read a TLS engine's 400 to plain http as the engine's answer", () => {
    const plain = Object.assign(new Error('(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.'), { statusCode: 400 });
    expect(engineStatus(plain)).toBeUndefined();
    expect(engineError(plain).code).toBe('engine_unreachable');
    expect(engineStatus(Object.assign(new Error('multiple IDs found'), { statusCode: 400 }))).toBe(400);
  });
});
