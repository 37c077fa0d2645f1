import { describe, expect, it } from 'vitest';
import { environmentContainerd, formatContainerdAddress, isContainerdAddress, isNamespace, parseContainerdAddress } from './address.js';

describe('parseContainerdAddress', () => {
  it('reads the socket, with the default namespace', () => {
    expect(parseContainerdAddress('containerd:///run/containerd/containerd.sock')).toEqual({
      ok: true,
      value: { socket: '/run/containerd/containerd.sock', namespace: 'default' },
    });
  });

  it('takes the namespace from the address, and --namespace over it', () => {
    expect(parseContainerdAddress('containerd:///run/c.sock?namespace=k8s.io')).toEqual({ ok: true, value: { socket: '/run/c.sock', namespace: 'k8s.io' } });
    expect(parseContainerdAddress('containerd:///run/c.sock?namespace=k8s.io', 'moby')).toEqual({
      ok: true,
      value: { socket: '/run/c.sock', namespace: 'moby' },
    });
  });

  it('refuses a host, no socket, another scheme and a bad namespace', () => {
    for (const bad of ['containerd://box/run/c.sock', 'containerd://', 'containerd:///', 'unix:///run/c.sock', 'not a url']) {
      const r = parseContainerdAddress(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_request');
    }
    expect(parseContainerdAddress('containerd:///run/c.sock', 'a b').ok).toBe(false);
    expect(parseContainerdAddress('containerd:///run/c.sock?namespace=-x').ok).toBe(false);
  });

  it('tells containerd addresses from others', () => {
    expect(isContainerdAddress('containerd:///run/c.sock')).toBe(true);
    expect(isContainerdAddress('unix:///var/run/docker.sock')).toBe(false);
  });

  it("follows containerd's namespace rule", () => {
    expect(isNamespace('default')).toBe(true);
    expect(isNamespace('k8s.io')).toBe(true);
    expect(isNamespace('a_b-c')).toBe(true);
    expect(isNamespace('')).toBe(false);
    expect(isNamespace('a..b')).toBe(false);
    expect(isNamespace('x'.repeat(77))).toBe(false);
  });

  it('formats an address back with its namespace', () => {
    expect(formatContainerdAddress({ socket: '/run/c.sock', namespace: 'k8s.io' })).toBe('containerd:///run/c.sock?namespace=k8s.io');
  });
});

describe('environmentContainerd', () => {
  it("follows ctr's CONTAINERD_ADDRESS and CONTAINERD_NAMESPACE", () => {
    expect(environmentContainerd({ CONTAINERD_ADDRESS: '/run/k3s/containerd/containerd.sock', CONTAINERD_NAMESPACE: 'k8s.io' })).toEqual({
      socket: '/run/k3s/containerd/containerd.sock',
      namespace: 'k8s.io',
    });
    expect(environmentContainerd({ CONTAINERD_ADDRESS: 'unix:///run/c.sock' })).toEqual({ socket: '/run/c.sock', namespace: 'default' });
  });

  it('names none when CONTAINERD_ADDRESS is not set', () => {
    expect(environmentContainerd({})).toBeNull();
    expect(environmentContainerd({ CONTAINERD_ADDRESS: '' })).toBeNull();
  });
});
