import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { dialOptions, type ReadFile } from './dial.js';
import { sshArgs, sshCommand, sshTarget } from './ssh.js';
import type { EngineEndpoint } from './types.js';

const pem: ReadFile = (path) => Buffer.from(`PEM of ${path}`);
const endpoint = (host: string, extra: Partial<EngineEndpoint> = {}): EngineEndpoint => ({ name: 'x', host, source: 'flag', ...extra });

function options(e: EngineEndpoint, read: ReadFile = pem) {
  const r = dialOptions(e, read);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('dialOptions', () => {
  it('a unix socket, with every tcp setting cleared (docker-modem would take them from DOCKER_HOST)', () => {
    const o = options(endpoint('unix:///run/podman/podman.sock'));
    expect(o).toMatchObject({ socketPath: '/run/podman/podman.sock', protocol: 'http' });
    for (const key of ['host', 'port', 'ca', 'cert', 'key', 'agent']) {
      expect(Object.hasOwn(o, key), key).toBe(true);
      expect((o as Record<string, unknown>)[key], key).toBeUndefined();
    }
  });

  it('plain tcp on 2375 unless a port is given', () => {
    expect(options(endpoint('tcp://10.0.0.1'))).toMatchObject({ host: '10.0.0.1', port: '2375', protocol: 'http', socketPath: undefined });
    expect(options(endpoint('tcp://10.0.0.1:4243'))).toMatchObject({ port: '4243' });
  });

  it('TLS: https on 2376 by default, with the PEM files read', () => {
    const o = options(endpoint('tcp://[::1]', { tls: { verify: true, ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } }));
    expect(o).toMatchObject({ host: '::1', port: '2376', protocol: 'https', agent: undefined });
    expect(o.ca).toEqual(Buffer.from('PEM of /c/ca.pem'));
    expect(o.cert).toEqual(Buffer.from('PEM of /c/cert.pem'));
    expect(o.key).toEqual(Buffer.from('PEM of /c/key.pem'));
  });

  it('TLS without verification: an agent that does not reject the certificate', () => {
    const o = options(endpoint('tcp://h:2376', { tls: { verify: false } }));
    expect(o.protocol).toBe('https');
    expect((o.agent as unknown as { options: { rejectUnauthorized?: boolean } }).options.rejectUnauthorized).toBe(false);
  });

  it('https:// verifies even without TLS settings; http:// never uses TLS', () => {
    expect(options(endpoint('https://h'))).toMatchObject({ protocol: 'https', port: '2376', agent: undefined });
    expect(options(endpoint('http://h', { tls: { verify: true } }))).toMatchObject({ protocol: 'http', port: '2375' });
  });

  it('names a PEM file that cannot be read, and a certificate without its key', () => {
    const missing: ReadFile = (path) => {
      throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    };
    const r = dialOptions(endpoint('tcp://h:2376', { tls: { verify: true, ca: '/c/ca.pem' } }), missing);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/CA certificate \/c\/ca\.pem .*ENOENT/);
    const half = dialOptions(endpoint('tcp://h:2376', { tls: { verify: true, cert: '/c/cert.pem' } }), pem);
    expect(half.ok).toBe(false);
  });

  it('ssh: plain http through an agent whose connections are ssh processes', () => {
    const o = options(endpoint('ssh://me@build-box:2222'));
    expect(o).toMatchObject({ protocol: 'http', host: 'build-box', socketPath: undefined });
    expect(o.agent).toBeInstanceOf(Agent);
  });
});

describe('ssh', () => {
  it('reads user, host, port and a remote socket path from the URL', () => {
    expect(sshTarget('ssh://me@box:2222/run/user/1000/podman/podman.sock')).toEqual({
      user: 'me',
      host: 'box',
      port: '2222',
      socket: '/run/user/1000/podman/podman.sock',
    });
    expect(sshTarget('ssh://box')).toEqual({ host: 'box' });
    expect(sshTarget('ssh://me@[::1]')).toEqual({ user: 'me', host: '::1' });
  });

  it('runs docker system dial-stdio as the docker CLI does, never prompting', () => {
    expect(sshArgs({ user: 'me', host: 'box', port: '2222' })).toEqual([
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=30',
      '-T',
      '-l',
      'me',
      '-p',
      '2222',
      '--',
      'box',
      'docker',
      'system',
      'dial-stdio',
    ]);
    expect(sshArgs({ host: 'box', socket: '/s.sock' }).slice(-4)).toEqual(['docker', '--host=unix:///s.sock', 'system', 'dial-stdio']);
  });

  it('runs ssh, or the program and options of CDEBUG_SSH_COMMAND', () => {
    expect(sshCommand({})).toEqual(['ssh']);
    expect(sshCommand({ CDEBUG_SSH_COMMAND: '  /usr/bin/ssh -F /tmp/cfg  ' })).toEqual(['/usr/bin/ssh', '-F', '/tmp/cfg']);
    expect(sshCommand({ CDEBUG_SSH_COMMAND: '' })).toEqual(['ssh']);
  });

  it('keeps a host that starts with a dash from being read as an option', () => {
    const args = sshArgs({ host: '-oProxyCommand=x' });
    expect(args.indexOf('--')).toBeLessThan(args.indexOf('-oProxyCommand=x'));
  });
});
