// `cdebug exec --shell auto|sh|bash|zsh|fish`: with no command, the entry script picks the shell
// (the target user's login shell first, for auto) from the target or the toolkit, and starts it
// in the target's working directory; a shell found nowhere is shell_not_found, naming the
// shells there are. Stdin is a pipe: the shell reads its commands from it.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBashTargetImage } from '../helpers/bash-target.js';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, sidecarsOf, startTarget, type Target } from '../helpers/docker.js';

let distroless: Target;
let withBash: Target;

beforeAll(async () => {
  ensureBuilt();
  const image = await ensureBashTargetImage();
  [distroless, withBash] = await Promise.all([startTarget(), startTarget({ image })]);
});
afterEach(async () => {
  await expectClean([distroless, withBash], takeOwners());
});
afterAll(removeTargets);

const WHICH = 'echo "$0|${BASH_VERSION:+bash}|$(pwd)"\n';

describe('cdebug exec --shell', () => {
  it("auto starts the target user's login shell (the target's own bash) in the working directory", async () => {
    const r = await cdebugExec(['-i', '--shell', 'auto', withBash.id], { input: WHICH });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('/bin/bash|bash|/srv\n');
  });

  it("auto, where the login shell is nologin, takes the best shell there is: busybox's ash from the toolkit", async () => {
    const r = await cdebugExec(['-i', '--shell', 'auto', distroless.id], { input: WHICH });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/^\/proc\/\d+\/root\/bin\/ash\|\|\/srv\n$/);
  });

  it('an explicit shell comes from the toolkit when the target has none (sh), and from the target when it has it (bash)', async () => {
    const sh = await cdebugExec(['-i', '--shell', 'sh', withBash.id], { input: WHICH });
    expect(sh.code, describeRun(sh)).toBe(0);
    expect(sh.stdout).toMatch(/^\/proc\/\d+\/root\/bin\/sh\|\|\/srv\n$/);
    const bash = await cdebugExec(['-i', '--shell', 'bash', '-u', 'nonroot', withBash.id], { input: 'id -u; echo "$0"\n' });
    expect(bash.code, describeRun(bash)).toBe(0);
    expect(bash.stdout).toBe('65532\n/bin/bash\n');
  });

  it('a shell found nowhere is shell_not_found, with 125, one line that names the shells found, and no sidecar left', async () => {
    const run = await cdebugExec(['-i', '--shell', 'zsh', distroless.id], { input: WHICH });
    // Podman's attach may add its own line when the sidecar exits at once ("Error: read
    // unixpacket @->/proc/self/fd/N/attach: read: connection reset by peer"): not cdebug's
    const r = { ...run, stderr: run.stderr.replace(/^Error: read unixpacket .*connection reset by peer\n/m, '') };
    expectCdebugError(r, /shell_not_found: no zsh shell .*\(found: ash \(toolkit\), sh \(toolkit\)\)/);
    expect(await sidecarsOf([distroless.id])).toEqual([]);
  });

  it('refuses a shell that is no choice, or a shell with a command, before asking the engine', async () => {
    expectCdebugError(await cdebugExec(['--shell', 'ksh', distroless.id]), /not a shell choice: give auto, sh, bash, zsh or fish/);
    expectCdebugError(await cdebugExec(['--shell', 'bash', distroless.id, 'id']), /either a command or a shell/);
  });

  it('is in the help', async () => {
    const r = await cdebugExec(['--help']);
    expect(r.stdout).toMatch(/--shell auto\|sh\|bash\|zsh\|fish/);
  });
});
