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
import { type CopySubject, createCopy, type MadeCopy, plannedName, removeCopy, retryWithoutNetwork, stopCopy } from './make.js';
import { copyNote, originalFacts, stateWords } from './plan.js';

export interface CopyContext {
  engine: Engine;
  api: ContainerApi;
  sessionId: string;
  owner: string;
  keep: boolean;
  rwVolumes: boolean;
  imagePresent: boolean;
  /** the toolkit image's id, when it is on the engine (the placeholder is kept by it) */
  toolkitId: string | null;
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
      const created = await createCopy(ctx.engine, subject, {
        sessionId: ctx.sessionId,
        owner: ctx.keep ? null : ctx.owner,
        placeholder: { toolkit: checked.image, toolkitId: ctx.toolkitId },
        rwVolumes: ctx.rwVolumes,
        signal,
      });
      const copy = created.copy;
      info.copy = { id: copy.id, name: copy.name };
      // the sidecar against the copy as it is now: `ready`, when given, is the copy's start, which
      // runs while the sidecar is created and attached (the start waits for it)
      const sidecar = (ready?: Promise<void>) =>
        launchDebug(
          ctx.api,
          {
            ...checked,
            sessionId: ctx.sessionId,
            request: { ...checked.request, cols, rows },
            // the copy's processes, the original's environment and working directory
            target: { id: copy.id, name: copy.name, env: config.Env ?? [], workingDir: config.WorkingDir || '/', pidMode: '', ipcMode: '', hostPid: 0 },
            copy: { note, original: originalFacts(config), labels: copySidecarLabels(original.id, copy, subject.kind) },
          },
          { onPull, onStarting, signal, ...(ready ? { ready } : {}) },
        );
      const started = created.start();
      started.catch(() => undefined);
      let handle: SidecarHandle;
      try {
        handle = await sidecar(started);
      } catch (err) {
        // the start settled before anything is removed (a removal racing a start)
        const refused = await started.then(
          () => null,
          (e: unknown) => ({ e }),
        );
        // the copy runs and the sidecar failed: the copy goes (or, kept, stops) with the error
        if (!refused) return disposeAfter(disposer(ctx.engine, copy, ctx.keep), err);
        // the copy did not start: made again without the original's network when that may be
        // why, else removed, with its image, and the start's error thrown (coded)
        await retryWithoutNetwork(created, refused.e, signal);
        info.copy = { id: copy.id, name: copy.name };
        handle = await sidecar().catch((e: unknown) => disposeAfter(disposer(ctx.engine, copy, ctx.keep), e));
      }
      return withCopy(handle, disposer(ctx.engine, copy, ctx.keep));
    },
  };
}

async function disposeAfter(dispose: () => Promise<void>, err: unknown): Promise<never> {
  await dispose().catch(() => undefined);
  throw err;
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
