import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../contract/index.js';
import { chainId, configDigest, containerdImageName, documentKind, hostPlatform, pickManifest, readImageConfig } from './image-config.js';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

describe('chainId', () => {
  it('is the diff id of a single layer', () => {
    expect(chainId([A])).toBe(A);
  });

  it('hashes "<parent chain> <diff id>" for every next layer', () => {
    const ab = sha(`${A} ${B}`);
    expect(chainId([A, B])).toBe(ab);
    expect(chainId([A, B, C])).toBe(sha(`${ab} ${C}`));
  });

  it('names the snapshot containerd committed for a two-layer image (the distroless fixture, read from `ctr snapshots ls`)', () => {
    const diffIds = [
      'sha256:66a52a8feb7b5b4636e2511f33d13b2fb406b0ced207e0e331cc5ab266b32bd1',
      'sha256:7a21f09d7279d20a4fa9dfd56cf8a93d26de090f531df4f135e17379f4148185',
    ];
    expect(chainId(diffIds)).toBe('sha256:ac188b1d63af9da769938030bb96b881fd4cf6e915a3cfc6be8e257c5ca80bcd');
  });

  it('refuses an empty stack', () => {
    expect(() => chainId([])).toThrow();
  });
});

describe('pickManifest', () => {
  const index = {
    manifests: [
      { digest: 'sha256:arm', mediaType: 'application/vnd.oci.image.manifest.v1+json', platform: { os: 'linux', architecture: 'arm64' } },
      { digest: 'sha256:att', mediaType: 'application/vnd.oci.image.manifest.v1+json', platform: { os: 'unknown', architecture: 'unknown' } },
      { digest: 'sha256:amd', mediaType: 'application/vnd.docker.distribution.manifest.v2+json', platform: { os: 'linux', architecture: 'amd64' } },
    ],
  };

  it("picks the host platform's manifest", () => {
    expect(pickManifest(index, { os: 'linux', architecture: 'amd64' })).toEqual({
      digest: 'sha256:amd',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    });
    expect(pickManifest(index, { os: 'linux', architecture: 'arm64' })?.digest).toBe('sha256:arm');
  });

  it('is null for a platform the index lacks, or for no index at all', () => {
    expect(pickManifest(index, { os: 'linux', architecture: 's390x' })).toBeNull();
    expect(pickManifest({}, { os: 'linux', architecture: 'amd64' })).toBeNull();
    expect(pickManifest(null, { os: 'linux', architecture: 'amd64' })).toBeNull();
  });
});

describe('documents', () => {
  it('tells indexes from manifests, OCI and Docker alike', () => {
    expect(documentKind('application/vnd.oci.image.index.v1+json')).toBe('index');
    expect(documentKind('application/vnd.docker.distribution.manifest.list.v2+json')).toBe('index');
    expect(documentKind('application/vnd.oci.image.manifest.v1+json')).toBe('manifest');
    expect(documentKind('application/vnd.docker.distribution.manifest.v2+json')).toBe('manifest');
    expect(documentKind('text/plain')).toBe('unknown');
  });

  it("reads a manifest's config digest", () => {
    expect(configDigest({ config: { digest: A } })).toBe(A);
    expect(configDigest({})).toBeNull();
  });

  it("reads a config's diff ids and environment, and refuses what is not one", () => {
    expect(readImageConfig({ rootfs: { type: 'layers', diff_ids: [A, B] }, config: { Env: ['PATH=/bin', 3] } })).toEqual({
      diffIds: [A, B],
      env: ['PATH=/bin'],
    });
    expect(readImageConfig({ rootfs: { diff_ids: [A] } })).toEqual({ diffIds: [A], env: [] });
    expect(readImageConfig({ rootfs: { diff_ids: [] } })).toBeNull();
    expect(readImageConfig({ rootfs: { diff_ids: [1] } })).toBeNull();
    expect(readImageConfig('nope')).toBeNull();
  });

  it("names node's architectures as OCI does", () => {
    expect(hostPlatform('x64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(hostPlatform('arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
  });
});

describe('containerdImageName', () => {
  const ref = (text: string) => {
    const r = parseImageRef(text);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('qualifies Docker Hub short names as containerd keeps them', () => {
    expect(containerdImageName(ref('busybox'))).toBe('docker.io/library/busybox:latest');
    expect(containerdImageName(ref('busybox:1.36'))).toBe('docker.io/library/busybox:1.36');
    expect(containerdImageName(ref('cdebug-fixture/distroless:latest'))).toBe('docker.io/cdebug-fixture/distroless:latest');
    expect(containerdImageName(ref('docker.io/library/busybox:latest'))).toBe('docker.io/library/busybox:latest');
  });

  it('keeps other registries, and digests', () => {
    expect(containerdImageName(ref('ghcr.io/acme/tools:v1'))).toBe('ghcr.io/acme/tools:v1');
    expect(containerdImageName(ref('localhost:5000/tools'))).toBe('localhost:5000/tools:latest');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(containerdImageName(ref(`busybox@${digest}`))).toBe(`docker.io/library/busybox@${digest}`);
  });
});
