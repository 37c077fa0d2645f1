// Which containers and images are cdebug's own and never offered as targets: a session's sidecar
// (or a forward's helper, which carries the same label), and a copy in use with what goes with it
// (its committed image, its busybox reader). A copy kept with --keep has no owner any more: it is
// the user's, and listed. The one definition the catalog, the live catalog and the image list read.

import { COPY_LABELS, LABELS } from '../../sidecar/spec.js';

export const OWN_LABELS: readonly string[] = [LABELS.session, COPY_LABELS.owner];

export function isOwn(labels: Record<string, string> | null | undefined): boolean {
  return OWN_LABELS.some((label) => labels?.[label] !== undefined);
}
