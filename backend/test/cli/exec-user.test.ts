// `cdebug exec -u USER[:GROUP]`: numbers, names from the target's /etc/passwd and /etc/group,
// and the refusals, as `docker exec -u` has them. The switch happens after the chroot with the
// toolkit's setpriv.

import { describe, expect, it } from 'vitest';
import { cdebugExec, describeRun } from '../helpers/cli.js';
import { oneTargetPerFile } from '../helpers/one-target.js';

const target = oneTargetPerFile();

function expectOneLineError(r: Awaited<ReturnType<typeof cdebugExec>>, re: RegExp): void {
  expect(r.code, describeRun(r)).toBe(125);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter(Boolean), describeRun(r)).toHaveLength(1);
  expect(r.stderr).toMatch(/^cdebug: /);
  expect(r.stderr).toMatch(re);
}

describe('cdebug exec -u', () => {
  it('-u 65532:65532 runs the command as that uid and gid', async () => {
    const r = await cdebugExec(['-u', '65532:65532', target.id, 'id']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('uid=65532(nonroot) gid=65532(nonroot)\n');
  });

  it("-u nonroot resolves the name from the target's /etc/passwd, its group included", async () => {
    const r = await cdebugExec(['-u', 'nonroot', target.id, 'id']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('uid=65532(nonroot) gid=65532(nonroot)\n');
  });

  it("-u nonroot:staff takes the group's name from the target's /etc/group", async () => {
    const r = await cdebugExec(['-u', 'nonroot:staff', target.id, 'id']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('uid=65532(nonroot) gid=50(staff)\n');
  });

  it('-u with a number that the target does not know still works (gid defaults to the uid)', async () => {
    const r = await cdebugExec(['-u', '4321', target.id, 'sh', '-c', 'id -u; id -g']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('4321\n4321\n');
  });

  it("the user keeps the toolkit's tools but loses root's rights in the target", async () => {
    const r = await cdebugExec(['-u', '65532', target.id, 'sh', '-c', 'ls /srv; ps -o pid,args | grep -c "^ *1 /app"; ls /root; echo "ls /root: $?"']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('README.fixture\n1\nls /root: 1\n');
    expect(r.stderr).toMatch(/Permission denied/);
  });

  it("gives the user the home of the target's /etc/passwd unless -e sets one, as docker exec -u does", async () => {
    const byName = await cdebugExec(['-u', 'nonroot', target.id, 'sh', '-c', 'echo "$HOME"']);
    expect(byName.stdout, describeRun(byName)).toBe('/home/nonroot\n');
    const byId = await cdebugExec(['-u', '65532', target.id, 'sh', '-c', 'echo "$HOME"']);
    expect(byId.stdout, describeRun(byId)).toBe('/home/nonroot\n');
    const unknownId = await cdebugExec(['-u', '4321', target.id, 'sh', '-c', 'echo "$HOME"']);
    expect(unknownId.stdout, describeRun(unknownId)).toBe('/\n');
    const given = await cdebugExec(['-u', 'nonroot', '-e', 'HOME=/tmp', target.id, 'sh', '-c', 'echo "$HOME"']);
    expect(given.stdout, describeRun(given)).toBe('/tmp\n');
  });

  it('passes the exit status and awkward arguments through the user switch', async () => {
    const r = await cdebugExec(['-u', 'nonroot', target.id, 'sh', '-c', 'printf "[%s]" "$@"; exit 9', 'sh', 'a b', '$HOME', "'"]);
    expect(r.code, describeRun(r)).toBe(9);
    expect(r.stdout).toBe("[a b][$HOME][']");
  });

  it("refuses a user name that the target's /etc/passwd does not have, with 125 and one line", async () => {
    const r = await cdebugExec(['-u', 'nosuchuser', target.id, 'id']);
    expectOneLineError(r, /nosuchuser/);
    expect(r.stderr).toMatch(/\/etc\/passwd/);
  });

  it("refuses a group name that the target's /etc/group does not have", async () => {
    const r = await cdebugExec(['-u', 'nonroot:nosuchgroup', target.id, 'id']);
    expectOneLineError(r, /nosuchgroup/);
  });

  it('refuses a malformed user before asking the engine', async () => {
    for (const user of ['bad user', 'a:b:c', ':65532', '-1', 'x\ny']) {
      const r = await cdebugExec(['-u', user, target.id, 'id'], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
      expectOneLineError(r, /is not a user|USER\[:GROUP\]/);
    }
  });
});
