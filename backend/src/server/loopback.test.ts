import { describe, expect, it } from 'vitest';
import type { TcpListener } from './listeners.js';
import { hostAllowed, isLoopbackHost, originAllowed, splitHost } from './loopback.js';

const local: TcpListener = { kind: 'tcp', host: '127.0.0.1', port: 7681, remote: false };

describe('loopback names', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', 'localhost.evil', '128.0.0.1', '127.0.0.256']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('splits Host headers', () => {
    expect(splitHost('localhost:7681')).toEqual({ name: 'localhost', port: 7681 });
    expect(splitHost('[::1]:7681')).toEqual({ name: '[::1]', port: 7681 });
    expect(splitHost('example.com')).toEqual({ name: 'example.com', port: 80 });
    expect(splitHost('a:b:c')).toBe(null);
    expect(splitHost('x:99999')).toBe(null);
  });
});

describe('hostAllowed', () => {
  it('wants a loopback name and the listener port', () => {
    expect(hostAllowed('127.0.0.1:7681', local)).toBe(true);
    expect(hostAllowed('localhost:7681', local)).toBe(true);
    expect(hostAllowed('localhost:7682', local)).toBe(false);
    expect(hostAllowed('localhost', local)).toBe(false);
    expect(hostAllowed('attacker.example:7681', local)).toBe(false);
    expect(hostAllowed(undefined, local)).toBe(false);
  });

  it('accepts the bound address of a deliberately remote listener', () => {
    const remote: TcpListener = { kind: 'tcp', host: '192.168.1.5', port: 7681, remote: true };
    expect(hostAllowed('192.168.1.5:7681', remote)).toBe(true);
    expect(hostAllowed('evil.example:7681', remote)).toBe(false);
    expect(hostAllowed('evil.example:7681', { ...remote, host: '0.0.0.0' })).toBe(true);
  });

  it("accepts, behind the engine's port publishing, the host's port as well, by loopback names only", () => {
    const published: TcpListener = { kind: 'tcp', host: '0.0.0.0', port: 7681, remote: false, published: 49153 };
    expect(hostAllowed('127.0.0.1:49153', published)).toBe(true);
    expect(hostAllowed('localhost:7681', published)).toBe(true);
    expect(hostAllowed('evil.example:49153', published)).toBe(false);
    expect(hostAllowed('localhost:49154', published)).toBe(false);
    expect(originAllowed('http://127.0.0.1:49153', published)).toBe(true);
  });
});

describe('originAllowed', () => {
  it('accepts this service as a browser names it', () => {
    expect(originAllowed('http://127.0.0.1:7681', local)).toBe(true);
    expect(originAllowed('http://localhost:7681', local)).toBe(true);
    expect(originAllowed('http://[::1]:7681', local)).toBe(true);
  });

  it('refuses other sites, schemes, ports and shapes', () => {
    for (const o of [
      'http://evil.example',
      'http://localhost:7682',
      'https://localhost:7681',
      'null',
      'file://',
      'http://localhost:7681/',
      'http://u:p@localhost:7681',
      'garbage',
    ]) {
      expect(originAllowed(o, local)).toBe(false);
    }
  });

  it('accepts configured extra origins verbatim', () => {
    expect(originAllowed('docker-desktop://dashboard', local, ['docker-desktop://dashboard'])).toBe(true);
  });
});
