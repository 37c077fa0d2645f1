// Smoke test of the fixture images that scripts/fixtures.sh builds (scripts/test.sh runs it first).
// If this fails, every other integration test's failure is suspect: fix the fixtures first.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayArgs } from './kit/engine.js';

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim();

const started: string[] = [];

afterAll(() => {
  for (const id of started) {
    try {
      docker('rm', '-f', id);
    } catch {
      // already gone
    }
  }
});

describe('fixture images (scripts/fixtures.sh)', () => {
  it.each(['busybox:latest', 'cdebug-fixture/busybox:latest', 'cdebug-fixture/distroless:latest', 'cdebug-fixture/nixkit:latest'])('%s exists', (image) => {
    expect(docker('image', 'inspect', '--format', '{{.Id}}', image)).toMatch(/^sha256:/);
  });

  it('busybox:latest is the static toolkit and has no /etc/passwd', () => {
    const out = docker(...throwawayArgs('busybox:latest', ['sh', '-c', 'test -e /etc/passwd && echo has-passwd; echo ok']));
    expect(out).toBe('ok');
  });

  it('cdebug-fixture/distroless runs, says it is ready, and has no shell', async () => {
    const id = docker('run', '-d', '--network', 'none', '--label', 'io.cdebug.fixture=1', 'cdebug-fixture/distroless:latest');
    started.push(id);
    let logs = '';
    for (let i = 0; i < 50 && !logs.includes('cdebug fixture target ready'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      logs = docker('logs', id);
    }
    expect(logs).toContain('cdebug fixture target ready');
    expect(docker('inspect', '--format', '{{.State.Running}}', id)).toBe('true');
    const config = JSON.parse(docker('image', 'inspect', '--format', '{{json .Config}}', 'cdebug-fixture/distroless:latest')) as {
      Env?: string[];
      WorkingDir?: string;
      Entrypoint?: string[];
    };
    expect(config.Env).toContain('FIXTURE_MODE=distroless');
    expect(config.WorkingDir).toBe('/srv');
    expect(config.Entrypoint).toEqual(['/app']);
    expect(() => docker('exec', id, 'sh', '-c', 'true')).toThrow();
  });

  it('cdebug-fixture/nixkit runs its busybox from /nix/store through absolute /bin links', () => {
    const out = docker(...throwawayArgs('cdebug-fixture/nixkit:latest', ['sh', '-c', 'ls /nix/store && readlink /bin/sh && echo ok']));
    const lines = out.split('\n');
    expect(lines.some((l) => /^[0-9a-z]{32}-busybox-/.test(l))).toBe(true);
    expect(lines.some((l) => /^[0-9a-z]{32}-glibc-/.test(l))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^\/nix\/store\/[0-9a-z]{32}-busybox-[^/]+\/bin\/busybox$/));
    expect(lines.at(-1)).toBe('ok');
  });
});
