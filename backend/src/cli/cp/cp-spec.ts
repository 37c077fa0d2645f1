// `cdebug cp`: which way the copy goes, and the checks on its two ends. Pure.

import { fail, ok, type Result } from '../../contract/index.js';
import { engineOptions } from '../engine-flags.js';
import type { CommandSpec } from '../options.js';

export const cpSpec: CommandSpec = {
  name: 'cp',
  usage: 'cdebug cp [OPTIONS] TARGET:PATH LOCAL  |  cdebug cp [OPTIONS] LOCAL TARGET:PATH',
  summary: [
    'Copy files or directories out of a running container, or into one, even when it has no tar',
    "(distroless): the toolkit's tar runs in a sidecar on the target's root filesystem, streamed over",
    "the engine's attach (so Podman and remote engines work too). Into a container, TARGET:PATH is a",
    'directory that exists; out of one, LOCAL is a directory to copy into, or the new name.',
  ].join('\n'),
  options: [
    { name: 'image', value: 'IMAGE', env: 'CDEBUG_IMAGE', description: 'Toolkit image with tar (default busybox:latest)' },
    ...engineOptions,
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export type CopyPlan = { direction: 'out'; target: string; path: string; local: string } | { direction: 'in'; target: string; path: string; local: string };

/** TARGET:PATH, PATH absolute; a local path with a ":" is read as local when it starts with "/" or "." */
function remote(arg: string): { target: string; path: string } | null {
  if (arg.startsWith('/') || arg.startsWith('.')) return null;
  const colon = arg.indexOf(':');
  if (colon <= 0) return null;
  return { target: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

export function planCopy(positionals: readonly string[]): Result<CopyPlan> {
  const usage = 'give TARGET:PATH LOCAL or LOCAL TARGET:PATH (see `cdebug cp --help`)';
  if (positionals.length !== 2) return fail('bad_request', `cdebug cp takes two paths: ${usage}`);
  const [a = '', b = ''] = positionals;
  const from = remote(a);
  const to = remote(b);
  if ((from === null) === (to === null)) return fail('bad_request', `One side must be a container path and the other local: ${usage}`);
  const side = (from ?? to) as { target: string; path: string };
  if (!side.path.startsWith('/')) return fail('bad_request', `The container path must be absolute: ${side.target}:/${side.path}`);
  if (side.path.includes('\0') || (from ? b : a) === '') return fail('bad_request', `Both paths must be given: ${usage}`);
  const cleaned = side.path.length > 1 ? side.path.replace(/\/+$/, '') : side.path;
  return ok(from ? { direction: 'out', target: from.target, path: cleaned, local: b } : { direction: 'in', target: side.target, path: cleaned, local: a });
}

/** shared with the service's file download */
export { splitPath } from '../../sidecar/target-file.js';
