// `cdebug exec`'s profile hint on the real engine (Docker, and Podman in integration-podman): a
// command refused for lack of NET_ADMIN ends with one line on stderr naming --profile netadmin,
// after the command's own output; with that profile it runs and nothing is said.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, startTarget, type Target } from '../helpers/docker.js';

let target: Target;

beforeAll(async () => {
  ensureBuilt();
  target = await startTarget();
});
afterEach(async () => {
  await expectClean([target], takeOwners());
});
afterAll(removeTargets);

const NOTE = 'cdebug: ip was refused (Operation not permitted): it needs NET_ADMIN; run again with --profile netadmin';

describe('cdebug exec: the profile hint', () => {
  it('the default profile: ip link set is refused, and the last line of stderr says --profile netadmin, once', async () => {
    const r = await cdebugExec([target.id, 'ip', 'link', 'set', 'lo', 'mtu', '1400']);
    expect(r.code, describeRun(r)).not.toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContain('ip: SIOCSIFMTU: Operation not permitted');
    expect(lines.filter((l) => l.startsWith('cdebug: '))).toEqual([NOTE]);
    expect(lines.at(-1)).toBe(NOTE);
  });

  it('--profile netadmin: it runs, and nothing is said', async () => {
    const r = await cdebugExec(['--profile', 'netadmin', target.id, 'ip', 'link', 'set', 'lo', 'mtu', '1400']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stderr).not.toContain('cdebug:');
  });
});
