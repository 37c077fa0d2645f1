// The forward helper's lifeline against the real engine (Docker here, Podman in the
// integration-podman project): a `cdebug port-forward` killed with SIGKILL (no clean-up code runs)
// leaves no helper behind for longer than the lifeline's timeout, a forward left idle for longer
// than that timeout still works, because its holder's heartbeat keeps the helper alive, and the
// helper's own command ends when its stdin stays open but silent (an engine that does not close
// it when the attach drops).

import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIFELINE, lifelineCommand } from '../../src/sidecar/forward-helper.js';
import { type CliRun, describeRun, ensureBuilt, startCli, takeOwners } from '../helpers/cli.js';
import { docker, isRunning, sidecarsOf, sleep } from '../helpers/docker.js';
import { HTTP_PORT, httpGet, startForwardTarget } from '../helpers/forward-target.js';
import { BUSYBOX_IMAGE, FIXTURE_LABEL, poll } from '../kit/engine.js';

const TIMEOUT_MS = LIFELINE.timeoutSeconds * 1000;
/** room for the engine to notice the helper's end and remove it, on a busy 2-core machine */
const MARGIN_MS = 20_000;

/** the helpers on the target or of these CLI runs, looked at once a second (a `docker ps` each) */
async function helpersAfterASecond(owners: readonly string[]): Promise<string[]> {
  await sleep(1000);
  return sidecarsOf([target.id], owners);
}

let target: { id: string; name: string };

beforeAll(async () => {
  ensureBuilt();
  target = await startForwardTarget(docker, `life-fwd-${process.pid}-${Date.now().toString(36)}`);
}, 120_000);

afterEach(
  async () => {
    const owners = takeOwners();
    const left = await poll(
      () => sidecarsOf([target.id], owners),
      (l) => l.length === 0,
      'no forward helper left',
      TIMEOUT_MS + MARGIN_MS,
    ).catch(() => sidecarsOf([target.id], owners));
    expect(left, 'forward helpers left behind').toEqual([]);
  },
  TIMEOUT_MS + 2 * MARGIN_MS,
);

afterAll(async () => {
  if (target) await docker('rm', '-f', target.id).catch(() => undefined);
});

/** starts `cdebug port-forward TARGET -L HTTP_PORT`, and gives its local port once it is printed */
async function forward(): Promise<{ run: CliRun; port: number }> {
  const run = startCli(['port-forward', target.name, '-L', String(HTTP_PORT)], { timeoutMs: TIMEOUT_MS + 3 * MARGIN_MS });
  let out = '';
  run.child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const line = await poll(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`the CLI ended early: ${describeRun(await run.result)}`);
      return /^127\.0\.0\.1:(\d+) -> /m.exec(out);
    },
    (m) => m !== null,
    'the forward line',
    60_000,
  );
  return { run, port: Number(line?.[1]) };
}

/** the names of the containers, running or not, whose name contains `name` */
async function listed(name: string): Promise<string[]> {
  return (await docker('ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}')).split('\n').filter(Boolean);
}

describe('the forward helper lifeline', () => {
  it(
    'goes, within its timeout, when the CLI holding it is killed with SIGKILL',
    async () => {
      const f = await forward();
      expect((await httpGet(f.port)).status).toBe(200);
      const helpers = await sidecarsOf([target.id], [f.run.owner]);
      expect(helpers).toHaveLength(1);

      f.run.child.kill('SIGKILL');
      expect((await f.run.result).signal).toBe('SIGKILL');
      const left = await poll(
        () => helpersAfterASecond([f.run.owner]),
        (l) => l.length === 0,
        `the helper ${helpers[0]} gone after the CLI's SIGKILL`,
        TIMEOUT_MS + MARGIN_MS,
      ).catch(() => sidecarsOf([target.id], [f.run.owner]));
      expect(left, 'a helper outlived its SIGKILLed CLI').toEqual([]);
    },
    TIMEOUT_MS + 3 * MARGIN_MS,
  );

  it(
    'keeps a forward left idle for longer than the timeout: the heartbeat holds its helper',
    async () => {
      const f = await forward();
      expect((await httpGet(f.port)).status).toBe(200);
      const [helper] = await sidecarsOf([target.id], [f.run.owner]);
      expect(helper).toBeDefined();

      // nothing goes through the forward for a timeout and a half: without beats the helper ends
      await sleep(TIMEOUT_MS * 1.5);
      expect(f.run.child.exitCode, 'the CLI ended while idle').toBeNull();
      expect(await isRunning(helper as string)).toBe(true);
      const answer = await httpGet(f.port);
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('forwarded-ok\n');

      f.run.child.kill('SIGINT');
      const result = await f.run.result;
      expect(result.code, describeRun(result)).toBe(0);
    },
    TIMEOUT_MS * 1.5 + 3 * MARGIN_MS,
  );

  it(
    'ends by itself when its stdin stays open and silent, as when an engine keeps it after the attach drops',
    async () => {
      // the helper's command, in the target's network namespace, attached by a docker client
      // whose stdin is a pipe that stays open and never carries a line
      const name = `life-silent-${process.pid}-${Date.now().toString(36)}`;
      const [shell, flag, script] = lifelineCommand();
      const args = ['run', '-i', '--rm', '--name', name, '--label', FIXTURE_LABEL, '--network', `container:${target.id}`];
      const client = spawn('docker', [...args, '--entrypoint', shell as string, BUSYBOX_IMAGE, flag as string, script as string], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      try {
        await poll(() => isRunning(name), Boolean, `${name} to run`, 30_000);
        // a shell without `read -t` would have ended at once
        await sleep(5000);
        expect(await isRunning(name), 'the lifeline ended with its stdin still open').toBe(true);
        const gone = await poll(
          async () => {
            await sleep(1000);
            return listed(name);
          },
          (names) => !names.includes(name),
          `${name} gone without a beat`,
          TIMEOUT_MS + MARGIN_MS,
        ).catch(() => listed(name));
        expect(gone, 'the helper lived on without a beat').not.toContain(name);
      } finally {
        client.kill('SIGKILL');
        await docker('rm', '-f', name).catch(() => undefined);
      }
    },
    TIMEOUT_MS + 3 * MARGIN_MS,
  );
});
