// `cdebug exec --host cri://...` end to end against a real CRI runtime (containerd's CRI plugin,
// scripts/containerd.sh): a distroless target in a pod of its own, the sidecar created in that pod
// and sharing the target's PID namespace; the exit status, stdin, the errors; no sidecar left.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError } from '../helpers/cli.js';
import { CRI_HOST, kitClient, removePod, runPod, runTarget, sidecarsIn, type TestPod } from './kit.js';

const api = kitClient();
let pod: TestPod;
let targetId: string;

beforeAll(async () => {
  ensureBuilt();
  pod = await runPod(api);
  targetId = await runTarget(api, pod);
});
afterEach(async () => {
  expect(await sidecarsIn(api, pod)).toEqual([]);
});
afterAll(async () => {
  await removePod(api, pod);
  api.close();
});

const exec = (args: readonly string[], opts: Parameters<typeof cdebugExec>[1] = {}) => cdebugExec(['--host', CRI_HOST, ...args], opts);

describe('cdebug exec on a CRI runtime', () => {
  it("runs a command in the target's root, working directory and environment, with the toolkit's tools", async () => {
    const r = await exec([pod.name, 'sh', '-c', 'tr -d "\\0" < /proc/1/cmdline; echo; pwd; echo "$CRI_TARGET $FIXTURE_MODE"; ls /app']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout.split('\n')).toEqual(['/app', '/srv', 'yes distroless', '/app', '']);
  });

  it('finds the target as POD/CONTAINER, in -n NAMESPACE, and by container id', async () => {
    const named = await exec(['-n', 'default', `${pod.name}/app`, 'echo', 'named']);
    expect(named.stdout, describeRun(named)).toBe('named\n');
    const byId = await exec([targetId.slice(0, 12), 'echo', 'by id']);
    expect(byId.stdout, describeRun(byId)).toBe('by id\n');
  });

  it("exits with the command's own status", async () => {
    for (const code of [0, 3, 42]) {
      const r = await exec([pod.name, 'sh', '-c', `echo out; echo err >&2; exit ${code}`]);
      expect(r.code, describeRun(r)).toBe(code);
      expect(r.stdout).toBe('out\n');
      expect(r.stderr).toBe('err\n');
    }
  });

  it('passes piped stdin through to the command, and its end', async () => {
    const input = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const r = await exec(['-i', pod.name, 'sh', '-c', 'wc -c; echo after'], { input });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('200000\nafter\n');
  });

  it('passes arguments with quotes, spaces, $ and newlines through unchanged', async () => {
    const args = ['a b', "it's", '$HOME', 'two\nlines', '"q"'];
    const r = await exec([pod.name, 'sh', '-c', 'for a in "$@"; do printf "[%s]\\n" "$a"; done', 'sh', ...args]);
    expect(r.stdout, describeRun(r)).toBe(args.map((a) => `[${a}]\n`).join(''));
  });

  it('refuses a missing pod, a missing container and a missing image with 125, starting nothing', async () => {
    expectCdebugError(await exec(['cri-no-such-pod', 'true']), /no pod cri-no-such-pod in the namespace default/i);
    expectCdebugError(await exec(['-n', 'elsewhere', pod.name, 'true']), /no pod .* in the namespace elsewhere/i);
    expectCdebugError(await exec([`${pod.name}/nope`, 'true']), /has no container nope \(it has: app\)/);
    // the pull is announced first (the node has no such image), then refused: no registry here
    const pull = await exec(['--image', 'cdebug-fixture/cri-no-such-image:latest', pod.name, 'true']);
    expect(pull.code, describeRun(pull)).toBe(125);
    expect(pull.stdout).toBe('');
    expect(pull.stderr).toMatch(
      /^cdebug: pulling (docker\.io\/)?cdebug-fixture\/cri-no-such-image:latest\.\.\.\ncdebug: The toolkit image .* could not be pulled: .*\n$/,
    );
  });

  it('refuses an address that is no socket path, and -n without a containerd:// or cri:// engine', async () => {
    expectCdebugError(await cdebugExec(['--host', 'cri://relative.sock', pod.name, 'true']), /cri:\/\/\/path\/to\/socket/);
    expectCdebugError(await cdebugExec(['--host', 'cri:///run/cri-nothing-here.sock', pod.name, 'true']), /does not answer/);
    expectCdebugError(await cdebugExec(['-n', 'default', 'whatever', 'true']), /--namespace is for a containerd or CRI engine: .*cri:\/\/\/path\/to\/socket/);
  });
});
