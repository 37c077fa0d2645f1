// Reading a blob of containerd's content store: the small JSON documents of an image (index,
// manifest, config), never its layers.

import type { ContainerdClient } from './connect.js';

/** a document larger than this is no manifest or config: refused rather than read into memory */
const MAX_DOCUMENT = 4 * 1024 * 1024;

export async function readJsonBlob(client: ContainerdClient, digest: string, signal?: AbortSignal): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const part of client.stream<{ data: Buffer }>('content', 'Read', { digest, offset: 0, size: 0 }, signal)) {
    size += part.data.length;
    if (size > MAX_DOCUMENT) throw new Error(`the blob ${digest} is larger than an image document can be`);
    chunks.push(part.data);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
