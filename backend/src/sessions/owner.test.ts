// The owner labels: each owner's sidecars, and no one else's, are found by their value.
import { describe, expect, it } from 'vitest';
import { cliOwner, serviceOwner } from './owner.js';

describe('owner labels', () => {
  it('names one cdebug exec process by host and pid', () => {
    expect(cliOwner(42, 'box')).toBe('cli:box:42');
    expect(cliOwner(42, 'box')).not.toBe(cliOwner(43, 'box'));
  });

  it('names a service by its listener, and a random port by the process too', () => {
    expect(serviceOwner('box', { socketPath: '/run/x.sock' })).toBe('service:box:unix:/run/x.sock');
    expect(serviceOwner('box', { tcp: { host: '127.0.0.1', port: 7681 } })).toBe('service:box:tcp:127.0.0.1:7681');
    expect(serviceOwner('box', { tcp: { host: '127.0.0.1', port: 0 } }, 9)).toBe('service:box:tcp:127.0.0.1:0:9');
  });
});
