// What a service removes at its start besides its stale sidecars: copies, their committed
// images and the busybox readers (all labelled with COPY_LABELS.owner = this owner) whose
// session has no sidecar any more: the service was killed between making the copy and starting
// the sidecar, or the sidecar went while the service was away. Kept copies carry no owner.

import { COPY_LABELS } from '../../../sidecar/spec.js';
import { type Engine, engineError, engineStatus } from '../api/connect.js';
import { labelValue } from './plan.js';
import { removeCopy } from './make.js';

export async function sweepCopies(engine: Engine, owner: string, liveSessions: ReadonlySet<string>): Promise<void> {
  const filters = { label: [`${COPY_LABELS.owner}=${labelValue(owner)}`] };
  const orphan = (labels: Record<string, string> | undefined) => !liveSessions.has(labels?.[COPY_LABELS.session] ?? '');
  try {
    for (const c of await engine.listContainers({ all: true, filters })) {
      if (orphan(c.Labels)) await removeCopy(engine, { id: c.Id, tempImage: null });
    }
    for (const image of await engine.listImages({ filters })) {
      if (orphan(image.Labels ?? undefined)) await removeCopy(engine, { id: null, tempImage: image.Id }).catch(() => undefined);
    }
  } catch (err) {
    if (engineStatus(err) === 404) return;
    throw engineError(err);
  }
}
