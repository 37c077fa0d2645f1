// A copy or image session's launch: make the copy, then start the sidecar against it exactly as
// against a live target (PidMode/NetworkMode container:<copy>, chroot /proc/1/root), with the
// original's environment and working directory; and a handle whose stop also removes the copy
// and the image committed for it (or, with --keep, stops the copy and leaves both).

import type { ImageRef } from '../../../contract/index.js';
import { LABELS } from '../../../sidecar/spec.js';
import { heldBy } from '../privileges.js';
import type { Engine } from '../api/connect.js';
import type { ContainerApi } from '../api/container-api.js';
import { launchDebug, type PreparedDebug } from '../api/debug.js';
import type { PreparedLaunch, SessionInfo, SidecarHandle } from '../../port.js';
import { type CopySubject, makeCopy, type MadeCopy, plannedName, removeCopy, stopCopy } from './make.js';
import { copyNote, originalFacts, stateWords } from './plan.js';

export interface CopyContext {
  engine: Engine;
  api: ContainerApi;
  sessionId: string;
  owner: string;
  keep: boolean;
  rwVolumes: boolean;
  imagePresent: boolean;
}

type Checked = Omit<PreparedDebug, 'target' | 'sessionId'> & { image: ImageRef };

export function prepareCopyLaunch(subject: CopySubject, checked: Checked, ctx: CopyContext): PreparedLaunch {
  const original =
    subject.kind === 'copy' ? { id: subject.original.Id, name: subject.original.Name.replace(/^\//, '') } : { id: subject.image.Id, name: subject.ref };
  const config = subject.kind === 'copy' ? subject.original.Config : subject.image.Config;
  const info: SessionInfo = {
    target: original,
    mode: subject.kind,
    copy: { id: '', name: plannedName(subject, ctx.sessionId) },
    image: checked.image.canonical,
    cmd: checked.cmd,
    user: checked.user,
    privileged: checked.privileges.Privileged,
    privileges: heldBy(checked.privileges),
  };
  const note =
    subject.kind === 'copy'
      ? copyNote({ kind: 'copy', name: original.name, state: stateWords(subject.original.State, subject.original.RestartCount) })
      : copyNote({ kind: 'image', ref: subject.ref });
  return {
    info,
    imagePresent: ctx.imagePresent,
    async launch({ cols, rows, onPull, onStarting, signal }) {
      const copy = await makeCopy(ctx.engine, subject, {
        sessionId: ctx.sessionId,
        owner: ctx.keep ? null : ctx.owner,
        toolkit: checked.image,
        rwVolumes: ctx.rwVolumes,
        signal,
      });
      info.copy = { id: copy.id, name: copy.name };
      const dispose = disposer(ctx.engine, copy, ctx.keep);
      try {
        const handle = await launchDebug(
          ctx.api,
          {
            ...checked,
            sessionId: ctx.sessionId,
            request: { ...checked.request, cols, rows },
            // the copy's processes, the original's environment and working directory
            target: { id: copy.id, name: copy.name, env: config.Env ?? [], workingDir: config.WorkingDir || '/', pidMode: '', ipcMode: '', hostPid: 0 },
            copy: { note, original: originalFacts(config), labels: copySidecarLabels(original.id, copy, subject.kind) },
          },
          { onPull, onStarting, signal },
        );
        return withCopy(handle, dispose);
      } catch (err) {
        await dispose().catch(() => undefined);
        throw err;
      }
    },
  };
}

/** what an adopted sidecar (after a restart) says must go with it */
function copySidecarLabels(originalId: string, copy: MadeCopy, mode: 'copy' | 'image'): Record<string, string> {
  return {
    [LABELS.target]: originalId,
    [LABELS.copy]: copy.id,
    [LABELS.copyImage]: copy.tempImage ?? '',
    [LABELS.mode]: mode,
  };
}

/** reads back what copySidecarLabels put on a sidecar; null for a live one */
export function copyOfSidecar(labels: Record<string, string>): MadeCopy | null {
  const id = labels[LABELS.copy];
  if (!id) return null;
  return { id, name: '', tempImage: labels[LABELS.copyImage] || null };
}

/** removes (or, kept, stops) the copy once, however many ways out ask */
export function disposer(engine: Engine, copy: Pick<MadeCopy, 'id' | 'tempImage'>, keep: boolean): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= keep ? stopCopy(engine, copy.id) : removeCopy(engine, copy));
}

/** the sidecar's handle, whose stop also disposes of the copy */
export function withCopy(handle: SidecarHandle, dispose: () => Promise<void>): SidecarHandle {
  return {
    ...handle,
    async stop() {
      try {
        await handle.stop();
      } finally {
        await dispose();
      }
    },
  };
}
