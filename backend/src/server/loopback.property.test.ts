// The Host and Origin checks against DNS rebinding and cross-site WebSocket hijacking, fuzzed
// with fast-check: on a loopback listener, a Host passes only when it names a loopback address
// with the listener's port, and an Origin only when it is exactly http://<that>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TcpListener } from './listeners.js';
import { hostAllowed, isLoopbackHost, originAllowed } from './loopback.js';

const listener: TcpListener = { kind: 'tcp', host: '127.0.0.1', port: 7681, remote: false };
const loopbackName = fc.oneof(
  fc.constantFrom('localhost', 'LOCALHOST', '[::1]'),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `127.${a}.${b}.${c}`),
);
const port = fc.oneof(fc.constant(7681), fc.integer({ min: 0, max: 70_000 }));
const foreignName = fc.oneof(
  fc.domain(),
  fc.ipV4().filter((ip) => !ip.startsWith('127.')),
  fc.ipV6().map((ip) => `[${ip}]`),
  loopbackName.chain((n) => fc.domain().map((d) => `${n}.${d}`)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('hostAllowed, property-based', () => {
  it("lets a loopback name through only with the listener's port", () => {
    fc.assert(
      fc.property(loopbackName, port, (name, p) => {
        expect(hostAllowed(`${name}:${p}`, listener)).toBe(p === listener.port);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every other name, with any port or none', () => {
    fc.assert(
      fc.property(foreignName, fc.option(port, { nil: undefined }), (name, p) => {
        fc.pre(!/^(localhost|\[::1\]|::1|127(\.\d{1,3}){3})$/i.test(name.trim()));
        expect(hostAllowed(p === undefined ? name : `${name}:${p}`, listener)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never takes 127.x names with parts over 255 or extra parts for loopback', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const name = ['127', ...parts].join('.');
        expect(isLoopbackHost(name)).toBe(parts.length === 3 && parts.every((p) => p <= 255));
      }),
    );
  });
});

describe('originAllowed, property-based', () => {
  it('takes exactly http://<loopback name>:<the port>', () => {
    fc.assert(
      fc.property(loopbackName, port, fc.constantFrom('http', 'https', 'ws', 'file', 'null'), (name, p, scheme) => {
        const origin = `${scheme}://${name}:${p}`;
        expect(originAllowed(origin, listener)).toBe(scheme === 'http' && p === listener.port);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any web URL that is not such an origin, and any junk', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: 'binary', maxLength: 60 })), (origin) => {
        const ok = originAllowed(origin, listener);
        if (ok) expect(origin).toMatch(/^http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\]):7681$/i);
      }),
      { numRuns: 1000 },
    );
  });
});
