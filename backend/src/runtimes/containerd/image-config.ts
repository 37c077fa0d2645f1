// From an image's OCI/Docker documents (index, manifest, config) to what a sidecar needs of its
// toolkit image: the snapshot to start from (its chain id) and the environment the image sets
// (PATH, to find `sh`). Pure: the documents are read by the caller (toolkit.ts).

import { createHash } from 'node:crypto';

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const MANIFEST_TYPES = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);

export type DocumentKind = 'index' | 'manifest' | 'unknown';

export function documentKind(mediaType: string): DocumentKind {
  if (INDEX_TYPES.has(mediaType)) return 'index';
  if (MANIFEST_TYPES.has(mediaType)) return 'manifest';
  return 'unknown';
}

export interface Platform {
  os: string;
  architecture: string;
}

/** node's process.arch in OCI's words */
export function hostPlatform(arch: string = process.arch): Platform {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return { os: 'linux', architecture: names[arch] ?? arch };
}

interface DescriptorJson {
  mediaType?: unknown;
  digest?: unknown;
  platform?: { os?: unknown; architecture?: unknown };
}

/** the digest of the index's manifest for `platform`, or null when it has none */
export function pickManifest(index: unknown, platform: Platform): { digest: string; mediaType: string } | null {
  const manifests = (index as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests)) return null;
  for (const m of manifests as DescriptorJson[]) {
    if (typeof m.digest !== 'string') continue;
    // an entry without a platform (an attestation has "unknown") is no candidate
    if (m.platform?.os === platform.os && m.platform.architecture === platform.architecture) {
      return { digest: m.digest, mediaType: typeof m.mediaType === 'string' ? m.mediaType : '' };
    }
  }
  return null;
}

/** the config blob's digest of an image manifest */
export function configDigest(manifest: unknown): string | null {
  const config = (manifest as { config?: { digest?: unknown } } | null)?.config;
  return typeof config?.digest === 'string' ? config.digest : null;
}

export interface ToolkitConfig {
  diffIds: string[];
  env: string[];
}

/** what an image config says about its layers and environment; null when it is not one */
export function readImageConfig(config: unknown): ToolkitConfig | null {
  const c = config as { rootfs?: { diff_ids?: unknown }; config?: { Env?: unknown } } | null;
  const diffIds = c?.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || diffIds.length === 0 || !diffIds.every((d) => typeof d === 'string')) return null;
  const env = c?.config?.Env;
  return { diffIds: diffIds, env: Array.isArray(env) ? env.filter((e): e is string => typeof e === 'string') : [] };
}

/**
 * The OCI chain id of a stack of layers (image-spec config.md): the first layer's diff id, then
 * for each next layer sha256 of "<chain id so far> <its diff id>". containerd names the committed
 * snapshot of an unpacked image by it, so it is the parent a sidecar's snapshot is prepared from.
 */
export function chainId(diffIds: readonly string[]): string {
  if (diffIds.length === 0) throw new Error('an image has at least one layer');
  let chain = diffIds[0] as string;
  for (const diff of diffIds.slice(1)) chain = `sha256:${createHash('sha256').update(`${chain} ${diff}`).digest('hex')}`;
  return chain;
}

/** An image reference as containerd names images: fully qualified, as `ctr images pull` wants it
 * (busybox:latest is docker.io/library/busybox:latest), where Docker accepts the short form. */
export function containerdImageName(ref: { domain: string | null; path: string; tag: string | null; digest: string | null }): string {
  const domain = ref.domain ?? 'docker.io';
  const path = domain === 'docker.io' && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  const tag = ref.tag ?? (ref.digest ? null : 'latest');
  return `${domain}/${path}${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
