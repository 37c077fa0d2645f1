// cdebug against an engine over ssh://, for real: an OpenSSH server on 127.0.0.1 (sshd.ts), and
// on its side `docker system dial-stdio` reaching a private dockerd (the URL's path names its
// socket). Attach, stdin, the exit status, a terminal's resize and a failing pull go through
// the ssh process's pipes; ssh's refusals (unknown host key, key not accepted) come back in its
// own words, in one line.

import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun, ensureBuilt, expectCdebugError } from '../helpers/cli.js';
import { DISTROLESS, BUSYBOX } from '../helpers/docker.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';
import { sessionFilter, startFixtureTarget } from '../kit/engine.js';
import { expectTerminalResizes, hasTmux, TmuxTerminal } from '../helpers/tmux.js';
import { makeContextHome } from './context-store.js';
import { hasSshd, startSshd, type TestSshd } from './sshd.js';

// scripts/ssh.sh installs Debian's openssh-server (scripts/test.sh runs it before this suite)
describe.skipIf(!hasSshd())('cdebug exec over ssh:// (needs /usr/sbin/sshd: scripts/ssh.sh installs it)', () => {
  let sshd: TestSshd;
  let engine: PrivateEngine;
  let url: string;
  const target = `cdebug-ssh-${process.pid}`;

  beforeAll(async () => {
    ensureBuilt();
    [sshd, engine] = await Promise.all([startSshd(), startPrivateEngine({ images: [DISTROLESS, BUSYBOX] })]);
    url = `ssh://root@127.0.0.1:${sshd.port}${engine.socketPath}`;
    await startFixtureTarget(engine, { name: target });
  }, 180_000);
  afterAll(async () => {
    await engine?.dispose();
    await sshd?.stop();
  });
  afterEach(async () => {
    expect(await engine.docker('ps', '-aq', '--filter', sessionFilter())).toBe('');
  });

  const env = (command = sshd.sshCommand) => ({ CDEBUG_SSH_COMMAND: command, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined });

  it('debugs a container on the far side: the target, its PID 1, the exit status', async () => {
    const r = await cdebugExec(['--host', url, target, 'sh', '-c', 'cat /etc/fixture-release; ps -o pid,args | grep -c "^ *1 /app"; exit 6'], { env: env() });
    expect(r.code, describeRun(r)).toBe(6);
    expect(r.stdout).toBe('cdebug-fixture\n1\n');
    expect(r.stderr).toBe('');
  });

  it('sends stdin with -i, and takes the engine from DOCKER_HOST too', async () => {
    const r = await cdebugExec(['-i', target, 'sh', '-c', 'wc -c'], { env: { ...env(), DOCKER_HOST: url }, input: 'x'.repeat(100_000) });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout.trim()).toBe('100000');
  });

  it('reports a pull that fails on the far engine as image_pull_failed', async () => {
    expectCdebugError(
      await cdebugExec(['--host', url, '--image', '127.0.0.1:1/nope:latest', target, 'true'], { env: env() }),
      /Could not pull 127\.0\.0\.1:1\/nope:latest/,
    );
  });

  it("refuses a server whose host key is unknown, in ssh's words", async () => {
    expectCdebugError(
      await cdebugExec(['--host', url, target, 'true'], { env: env(sshd.strangerCommand) }),
      /ssh:\/\/root@127\.0\.0\.1:\d+.*Host key verification failed/,
    );
  });

  it('says when the server does not accept the key', async () => {
    expectCdebugError(await cdebugExec(['--host', url, target, 'true'], { env: env(sshd.unauthorizedCommand) }), /Permission denied/);
  });

  it('lists an ssh context as reachable in cdebug contexts, and debugs through it', async () => {
    const home = makeContextHome([{ name: 'far', host: url }]);
    try {
      const homeEnv = { ...env(), HOME: home.home, DOCKER_CONFIG: undefined };
      const list = await cdebug(['contexts'], { env: homeEnv });
      expect(list.stdout, describeRun(list)).toMatch(/^far\s+ssh:\/\/root@127\.0\.0\.1:\d+\S+\s+Docker Engine \S+$/m);
      const r = await cdebugExec(['--context', 'far', target, 'cat', '/etc/fixture-release'], { env: homeEnv });
      expect(r.stdout, describeRun(r)).toBe('cdebug-fixture\n');
    } finally {
      rmSync(home.home, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasTmux())('runs a terminal over ssh: a prompt, the size, a resize, the exit status', async () => {
    const t = new TmuxTerminal();
    try {
      await t.start(['exec', '-it', '--host', url, target], 100, 30, { CDEBUG_SSH_COMMAND: sshd.sshCommand });
      await expectTerminalResizes(t);
    } finally {
      await t.close();
    }
  });
});
