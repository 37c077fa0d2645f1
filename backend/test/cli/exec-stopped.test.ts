// `cdebug exec` on containers that do not run: exited, created (never started), crash-looping
// under `--restart always`. The shell runs in a copy; the original is compared before and after
// (state, exit code, times, restart count, config, `docker diff`, logs), and nothing of the copy
// is left. Runs on Docker (integration) and Podman (integration-podman).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, startCli, takeOwners } from '../helpers/cli.js';
import { docker, DISTROLESS, expectClean, poll, sidecarsOf, type Target } from '../helpers/docker.js';
import { exitedOriginal, expectNoCopies, NOTE, original, removeOriginals, snapshot } from '../helpers/originals.js';
import { COPY_LABELS } from '../../src/sidecar/spec.js';

const ids: string[] = [];
const targetOf = (o: { id: string; name: string }): Target => ({ ...o, baselineDiff: '', knownZombies: new Set() });
let touched: Target[] = [];

beforeAll(ensureBuilt);
afterEach(async () => {
  await expectClean(touched, takeOwners()).catch((err: unknown) => {
    // a copy's diff is no business of expectClean's (the originals are compared by snapshot)
    if (!String(err).includes('no sidecar left')) return;
    throw err;
  });
  touched = [];
  await expectNoCopies(ids.splice(0));
});
afterAll(removeOriginals);

async function unchangedAround<T>(id: string, during: () => Promise<T>): Promise<T> {
  const before = await snapshot(id);
  const result = await during();
  expect(await snapshot(id)).toEqual(before);
  return result;
}

describe('cdebug exec: a container that exited', () => {
  it('runs the command in a copy with its environment and working directory, and says so first', async () => {
    const o = await exitedOriginal('exited', ['-e', 'GREETING=hello there', '-w', '/srv'], 'mkdir -p /srv; echo made > /srv/own; exit 3');
    ids.push(o.id);
    touched.push(targetOf(o));
    const r = await unchangedAround(o.id, () => cdebugExec([o.name, 'sh', '-c', 'echo "$GREETING"; pwd; cat /srv/own; echo x > /written; cat /written']));
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('hello there\n/srv\nmade\nx\n');
    expect(r.stderr).toMatch(NOTE);
    expect(r.stderr).toContain(`${o.name} is exited (code 3)`);
  });

  it('shows what the original runs (entrypoint) and runs it in the foreground (entrypoint --run)', async () => {
    const o = await exitedOriginal('entry', ['-w', '/tmp', '-u', '65534:65534'], 'echo "as $(id -u) in $(pwd)"; echo oops >&2; exit 4');
    ids.push(o.id);
    touched.push(targetOf(o));
    const shown = await cdebugExec([o.name, 'entrypoint']);
    expect(shown.code, describeRun(shown)).toBe(0);
    expect(shown.stdout).toContain('command:           sh -c \'echo "as $(id -u) in $(pwd)"; echo oops >&2; exit 4\'');
    expect(shown.stdout).toContain('working directory: /tmp');
    expect(shown.stdout).toContain('user:              65534:65534');
    const ran = await unchangedAround(o.id, () => cdebugExec([o.name, 'entrypoint', '--run']));
    expect(ran.stdout, describeRun(ran)).toBe('as 65534 in /tmp\nexit code 4\n');
    expect(ran.stderr).toContain('oops');
    expect(ran.code).toBe(4);
  });

  it('debugs an image whose only file is a static binary (the copy has no shell of its own)', async () => {
    const o = await original('distroless', [DISTROLESS], { run: true });
    ids.push(o.id);
    touched.push(targetOf(o));
    await poll(
      () => docker('logs', o.id),
      (l) => l.includes('ready'),
      'the fixture to start',
    );
    await docker('stop', '-t', '1', o.id);
    const r = await unchangedAround(o.id, () => cdebugExec([o.name, 'sh', '-c', 'ls /app && entrypoint | head -1']));
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('/app\ncommand:           /app\n');
  });
});

describe('cdebug exec: a container that never started', () => {
  it('runs in a copy of it, whose files are its image', async () => {
    const o = await original('created', ['-e', 'WHERE=created', 'busybox:latest', 'sh', '-c', 'exit 9']);
    ids.push(o.id);
    touched.push(targetOf(o));
    const r = await unchangedAround(o.id, () => cdebugExec([o.name, 'sh', '-c', 'echo "$WHERE"; entrypoint --run']));
    expect(r.stdout, describeRun(r)).toBe('created\nexit code 9\n');
    expect(r.code).toBe(9);
    expect(r.stderr).toContain(`${o.name} is created`);
  });
});

describe('cdebug exec: a container that crash-loops (--restart always, exits 1 at once)', () => {
  it('runs in a copy while the engine keeps restarting the original', async () => {
    const o = await original('crashloop', ['--restart', 'always', 'busybox:latest', 'sh', '-c', 'echo crashing; exit 1'], { run: true });
    ids.push(o.id);
    // not handed to expectClean: its zombie check would run a busybox in the PID namespace of a
    // container that keeps dying (left created on Podman); its sidecars are checked here
    const r0 = () => sidecarsOf([o.id]);
    // a few restarts in (Docker then waits longer between them; Podman restarts at once)
    await poll(
      () => docker('inspect', '-f', '{{.RestartCount}}', o.id),
      (n) => Number(n) >= 3,
      'the original to crash-loop',
      30_000,
    );
    const diff = await docker('diff', o.id);
    const r = await cdebugExec([o.name, 'entrypoint', '--run']);
    expect(r.stdout, describeRun(r)).toBe('crashing\nexit code 1\n');
    expect(r.code).toBe(1);
    // Docker shows it restarting, Podman exited (or, for an instant, running) between restarts
    expect(r.stderr).toMatch(/is (restarting \((last exit code 1|restarted \d+ times)\)|exited \(code 1\)): this shell runs in a copy/);
    // its restarts go on as before, unchanged by the session
    expect(await docker('diff', o.id)).toBe(diff);
    expect(await docker('inspect', '-f', '{{.HostConfig.RestartPolicy.Name}}', o.id)).toBe('always');
    expect(await poll(r0, (left) => left.length === 0, 'no sidecar left', 5000)).toEqual([]);
  });
});

describe('cdebug exec: a copy session ended from outside', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`removes the copy and its image on ${signal}`, async () => {
      const o = await exitedOriginal(`signal-${signal.toLowerCase()}`, [], 'exit 1');
      ids.push(o.id);
      touched.push(targetOf(o));
      const before = await snapshot(o.id);
      const cli = startCli(['exec', o.name, 'sleep', '100']);
      await poll(
        () => docker('ps', '-q', '--filter', `label=${COPY_LABELS.of}=${o.id}`),
        (id) => id !== '',
        'the copy to run',
      );
      const [sidecar] = await poll(
        () => sidecarsOf([o.id]),
        (found) => found.length === 1,
        'the sidecar to run',
      );
      await poll(
        () => docker('top', sidecar as string).catch(() => ''),
        (top) => top.includes('sleep 100'),
        'the command to run in the copy',
      );
      cli.child.kill(signal);
      const r = await cli.result;
      expect(r.code, describeRun(r)).toBe(130);
      expect(await snapshot(o.id)).toEqual(before);
    });
  }
});
