// Makes sure the toolkit image is on the engine: used as it is when present, pulled otherwise.
// Registry failures arrive inside the pull's progress stream as much as from the call itself.

import type { PullProgress } from '../../../contract/index.js';
import { CdebugError, type ImageRef } from '../../../contract/index.js';
import { type Engine, engineError, engineMessage, engineStatus } from './connect.js';

export interface ImageFacts {
  id: string;
  /** the image's own PATH, which the sidecar's shell uses to find its tools */
  path: string | null;
}

interface PullEvent {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

export async function findImage(engine: Engine, ref: string): Promise<ImageFacts | null> {
  try {
    const info = await engine.getImage(ref).inspect();
    const pathEntry = (info.Config?.Env ?? []).find((e) => e.startsWith('PATH='));
    return { id: info.Id, path: pathEntry ? pathEntry.slice(5) : null };
  } catch (err) {
    if (engineStatus(err) === 404) return null;
    throw engineError(err);
  }
}

/** Folds one pull event into the running totals that the UI draws as one bar. */
export function foldPullEvent(progress: PullProgress, event: PullEvent): PullProgress {
  const layers = { ...progress.layers };
  const status = event.status ?? progress.status;
  if (event.id && event.progressDetail && typeof event.progressDetail.total === 'number') {
    layers[event.id] = {
      current: event.progressDetail.current ?? 0,
      total: event.progressDetail.total,
      status,
    };
  } else if (event.id && layers[event.id] && /complete|already exists/i.test(status)) {
    const layer = layers[event.id]!;
    layers[event.id] = { ...layer, current: layer.total, status };
  }
  let current = 0;
  let total = 0;
  for (const layer of Object.values(layers)) {
    current += Math.min(layer.current, layer.total);
    total += layer.total;
  }
  return { current, total, status, layers };
}

function pullFailed(ref: string, words: string): CdebugError {
  return new CdebugError(
    'image_pull_failed',
    `Could not pull ${ref}: ${words.trim()}. Check the name, the registry and your network, or pick an image that is already present.`,
  );
}

export async function pullImage(engine: Engine, ref: ImageRef, onProgress?: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await engine.pull(ref.canonical, { abortSignal: signal });
  } catch (err) {
    const status = engineStatus(err);
    if (status !== undefined) throw pullFailed(ref.canonical, engineMessage(err));
    throw engineError(err);
  }
  let progress: PullProgress = { current: 0, total: 0, status: 'Pulling', layers: {} };
  await new Promise<void>((resolve, reject) => {
    engine.modem.followProgress(
      stream,
      (err: unknown) => (err ? reject(pullFailed(ref.canonical, engineMessage(err))) : resolve()),
      (event: PullEvent) => {
        if (event.error || event.errorDetail?.message) {
          reject(pullFailed(ref.canonical, event.errorDetail?.message ?? event.error ?? 'unknown error'));
          return;
        }
        progress = foldPullEvent(progress, event);
        onProgress?.(progress);
      },
    );
  });
}

/** The image's facts, pulling it first when it is not present. */
export async function ensureImage(engine: Engine, ref: ImageRef, onPull?: (progress: PullProgress) => void, signal?: AbortSignal): Promise<ImageFacts> {
  const present = await findImage(engine, ref.canonical);
  if (present) return present;
  await pullImage(engine, ref, onPull, signal);
  const pulled = await findImage(engine, ref.canonical);
  if (!pulled) throw pullFailed(ref.canonical, 'the engine reported success but the image is not there');
  return pulled;
}
