// What a TARGET names: a running container (live, as ever), a container in any other state
// (copy), or an image (image). A container name or id wins over an image of the same name;
// `asImage` forces the image reading. Nothing is made here: only inspects, and a pull of an
// image that says it is one.

import type { ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import { CdebugError, parseImageRef } from '../../../contract/index.js';
import { type Engine, engineError, engineMessage, engineStatus } from '../api/connect.js';
import type { ContainerApi } from '../api/container-api.js';
import { pullImage } from '../api/image.js';
import { checkTargetRef, type Target, targetFromInspect } from '../api/target.js';
import { checkImageUsable, mayNameContainer, pullsWhenMissing, runsNow } from './plan.js';

export type Subject =
  { kind: 'live'; target: Target } | { kind: 'copy'; original: ContainerInspectInfo } | { kind: 'image'; ref: string; image: ImageInspectInfo };

async function inspectImage(engine: Engine, ref: string): Promise<ImageInspectInfo | null> {
  try {
    return await engine.getImage(ref).inspect();
  } catch (err) {
    if (engineStatus(err) === 404) return null;
    throw engineError(err);
  }
}

async function inspectContainer(api: ContainerApi, ref: string): Promise<ContainerInspectInfo | null> {
  try {
    return await api.inspect(ref.replace(/^\//, ''));
  } catch (err) {
    const status = engineStatus(err);
    if (status === 404) return null;
    if (status === 400 || status === 409) {
      throw new CdebugError('target_not_found', `"${ref}" matches more than one container: give more of the id, or the name.`);
    }
    throw engineError(err);
  }
}

export async function resolveSubject(engine: Engine, api: ContainerApi, ref: string, asImage: boolean): Promise<Subject> {
  if (!asImage && mayNameContainer(ref)) {
    const info = await inspectContainer(api, ref);
    if (info && runsNow(info)) return { kind: 'live', target: targetFromInspect(info) };
    if (info) {
      // the image it was made from says whether its files can run here at all (gone: no word)
      const image = await inspectImage(engine, info.Image);
      const unusable = image && checkImageUsable(image, `Container "${info.Name.replace(/^\//, '')}" (image ${info.Config.Image})`);
      if (unusable) throw unusable;
      return { kind: 'copy', original: info };
    }
  }
  return { kind: 'image', ref, image: await findOrPullImage(engine, ref, asImage) };
}

async function findOrPullImage(engine: Engine, ref: string, asImage: boolean): Promise<ImageInspectInfo> {
  const shown = JSON.stringify(ref.length > 60 ? `${ref.slice(0, 57)}...` : ref);
  if (!pullsWhenMissing(ref, asImage)) {
    const local = await inspectImage(engine, ref);
    if (local) return usable(local, ref);
    throw new CdebugError(
      'target_not_found',
      `No container or local image named ${shown}: check the name with \`docker ps -a\` (or \`docker images\`); to pull an image, give its tag (${ref}:latest) or --as-image.`,
    );
  }
  const parsed = parseImageRef(ref);
  if (!parsed.ok) {
    // not an image reference either: say it as the container name it was most likely meant to be
    throw asImage
      ? new CdebugError(parsed.error.code, parsed.error.message)
      : (checkTargetRef(ref) ?? new CdebugError(parsed.error.code, parsed.error.message));
  }
  const local = (await inspectImage(engine, ref)) ?? (await inspectImage(engine, parsed.value.canonical));
  if (local) return usable(local, ref);
  try {
    await pullImage(engine, parsed.value);
  } catch (err) {
    if (err instanceof CdebugError && err.code !== 'image_pull_failed') throw err;
    const words = err instanceof Error ? engineMessage(err) : String(err);
    throw new CdebugError('image_not_found', `No container or local image is named ${shown}. ${words}`, { cause: err });
  }
  const pulled = await inspectImage(engine, parsed.value.canonical);
  if (!pulled)
    throw new CdebugError('image_not_found', `The engine pulled ${parsed.value.canonical} but does not show it: pull it with \`docker pull\` and try again.`);
  return usable(pulled, ref);
}

function usable(image: ImageInspectInfo, ref: string): ImageInspectInfo {
  const unusable = checkImageUsable(image, `Image ${ref}`);
  if (unusable) throw unusable;
  return image;
}
