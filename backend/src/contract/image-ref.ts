// Image references, checked the way the engine's reference grammar (distribution/reference)
// does, so that a malformed name is refused before any engine call.

import { fail, ok, type Result } from './errors.js';
import { MAX_IMAGE_REF } from './limits.js';

export interface ImageRef {
  /** registry host[:port], when the reference names one */
  domain: string | null;
  /** repository path without the domain, e.g. "library/busybox" stays "busybox" */
  path: string;
  tag: string | null;
  digest: string | null;
  /** the reference to hand to the engine: a tag is added when neither tag nor digest is given */
  canonical: string;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME = 255;

export function parseImageRef(input: string): Result<ImageRef> {
  const refuse = (why: string) => fail<ImageRef>('invalid_image', `"${shorten(input)}" is not a valid image reference: ${why}.`);
  if (input.length === 0) return fail('invalid_image', 'The image reference is empty: name an image such as busybox:latest.');
  if (input.length > MAX_IMAGE_REF) return refuse(`it is longer than ${MAX_IMAGE_REF} characters`);
  if (/\s/.test(input)) return refuse('it contains white space');

  let rest = input;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return refuse('the digest after "@" should look like sha256:<64 hex digits>');
  }

  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return refuse('a tag has letters, digits, "_", "." and "-", at most 128, and does not start with "." or "-"');
  }
  if (rest.length === 0) return refuse('the name is missing');
  if (rest.length > MAX_NAME) return refuse(`the name is longer than ${MAX_NAME} characters`);

  const parts = rest.split('/');
  let domain: string | null = null;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!DOMAIN.test(first)) return refuse(`"${shorten(first)}" is not a valid registry host`);
    domain = first;
    parts.shift();
  }
  for (const part of parts) {
    if (!PATH_COMPONENT.test(part)) {
      return refuse(
        part === '' ? 'it has an empty path component' : `"${shorten(part)}" must be lower-case letters and digits, separated by ".", "_", "__" or "-"`,
      );
    }
  }
  const path = parts.join('/');
  const name = domain ? `${domain}/${path}` : path;
  const canonical = `${name}${tag !== null ? `:${tag}` : digest === null ? ':latest' : ''}${digest !== null ? `@${digest}` : ''}`;
  return ok({ domain, path, tag, digest, canonical });
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
