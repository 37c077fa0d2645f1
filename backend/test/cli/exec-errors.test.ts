// cdebug's own failures: exit status 125, exactly one `cdebug: ...` line on stderr that says what
// to do, nothing on stdout, and nothing started or left behind. Also --help and --version.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { docker, expectClean, removeTargets, startTarget, type Target } from '../helpers/docker.js';

const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/cdebug-test/docker.sock' };

let target: Target;

beforeAll(async () => {
  ensureBuilt();
  // stopped and never started targets are debugged in a copy now: exec-stopped.test.ts
  target = await startTarget();
});
afterEach(async () => {
  await expectClean([target], takeOwners());
});
afterAll(removeTargets);

describe('cdebug exec: usage errors', () => {
  it('refuses -t when stdin is not a terminal', async () => {
    expectCdebugError(await cdebugExec(['-t', target.id, 'true']), /not a TTY/i);
    expectCdebugError(await cdebugExec(['-it', target.id, 'true'], { input: 'x' }), /not a TTY/i);
  });

  it('names an unknown flag', async () => {
    expectCdebugError(await cdebugExec(['--bogus', target.id]), /--bogus/);
    expectCdebugError(await cdebugExec(['-z', target.id]), /-z\b/);
    expectCdebugError(await cdebugExec(['--tty=yes', target.id]), /--tty/);
  });

  it('asks for the TARGET when there is none, and for a value when a flag needs one', async () => {
    expectCdebugError(await cdebugExec([]), /container/i);
    expectCdebugError(await cdebugExec(['--image']), /--image needs a value/);
    expectCdebugError(await cdebugExec(['-u']), /-u needs a value/);
  });

  it('refuses a bad -e name before asking the engine', async () => {
    expectCdebugError(await cdebugExec(['-e', '1BAD=x', target.id, 'true'], { env: NO_ENGINE }), /1BAD/);
    expectCdebugError(await cdebugExec(['-e', 'A-B=x', target.id, 'true'], { env: NO_ENGINE }), /A-B/);
  });

  it('refuses an unknown command', async () => {
    expectCdebugError(await cdebug(['frobnicate']), /frobnicate/);
  });
});

describe('cdebug exec: targets that cannot be debugged', () => {
  it('refuses a target that does not exist', async () => {
    const r = await cdebugExec(['cdebug-no-such-container-xyz', 'true']);
    expectCdebugError(r, /cdebug-no-such-container-xyz/);
    expect(r.stderr).toMatch(/docker ps/);
  });

  it('refuses a name that no container can have', async () => {
    expectCdebugError(await cdebugExec(['bad name!', 'true']), /bad name!/);
  });

  it('says the engine does not answer, and how to fix it', async () => {
    const r = await cdebugExec([target.id, 'true'], { env: NO_ENGINE });
    expectCdebugError(r, /does not answer/);
    expect(r.stderr).toMatch(/DOCKER_HOST/);
  });

  it('finds a target by name and by a unique id prefix', async () => {
    for (const ref of [target.name, target.id.slice(0, 12), `/${target.name}`]) {
      const r = await cdebugExec([ref, 'true']);
      expect(r.code, `${ref}: ${describeRun(r)}`).toBe(0);
    }
  });
});

describe('cdebug exec: toolkit images', () => {
  it.each([
    ['UPPER/Case', 'UPPER/Case'],
    ['bad image', 'bad image'],
    ['busybox:', 'busybox:'],
    [':latest', ':latest'],
    ['busybox@sha256:nothex', 'busybox@sha256:nothex'],
    ['of 600 characters', 'a'.repeat(600)],
  ])('refuses the malformed reference %s without asking the engine', async (_label, image) => {
    const r = await cdebugExec(['--image', image, target.id, 'true']);
    expectCdebugError(r, /not a valid image reference/);
    // With no engine to ask, the answer is the same: the reference was refused first.
    const offline = await cdebugExec(['--image', image, target.id, 'true'], { env: NO_ENGINE });
    expectCdebugError(offline, /not a valid image reference/);
  });

  it('takes the image from CDEBUG_IMAGE, and the flag wins over it', async () => {
    expectCdebugError(await cdebugExec([target.id, 'true'], { env: { CDEBUG_IMAGE: 'Bad/Image', ...NO_ENGINE } }), /Bad\/Image/);
    const r = await cdebugExec(['--image', 'busybox:latest', target.id, 'true'], { env: { CDEBUG_IMAGE: 'Bad/Image' } });
    expect(r.code, describeRun(r)).toBe(0);
  });

  it('fails fast with "Could not pull" for an image that cannot be pulled, starting nothing', async () => {
    const r = await cdebugExec(['--image', '127.0.0.1:1/nope:latest', target.id, 'true'], { timeoutMs: 30_000 });
    expectCdebugError(r, /Could not pull 127\.0\.0\.1:1\/nope:latest/);
    expect(r.ms).toBeLessThan(15_000);
    expect(await docker('image', 'ls', '-q', '127.0.0.1:1/nope')).toBe('');
  });
});

describe('cdebug --help and --version', () => {
  it('prints the version and exits 0', async () => {
    const r = await cdebug(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cdebug \d+\.\d+\.\d+/);
  });

  it('prints the commands with --help, and exec --help prints every exec flag', async () => {
    const main = await cdebug(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Usage: cdebug \[-c NAME \| -H URL\] COMMAND/);
    expect(main.stdout).toMatch(/^\s+exec\s/m);
    const exec = await cdebugExec(['--help'], { env: NO_ENGINE });
    expect(exec.code).toBe(0);
    for (const flag of ['-i, --interactive', '-t, --tty', '--image IMAGE', '-u, --user USER[:GROUP]', '--privileged', '-e, --env KEY=VALUE']) {
      expect(exec.stdout).toContain(flag);
    }
  });

  it('exits 125 with the usage when no command is given', async () => {
    const r = await cdebug([]);
    expect(r.code).toBe(125);
    expect(r.stdout).toMatch(/Usage: cdebug/);
  });
});
