// Podman as Podman (project integration-podman: DOCKER_HOST is its socket, see scripts/podman.sh).
// The CLI's own end-to-end files run against it too; these cover what is Podman's alone: that it
// is the engine under test at all, the exit statuses its `removed` wait does not carry
// (runtimes/docker/api/wait.ts), the sidecar's labels on it, HOME for -u, and reaching it through a context.

import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun, startCli } from '../helpers/cli.js';
import { docker, poll, processesIn, sidecarsOf } from '../helpers/docker.js';
import { makeContextHome } from './context-store.js';
import { oneTargetPerFile } from '../helpers/one-target.js';

const target = oneTargetPerFile();

describe('cdebug on Podman', () => {
  it('talks to Podman here (DOCKER_HOST is podman system service)', async () => {
    expect(process.env.DOCKER_HOST, 'run this file with --project integration-podman').toMatch(/^unix:\/\//);
    const r = await cdebug(['contexts', '--json']);
    const rows = JSON.parse(r.stdout) as Array<{ current: boolean; engine?: { name: string } }>;
    expect(rows.find((row) => row.current)?.engine?.name, describeRun(r)).toBe('Podman');
  });

  it("passes every exit status through, although Podman's removed-wait reports 0", async () => {
    for (const code of [0, 1, 7, 126, 255]) {
      const r = await cdebugExec([target.id, 'sh', '-c', `exit ${code}`]);
      expect(r.code, `${code}: ${describeRun(r)}`).toBe(code);
    }
  });

  it('labels the sidecar on Podman as on Docker, and it is gone once the CLI exits', async () => {
    const cli = startCli(['exec', target.id, 'sleep', '30'], { timeoutMs: 20_000 });
    await poll(
      () => processesIn(target.id),
      (ps) => ps.includes('sleep 30'),
      'the command to run',
      15_000,
    );
    const [sidecar] = await sidecarsOf([target.id], [cli.owner]);
    expect(sidecar).toBeDefined();
    const labels = JSON.parse(await docker('inspect', '--format', '{{json .Config.Labels}}', sidecar as string)) as Record<string, string>;
    expect(labels).toMatchObject({ 'io.cdebug.target': target.id, 'io.cdebug.owner': cli.owner });
    expect(labels['io.cdebug.session']).toMatch(/\S/);
    cli.child.kill('SIGTERM');
    const r = await cli.result;
    expect(r.code, describeRun(r)).toBe(130);
    expect(await sidecarsOf([target.id], [cli.owner])).toEqual([]);
  });

  it("gives -u the user's home from /etc/passwd, not the HOME Podman puts in every container", async () => {
    expect(await docker('inspect', '--format', '{{json .Config.Env}}', target.id)).toContain('HOME=/root');
    const r = await cdebugExec(['-u', 'nonroot', target.id, 'sh', '-c', 'echo "$HOME"']);
    expect(r.stdout, describeRun(r)).toBe('/home/nonroot\n');
  });

  it('is reached through a Docker context naming its socket, with DOCKER_HOST unset', async () => {
    const home = makeContextHome([{ name: 'podman', host: process.env.DOCKER_HOST as string, description: 'podman system service' }]);
    try {
      const env = { HOME: home.home, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_CONFIG: undefined };
      const r = await cdebugExec(['--context', 'podman', target.id, 'cat', '/etc/fixture-release'], { env });
      expect(r.stdout, describeRun(r)).toBe('cdebug-fixture\n');
      const list = await cdebug(['contexts'], { env });
      expect(list.stdout, describeRun(list)).toMatch(/^podman\s+podman system service\s+unix:\/\/\S+\s+Podman \d+\.\d+/m);
    } finally {
      rmSync(home.home, { recursive: true, force: true });
    }
  });
});
