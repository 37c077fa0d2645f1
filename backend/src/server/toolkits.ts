// The toolkit images the UI offers: presets, then toolkit-looking images that are already on
// the engine (no pull needed), each marked `local` when present. Pure.

import { DEFAULT_TOOLKIT_IMAGE, parseImageRef, type Toolkit } from '../contract/index.js';
import type { LocalImage } from '../runtimes/port.js';

export const TOOLKIT_LABEL = 'io.cdebug.toolkit';

export const PRESETS: ReadonlyArray<Omit<Toolkit, 'local' | 'preset'>> = [
  {
    image: DEFAULT_TOOLKIT_IMAGE,
    title: 'BusyBox',
    description: 'Small and static: sh, ls, ps, top, netstat, wget, vi and some 300 more. The default.',
  },
  {
    image: 'nixery.dev/shell/ps/curl/strace/lsof/htop',
    title: 'Nixery shell',
    description: 'bash with procps, curl, strace, lsof and htop, built on demand by nixery.dev: name the tools in the path.',
  },
  {
    image: 'nicolaka/netshoot:latest',
    title: 'netshoot',
    description: 'Network troubleshooting: tcpdump, dig, curl, iperf, nmap, ss, mtr and more.',
  },
  {
    image: 'alpine:latest',
    title: 'Alpine',
    description: 'A small distribution with apk: install whatever tool is missing.',
  },
];

/** repositories whose images are toolkits by their name */
const TOOLKIT_NAME = /(^|\/)(busybox|alpine|netshoot|toolbox|toolkit|nixkit|debug[a-z-]*)$|^nixery\.dev\//;

function canonical(ref: string): string {
  const parsed = parseImageRef(ref);
  return parsed.ok ? parsed.value.canonical : ref;
}

function repository(tag: string): string {
  const colon = tag.lastIndexOf(':');
  return colon > tag.lastIndexOf('/') ? tag.slice(0, colon) : tag;
}

export function looksLikeToolkit(tag: string, labels: Record<string, string>): boolean {
  return labels[TOOLKIT_LABEL] === 'true' || TOOLKIT_NAME.test(repository(tag));
}

export function listToolkits(images: readonly LocalImage[]): Toolkit[] {
  const present = new Set(images.flatMap((i) => i.tags.map(canonical)));
  const toolkits: Toolkit[] = PRESETS.map((p) => ({ ...p, local: present.has(canonical(p.image)), preset: true }));
  const listed = new Set(toolkits.map((t) => canonical(t.image)));
  const found: Toolkit[] = [];
  for (const image of images) {
    for (const tag of image.tags) {
      const ref = canonical(tag);
      if (listed.has(ref) || !looksLikeToolkit(tag, image.labels)) continue;
      listed.add(ref);
      found.push({
        image: tag,
        title: image.labels['org.opencontainers.image.title'] ?? repository(tag),
        description: image.labels['org.opencontainers.image.description'] ?? 'A toolkit image already on this engine.',
        local: true,
        preset: false,
      });
    }
  }
  return [...toolkits, ...found.sort((a, b) => a.image.localeCompare(b.image))];
}
