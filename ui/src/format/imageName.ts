// How an image reference is shown. A container whose image lost its tag (a newer build took it)
// reports its image as the full id, "sha256:" and 64 hex digits, which crowds every column it is
// in; `docker ps` shows the first 12 hex digits instead, and so does cdebug, with the full id at
// hand (components/common/ImageName's tooltip). A digest-pinned reference keeps its name, with the digest
// shortened the same way. Anything else is shown as it is. Pure.

export interface ImageLabel {
  /** what to show */
  text: string;
  /** the full reference when `text` shortens it, else null */
  full: string | null;
}

export const SHORT_HEX = 12;

const IMAGE_ID = /^(?:sha256:)?([0-9a-f]{64})$/i;
const PINNED = /^(.+)@sha256:([0-9a-f]{64})$/i;

export function imageLabel(image: string): ImageLabel {
  const id = IMAGE_ID.exec(image);
  if (id) return { text: (id[1] as string).slice(0, SHORT_HEX).toLowerCase(), full: image };
  const pinned = PINNED.exec(image);
  if (pinned) return { text: `${pinned[1]}@sha256:${(pinned[2] as string).slice(0, SHORT_HEX).toLowerCase()}`, full: image };
  return { text: image, full: null };
}
