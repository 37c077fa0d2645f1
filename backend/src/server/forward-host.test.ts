import { describe, expect, it } from 'vitest';
import { forwardOfHost, forwardUrlFor, hostHeader, requestHeadEnd } from './forward-host.js';
import type { TcpListener } from './listeners.js';

/** the extension's listener: 7681 in its container, published on the host's 55001 */
const extension: TcpListener = { kind: 'tcp', host: '0.0.0.0', port: 7681, remote: false, published: 55001, forwardsByHost: true };
const standalone: TcpListener = { kind: 'tcp', host: '127.0.0.1', port: 7681, remote: false };
const ID = '0123456789abcdef';

const head = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

describe('requestHeadEnd', () => {
  it('finds the blank line that ends the head, CRLF or bare LF, and nothing before it comes', () => {
    const full = head('GET / HTTP/1.1', 'Host: x');
    expect(requestHeadEnd(full)).toBe(full.length);
    expect(requestHeadEnd(Buffer.concat([full, Buffer.from('body')]))).toBe(full.length);
    expect(requestHeadEnd(Buffer.from('GET / HTTP/1.1\nHost: x\n\nrest'))).toBe('GET / HTTP/1.1\nHost: x\n\n'.length);
    expect(requestHeadEnd(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n'))).toBe(-1);
    expect(requestHeadEnd(Buffer.from(''))).toBe(-1);
  });
});

describe('hostHeader', () => {
  it('reads the one Host header, whatever its case and spacing', () => {
    expect(hostHeader(head('GET / HTTP/1.1', 'Accept: */*', `host:   f-${ID}.localhost:55001  `))).toBe(`f-${ID}.localhost:55001`);
    expect(hostHeader(head('GET / HTTP/1.1', 'HOST: localhost:7681'))).toBe('localhost:7681');
  });

  it('gives nothing for no Host, two of them, or a Host only in the request line', () => {
    expect(hostHeader(head('GET / HTTP/1.1', 'Accept: */*'))).toBe(null);
    expect(hostHeader(head('GET / HTTP/1.1', 'Host: localhost:7681', `Host: f-${ID}.localhost:55001`))).toBe(null);
    expect(hostHeader(head('GET http://host:1/ HTTP/1.1'))).toBe(null);
    // a header whose name only starts with host is another header
    expect(hostHeader(head('GET / HTTP/1.1', `Host-Override: f-${ID}.localhost:55001`, 'Host: localhost:7681'))).toBe('localhost:7681');
  });
});

describe('forwardOfHost', () => {
  it("gives the id of f-<id>.localhost with the published port or the listener's own", () => {
    expect(forwardOfHost(`f-${ID}.localhost:55001`, extension)).toBe(ID);
    expect(forwardOfHost(`F-${ID.toUpperCase()}.LocalHost:55001`, extension)).toBe(ID);
    expect(forwardOfHost(`f-${ID}.localhost:7681`, extension)).toBe(ID);
  });

  it('names no forward with another port, another name, or a malformed Host', () => {
    for (const host of [
      `f-${ID}.localhost:55002`,
      `f-${ID}.localhost`,
      `f-${ID}.localhost.evil.example:55001`,
      `f-${ID}.evil.example:55001`,
      `x-${ID}.localhost:55001`,
      `f-.localhost:55001`,
      `f-${ID}-x.localhost:55001`,
      `a.f-${ID}.localhost:55001`,
      `f-${'a'.repeat(65)}.localhost:55001`,
      'localhost:55001',
      `f-${ID}.localhost:99999`,
      '',
    ])
      expect(forwardOfHost(host, extension), host).toBe(null);
    expect(forwardOfHost(undefined, extension)).toBe(null);
    expect(forwardOfHost(null, extension)).toBe(null);
  });

  it('names no forward on a listener that does not offer them by name (standalone)', () => {
    expect(forwardOfHost(`f-${ID}.localhost:7681`, standalone)).toBe(null);
  });
});

describe('forwardUrlFor', () => {
  it("offers the forward's name through the published port in the extension, its own listener elsewhere", () => {
    expect(forwardUrlFor(extension, { id: ID, localPort: 41000 })).toBe(`http://f-${ID}.localhost:55001/`);
    expect(forwardUrlFor({ ...extension, published: undefined }, { id: ID, localPort: 41000 })).toBe(`http://f-${ID}.localhost:7681/`);
    expect(forwardUrlFor(standalone, { id: ID, localPort: 41000 })).toBe('http://127.0.0.1:41000/');
    expect(forwardUrlFor(null, { id: ID, localPort: 41000 })).toBe('http://127.0.0.1:41000/');
  });
});
