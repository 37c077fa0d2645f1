// `cdebug exec` on images, and the copy's options: --as-image, --keep, --rw-volumes against the
// read-only default; and what it refuses (an image that cannot be had, an image with no files),
// each with one line that says what to do and nothing left behind. Docker and Podman.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COPY_LABELS } from '../../src/sidecar/spec.js';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { docker, DISTROLESS, expectClean, FIXTURE_LABEL } from '../helpers/docker.js';
import { exitedOriginal, expectNoCopies, NOTE, original, rememberImage, rememberVolume, removeOriginals, snapshot, uniqueName } from '../helpers/originals.js';

const ids: string[] = [];

beforeAll(ensureBuilt);
afterEach(async () => {
  await expectClean([], takeOwners());
  await expectNoCopies(ids.splice(0));
});
afterAll(removeOriginals);

const imageId = (ref: string) => docker('image', 'inspect', '-f', '{{.Id}}', ref);

/** `docker build -t TAG -` of a Dockerfile given as text */
async function build(tag: string, dockerfile: string): Promise<void> {
  const child = promisify(execFile)('docker', ['build', '-q', '-t', tag, '-'], { encoding: 'utf8', timeout: 120_000 });
  child.child.stdin?.end(dockerfile);
  await child;
  rememberImage(tag);
}

describe('cdebug exec IMAGE', () => {
  it('runs in a new container of the image, which goes with the session while the image stays', async () => {
    const id = await imageId(DISTROLESS);
    ids.push(id);
    const r = await cdebugExec([DISTROLESS, 'sh', '-c', 'ls /app; entrypoint | head -1; echo x > /scratch-file && echo wrote']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('/app\ncommand:           /app\nwrote\n');
    expect(r.stderr).toMatch(/^cdebug: this shell runs in a new container from the image .*distroless.*; changes stay in it/m);
    expect(await imageId(DISTROLESS)).toBe(id);
  });

  it('--as-image reads TARGET as an image even when a container has that name', async () => {
    const name = uniqueName('asimage');
    await docker('tag', DISTROLESS, `${name}:latest`);
    rememberImage(`${name}:latest`);
    const o = await original('asimage-c', ['busybox:latest', 'true']);
    await docker('rename', o.name, name);
    ids.push(o.id, await imageId(`${name}:latest`));
    const asContainer = await cdebugExec([name, 'sh', '-c', 'test -e /app && echo image || echo container']);
    expect(asContainer.stdout, describeRun(asContainer)).toBe('container\n');
    expect(asContainer.stderr).toMatch(NOTE);
    const asImage = await cdebugExec(['--as-image', name, 'sh', '-c', 'test -e /app && echo image || echo container']);
    expect(asImage.stdout, describeRun(asImage)).toBe('image\n');
    expect(asImage.stderr).toContain('from the image');
  });
});

describe('cdebug exec --keep', () => {
  it('keeps the copy, stopped, with its image, and with no owner a service would sweep', async () => {
    const o = await exitedOriginal('keep', [], 'exit 2');
    ids.push(o.id);
    const before = await snapshot(o.id);
    const r = await cdebugExec(['--keep', o.name, 'sh', '-c', 'echo kept > /mark']);
    expect(r.code, describeRun(r)).toBe(0);
    const kept = /kept the copy (\S+) \(stopped\)/.exec(r.stderr)?.[1];
    expect(kept, r.stderr).toBeTruthy();
    const name = kept as string;
    try {
      expect(await docker('inspect', '-f', '{{.State.Running}}', name)).toBe('false');
      expect(
        await docker('inspect', '-f', `owner=[{{index .Config.Labels "${COPY_LABELS.owner}"}}] of=[{{index .Config.Labels "${COPY_LABELS.of}"}}]`, name),
      ).toBe(`owner=[] of=[${o.id}]`);
      // what the session wrote is in the kept copy (read back through the archive API)
      expect(await docker('cp', `${name}:/mark`, '-')).toContain('kept\n');
      expect(await docker('image', 'inspect', '-f', '{{.Id}}', `${name}:latest`)).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
      expect(r.stderr).toContain(`docker rm ${name} && docker rmi ${name}`);
    } finally {
      await docker('rm', '-f', name).catch(() => undefined);
      await docker('rmi', '-f', `${name}:latest`).catch(() => undefined);
    }
    expect(await snapshot(o.id)).toEqual(before);
  });
});

describe("the original's volumes in the copy", () => {
  it('are read-only by default, and writable with --rw-volumes (with a warning)', async () => {
    const volume = uniqueName('vol');
    await docker('volume', 'create', '--label', FIXTURE_LABEL, volume);
    rememberVolume(volume);
    const o = await exitedOriginal('vols', ['-v', `${volume}:/data`], 'echo original > /data/f');
    ids.push(o.id);
    const before = await snapshot(o.id);
    const ro = await cdebugExec([o.name, 'sh', '-c', 'cat /data/f; echo changed > /data/f']);
    expect(ro.stdout, describeRun(ro)).toBe('original\n');
    expect(ro.code).not.toBe(0);
    expect(ro.stderr).toMatch(/read-only/i);
    const rw = await cdebugExec(['--rw-volumes', o.name, 'sh', '-c', 'echo changed > /data/f; cat /data/f']);
    expect(rw.stdout, describeRun(rw)).toBe('changed\n');
    expect(rw.code).toBe(0);
    expect(rw.stderr).toMatch(/--rw-volumes: the copy writes to the original's volumes/);
    expect(await docker('run', '--rm', '--network', 'none', '--label', FIXTURE_LABEL, '-v', `${volume}:/v`, 'busybox:latest', 'cat', '/v/f')).toBe('changed');
    expect(await snapshot(o.id)).toEqual(before);
  });
});

describe('cdebug exec: what cannot be copied', () => {
  it('says an image that is not local and cannot be pulled is not found, and makes nothing', async () => {
    const r = await cdebugExec(['127.0.0.1:9/cdebug-copy-no-such/image:1', 'true']);
    expectCdebugError(r, /No container or local image is named .*127\.0\.0\.1:9\/cdebug-copy-no-such\/image:1.*pull/);
  });

  it('says a bare name that is neither a container nor a local image is not found, without pulling', async () => {
    const r = await cdebugExec(['copy-it-no-such-thing', 'true']);
    expectCdebugError(r, /No container or local image named "copy-it-no-such-thing".*docker ps -a/);
  });

  it('refuses an image with no files (an empty FROM scratch) and a container made from one', async () => {
    const tag = `${uniqueName('empty')}:latest`;
    await build(tag, 'FROM scratch\nCMD ["/nothing"]\n');
    ids.push(await imageId(tag));
    expectCdebugError(await cdebugExec([tag, 'true']), /has no files at all/);
    const o = await original('empty-c', [tag]);
    ids.push(o.id);
    expectCdebugError(await cdebugExec([o.name, 'true']), /has no files at all/);
  });
});
