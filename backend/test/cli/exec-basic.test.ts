// `cdebug exec` against a plain distroless target (FROM scratch: /app, no shell, no tools), run
// as a real child process. One target for the whole file: no test here changes it.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun } from '../helpers/cli.js';
import { oneTargetPerFile } from '../helpers/one-target.js';

const target = oneTargetPerFile();

async function ok(args: string[], opts: Parameters<typeof cdebugExec>[1] = {}) {
  const r = await cdebugExec([target.id, ...args], opts);
  expect(r.code, describeRun(r)).toBe(0);
  return r;
}

describe('cdebug exec: a plain distroless target', () => {
  it("lists the target's root, not the toolkit's", async () => {
    const r = await ok(['ls', '/']);
    const entries = r.stdout.split('\n');
    expect(entries).toEqual(expect.arrayContaining(['app', 'etc', 'home', 'srv', 'tmp']));
    expect(entries).not.toContain('bin'); // the toolkit's /bin stays out of sight
    expect((await ok(['cat', '/etc/fixture-release'])).stdout).toBe('cdebug-fixture\n');
    expect((await ok(['ls', '/srv'])).stdout).toBe('README.fixture\n');
  });

  it("shows the target's /app as PID 1 in ps", async () => {
    const r = await ok(['ps', '-o', 'pid,args']);
    expect(r.stdout).toMatch(/^\s*1\s+\/app\s*$/m);
  });

  it("starts in the target's working directory with the target's environment", async () => {
    const r = await ok(['sh', '-c', 'pwd; echo "mode=$FIXTURE_MODE"; echo "home=$HOME"']);
    expect(r.stdout).toBe('/srv\nmode=distroless\nhome=/root\n');
    const env = (await ok(['env'])).stdout.split('\n');
    expect(env).toContain('FIXTURE_MODE=distroless');
    expect(env.filter((l) => l.startsWith('CDEBUG_'))).toEqual([]); // the sidecar's settings stay out
  });

  it("puts the target's PATH first, then the toolkit's bin directories through /proc/<anchor>/root", async () => {
    // One session: the anchor's PID differs from one session to the next.
    const script = [
      'echo "$PATH"',
      'IFS=:; for d in $PATH; do case $d in /proc/*) test -d "$d" || echo "missing $d";; esac; done',
      'anchor=${PATH#*:/proc/}; anchor=${anchor%%/*}',
      'tr "\\0" " " < "/proc/$anchor/cmdline"; echo',
    ].join('\n');
    const r = await ok(['sh', '-c', script]);
    const [path = '', ...rest] = r.stdout.split('\n');
    expect(path).toMatch(/^\/usr\/local\/bin:\/usr\/bin:\/bin(:\/proc\/\d+\/root\/[^:]+)+$/);
    const anchors = new Set(
      path
        .split(':')
        .filter((d) => d.startsWith('/proc/'))
        .map((d) => d.split('/')[2]),
    );
    expect(anchors.size).toBe(1);
    // Those directories resolve inside the chroot, and the anchor is the sidecar's entry script.
    const more = rest.join('\n');
    expect(rest.filter((l) => l.startsWith('missing '))).toEqual([]);
    expect(more).toContain('eval "$CDEBUG_ENTRY" cdebug run sh -c');
  });

  it('passes awkward arguments through unchanged', async () => {
    const args = ['a b', '$HOME', '"', "'", 'l1\nl2', '*', '', '\\n', '$(id)', '`id`', ';', '&&', '|', '~', '-e', '--', 'é ✓ 日本'];
    const r = await ok(['printf', '[%s]\\n', ...args]);
    expect(r.stdout).toBe(args.map((a) => `[${a}]\n`).join(''));
  });

  it('passes an argument list through sh -c "$@" unchanged', async () => {
    const r = await ok(['sh', '-c', 'printf "<%s>" "$@"; echo " $#"', 'zero', ' lead', 'trail ', 'two  spaces', "it's", '']);
    expect(r.stdout).toBe("< lead><trail ><two  spaces><it's><> 5\n");
  });

  it('sets -e values with spaces, "=", unicode, quotes, backslashes and newlines exactly', async () => {
    const values: Record<string, string> = {
      SPACES: '  x  y  ',
      EQUALS: 'a=b==c',
      UNICODE: 'héllo ✓ 日本語 🚀',
      NEWLINE: 'line1\nline2\n',
      BACKSLASH: 'back\\slash \\n \\0101 \\\\',
      QUOTES: `'"\`$(id)\${HOME}`,
      EMPTY: '',
      PERCENT: '%s %d %b 100%',
    };
    const script = Object.keys(values)
      .map((k) => `printf '%s=[%s]\\n' ${k} "$${k}"`)
      .join('; ');
    const r = await cdebugExec([...Object.entries(values).flatMap(([k, v]) => ['-e', `${k}=${v}`]), target.id, 'sh', '-c', script]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe(
      Object.entries(values)
        .map(([k, v]) => `${k}=[${v}]\n`)
        .join(''),
    );
  });

  it('lets -e override the target environment, and a bare -e NAME take the value from the caller', async () => {
    const r = await cdebugExec(
      [
        '-e',
        'FIXTURE_MODE=overridden',
        '-e',
        'FROM_CALLER',
        '-e',
        'NOT_SET_ANYWHERE',
        target.id,
        'sh',
        '-c',
        'echo "$FIXTURE_MODE|$FROM_CALLER|${NOT_SET_ANYWHERE-unset}"',
      ],
      { env: { FROM_CALLER: 'caller value', NOT_SET_ANYWHERE: undefined } },
    );
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('overridden|caller value|unset\n');
  });

  it("exits with the command's own status", async () => {
    const cases: Array<[string[], number]> = [
      [['sh', '-c', 'exit 7'], 7],
      [['false'], 1],
      [['sh', '-c', 'exit 255'], 255],
      [['no-such-command-anywhere'], 127],
      [['sh', '-c', 'kill -9 $$'], 137],
    ];
    for (const [cmd, code] of cases) {
      const r = await cdebugExec([target.id, ...cmd]);
      expect(r.code, `${cmd.join(' ')}: ${describeRun(r)}`).toBe(code);
    }
  });

  it('keeps stdout and stderr apart without -t', async () => {
    const r = await ok(['sh', '-c', 'echo out; echo err >&2; echo out2']);
    expect(r.stdout).toBe('out\nout2\n');
    expect(r.stderr).toBe('err\n');
  });

  it('delivers all of a large output, byte for byte, before exiting', async () => {
    const r = await ok(['seq', '1', '200000']);
    expect(r.stdout.length).toBe(Array.from({ length: 200000 }, (_, i) => `${i + 1}\n`).join('').length);
    expect(r.stdout.endsWith('\n199999\n200000\n')).toBe(true);
  });

  it('runs a shell by default, reading commands from piped stdin with -i', async () => {
    const s = await cdebugExec(['-i', target.id], { input: 'echo from-stdin; pwd; exit 3\n' });
    expect(s.code, describeRun(s)).toBe(3);
    expect(s.stdout).toBe('from-stdin\n/srv\n');
  });
});

describe('cdebug exec: stdin', () => {
  it('sends piped stdin to the command with -i', async () => {
    const r = await cdebugExec(['-i', target.id, 'cat'], { input: 'hello\n' });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('hello\n');
  });

  it('passes 1 MiB of binary stdin through cat byte for byte', async () => {
    const input = randomBytes(1 << 20);
    const r = await cdebugExec(['-i', target.id, 'cat'], { input });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdoutBytes.length).toBe(input.length);
    expect(r.stdoutBytes.equals(input)).toBe(true);
    const wc = await cdebugExec(['-i', target.id, 'wc', '-c'], { input });
    expect(wc.stdout.trim()).toBe(String(1 << 20));
  });

  it('does not read stdin without -i: the command sees end of input and what was piped stays for the next reader', async () => {
    const r = await cdebug([], { shell: `$CDEBUG exec ${target.id} sh -c 'cat; echo "cat ended"'; echo "cdebug exit $?"; cat`, input: 'left for later\n' });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('cat ended\ncdebug exit 0\nleft for later\n');
  });

  it('ends promptly when the command exits without reading all of a large piped input', async () => {
    // `docker run -i --rm busybox true < 64MB` ends in well under a second here; a session that
    // ran `true` has nothing left to wait for once the sidecar is gone.
    const r = await cdebugExec(['-i', target.id, 'true'], { input: Buffer.alloc(32 << 20, 0x61), timeoutMs: 15_000 });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.ms, `cdebug exec -i T true < 32 MiB took ${r.ms} ms`).toBeLessThan(3000);
  });
});
