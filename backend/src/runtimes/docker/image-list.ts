// Which local images the Images list offers to debug (pure): tagged ones, newest first; an
// untagged (dangling) layer has no name to give, and cdebug's own temporary images (a copy's
// commit, labelled with its session) are not the user's.

import { isOwn } from './own-labels.js';
import type { ImageDetails } from '../port.js';

/** what the engine's image list says of one image (Docker's and Podman's answers alike) */
export interface ListedImage {
  Id: string;
  RepoTags?: string[] | null;
  Labels?: Record<string, string> | null;
  Size?: number;
  /** seconds since the epoch */
  Created?: number;
}

const NO_TAG = '<none>:<none>';

export function debuggableImages(listed: readonly ListedImage[]): ImageDetails[] {
  return listed
    .filter((image) => !isOwn(image.Labels))
    .map((image) => ({
      id: image.Id,
      tags: (image.RepoTags ?? []).filter((tag) => tag !== NO_TAG).sort(),
      size: Math.max(0, Math.round(image.Size ?? 0)),
      createdAt: typeof image.Created === 'number' && image.Created > 0 ? new Date(image.Created * 1000).toISOString() : '',
    }))
    .filter((image) => image.tags.length > 0)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.tags[0] ?? '').localeCompare(b.tags[0] ?? ''));
}
