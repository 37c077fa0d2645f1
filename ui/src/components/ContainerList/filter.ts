// Filtering the container list as the user types: every word must appear somewhere in the
// container's name, image, id, state, ports, networks or engine (case-insensitive).

import type { ContainerSummary } from '@cdebug/contract';

function haystack(c: ContainerSummary): string {
  return [c.name, c.image, c.id, c.status, ...c.ports, ...c.networks, c.engine ?? ''].join('\n').toLowerCase();
}

export function filterContainers(containers: readonly ContainerSummary[], query: string): ContainerSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...containers];
  return containers.filter((c) => {
    const text = haystack(c);
    return words.every((word) => text.includes(word));
  });
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** running containers by engine name (a service older than engines: none counted) */
export function countByEngine(containers: readonly ContainerSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of containers) if (c.engine !== undefined) counts.set(c.engine, (counts.get(c.engine) ?? 0) + 1);
  return counts;
}
