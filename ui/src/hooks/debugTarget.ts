// What the Debug dialog opens for: a container (running, or stopped: the service debugs a copy
// of it) or a local image (the service starts a container from it). Pure.

import type { ContainerSummary, ImageSummary } from '@cdebug/contract';
import { isRunning } from '../format/stopped';

export type DebugTarget = ContainerSummary | ImageSummary;

export const isImageTarget = (target: DebugTarget): target is ImageSummary => 'tags' in target;

/** what POST /api/sessions names as its target: a container's name (or id), an image's first tag (or id) */
export function targetRef(target: DebugTarget): string {
  return isImageTarget(target) ? (target.tags[0] ?? target.id) : target.name || target.id;
}

/** the shell will not run beside the target itself, but in a new container: say so before it starts */
export function runsInCopy(target: DebugTarget): boolean {
  return isImageTarget(target) || !isRunning(target);
}
