import { describe, expect, it } from 'vitest';
import { criSocketPath, isCriAddress } from './address.js';

describe('CRI addresses', () => {
  it('are picked by their scheme', () => {
    expect(isCriAddress('cri:///run/containerd/containerd.sock')).toBe(true);
    expect(isCriAddress('unix:///var/run/docker.sock')).toBe(false);
    expect(isCriAddress(undefined)).toBe(false);
  });

  it('name an absolute socket path', () => {
    expect(criSocketPath('cri:///run/containerd/containerd.sock')).toEqual({ ok: true, value: '/run/containerd/containerd.sock' });
  });

  it.each(['cri://', 'cri:///', 'cri://run/x.sock', 'cri:///run/x.sock?x=1', 'unix:///run/x.sock'])('refuse %s with a bad_request', (address) => {
    const path = criSocketPath(address);
    expect(path.ok).toBe(false);
    if (!path.ok) expect(path.error.code).toBe('bad_request');
  });
});
