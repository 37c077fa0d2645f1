// The toolkit image as a containerd namespace holds it: found by its name, its platform's
// manifest and config read from the content store, and the chain id of its layers, which names
// the committed snapshot a sidecar's own snapshot is prepared from. cdebug does not pull into
// containerd (1.6 has no Transfer API, and a pull is a client's whole resolver and unpacker):
// a missing image is a coded error that says how to get it there.

import { CdebugError } from '../../contract/index.js';
import type { ContainerdClient } from './client/connect.js';
import { readJsonBlob } from './client/content.js';
import { containerdError, isNotFound } from './client/errors.js';
import type { Image } from './client/messages.js';
import { chainId, configDigest, documentKind, hostPlatform, pickManifest, readImageConfig } from './image-config.js';

export interface Toolkit {
  /** the image's name in containerd (the canonical reference) */
  name: string;
  /** the committed snapshot of its layers */
  chainId: string;
  /** the image's own environment (PATH finds `sh`) */
  env: string[];
}

function missing(client: ContainerdClient, name: string): CdebugError {
  return new CdebugError(
    'image_not_found',
    `The toolkit image ${name} is not in containerd's namespace "${client.namespace}": cdebug does not pull into containerd; ` +
      `get it there with \`ctr -n ${client.namespace} images pull ${name}\` (or \`ctr -n ${client.namespace} images import\`), then try again.`,
  );
}

function unusable(name: string, why: string): CdebugError {
  return new CdebugError('target_unsupported', `The toolkit image ${name} cannot be used: ${why}.`);
}

/** the image, or null when the namespace has none by that name */
export async function findImage(client: ContainerdClient, name: string, signal?: AbortSignal): Promise<Image | null> {
  try {
    return (await client.call<{ image: Image }>('images', 'Get', { name }, signal)).image;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw containerdError(err, client.socket, `look up the image ${name}`);
  }
}

export async function resolveToolkit(client: ContainerdClient, name: string, signal?: AbortSignal): Promise<Toolkit> {
  const image = await findImage(client, name, signal);
  if (!image?.target) throw missing(client, name);
  try {
    let manifestDigest = image.target.digest;
    let kind = documentKind(image.target.mediaType);
    if (kind === 'index') {
      const platform = hostPlatform();
      const picked = pickManifest(await readJsonBlob(client, manifestDigest, signal), platform);
      if (!picked) throw unusable(name, `it has no ${platform.os}/${platform.architecture} image`);
      manifestDigest = picked.digest;
      kind = documentKind(picked.mediaType) === 'unknown' ? 'manifest' : documentKind(picked.mediaType);
    }
    if (kind !== 'manifest') throw unusable(name, `its manifest is of an unknown kind (${image.target.mediaType})`);
    const config = configDigest(await readJsonBlob(client, manifestDigest, signal));
    if (!config) throw unusable(name, 'its manifest names no config');
    const facts = readImageConfig(await readJsonBlob(client, config, signal));
    if (!facts) throw unusable(name, 'its config lists no layers');
    return { name, chainId: chainId(facts.diffIds), env: facts.env };
  } catch (err) {
    // a blob of an index for other platforms only, pulled for one: the content store lacks it
    if (isNotFound(err)) throw missing(client, name);
    throw containerdError(err, client.socket, `read the image ${name}`);
  }
}
