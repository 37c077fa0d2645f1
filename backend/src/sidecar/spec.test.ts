import { describe, expect, it } from 'vitest';
import { ENTRY_SCRIPT } from './entry-script.js';
import { decodeEnv } from './env-codec.js';
import { entrypointScript } from './original.js';
import { privilegeSettings, type PrivilegeRequest, type PrivilegeSettings } from './profiles.js';
import { buildSidecarSpec, commandEnvironment, DEFAULT_PATH, ipcModeFor, LABELS, targetPidSpec, type SidecarRequest, type TargetFacts } from './spec.js';

const TARGET_ID = 'a'.repeat(64);

function facts(over: Partial<TargetFacts> = {}): TargetFacts {
  return {
    id: TARGET_ID,
    name: 'app',
    env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'FIXTURE_MODE=distroless'],
    workingDir: '/srv',
    pidMode: '',
    ipcMode: 'private',
    hostPid: 4242,
    ...over,
  };
}

function settings(req: Omit<PrivilegeRequest, 'switchesUser'>): PrivilegeSettings {
  const r = privilegeSettings({ ...req, switchesUser: false });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const GENERAL = settings({});

// Only the fields every version of the request has; the size hint is the engine's business.
function request(over: Partial<SidecarRequest> = {}): SidecarRequest {
  return {
    sessionId: '0123456789abcdef',
    owner: 'cli:box:123',
    target: facts(),
    image: 'busybox:latest',
    cmd: ['sh'],
    shell: null,
    user: null,
    privileges: GENERAL,
    env: {},
    tty: false,
    stdin: false,
    stdinOnce: false,
    term: null,
    ...over,
  } as SidecarRequest;
}

/** The sidecar's Env as a map (values may hold newlines: split at the first "=" only). */
function envOf(spec: ReturnType<typeof buildSidecarSpec>): Map<string, string> {
  return new Map((spec.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

describe('targetPidSpec', () => {
  it('is PID 1 for a target with its own PID namespace', () => {
    expect(targetPidSpec(facts({ pidMode: '' }))).toBe('1');
    expect(targetPidSpec(facts({ pidMode: 'private' }))).toBe('1');
  });

  it("is the host PID for a target in the host's PID namespace", () => {
    expect(targetPidSpec(facts({ pidMode: 'host', hostPid: 4242 }))).toBe('4242');
  });

  it("finds the target by its cgroup when it joined another container's namespace", () => {
    expect(targetPidSpec(facts({ pidMode: `container:${'b'.repeat(64)}` }))).toBe(`cgroup:${TARGET_ID}`);
  });
});

describe('ipcModeFor', () => {
  it('joins IPC only where the target allows it', () => {
    expect(ipcModeFor(facts({ ipcMode: 'shareable' }))).toBe(`container:${TARGET_ID}`);
    expect(ipcModeFor(facts({ ipcMode: 'host' }))).toBe('host');
    for (const mode of ['private', 'none', '', `container:${'b'.repeat(64)}`]) expect(ipcModeFor(facts({ ipcMode: mode }))).toBeUndefined();
  });
});

describe('buildSidecarSpec', () => {
  it("joins the target's PID and network namespaces by id", () => {
    const spec = buildSidecarSpec(request());
    expect(spec.HostConfig?.PidMode).toBe(`container:${TARGET_ID}`);
    expect(spec.HostConfig?.NetworkMode).toBe(`container:${TARGET_ID}`);
  });

  it('joins IPC when the target is shareable or host, and leaves IpcMode out otherwise', () => {
    expect(buildSidecarSpec(request({ target: facts({ ipcMode: 'shareable' }) })).HostConfig?.IpcMode).toBe(`container:${TARGET_ID}`);
    expect(buildSidecarSpec(request({ target: facts({ ipcMode: 'host' }) })).HostConfig?.IpcMode).toBe('host');
    expect(buildSidecarSpec(request({ target: facts({ ipcMode: 'private' }) })).HostConfig).not.toHaveProperty('IpcMode');
  });

  it("adds CAP_SYS_PTRACE and copies none of the target's dropped capabilities", () => {
    const spec = buildSidecarSpec(request());
    expect(spec.HostConfig?.CapAdd).toEqual(['SYS_PTRACE']);
    expect(spec.HostConfig?.CapDrop ?? []).toEqual([]);
    expect(spec.HostConfig?.Privileged).toBe(false);
    expect(spec.HostConfig).not.toHaveProperty('SecurityOpt');
    expect(buildSidecarSpec(request({ privileges: settings({ privileged: true }) })).HostConfig?.Privileged).toBe(true);
  });

  it("puts the profile's capabilities, drops and security options on the sidecar, and labels it with the profile", () => {
    const spec = buildSidecarSpec(request({ privileges: settings({ profile: 'restricted', capAdd: ['NET_RAW'] }) }));
    expect(spec.HostConfig).toMatchObject({
      CapAdd: ['SYS_PTRACE', 'SYS_CHROOT', 'NET_RAW'],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
    });
    expect(spec.Labels?.[LABELS.profile]).toBe('restricted');
  });

  it('with a shell choice, hands the script the choice and no command (the script picks the shell)', () => {
    const plain = buildSidecarSpec(request());
    expect(plain.Cmd).toEqual(['run', 'sh']);
    expect(envOf(plain).has('CDEBUG_SHELL')).toBe(false);
    const chosen = buildSidecarSpec(request({ cmd: [], shell: 'bash' }));
    expect(chosen.Cmd).toEqual(['run']);
    expect(envOf(chosen).get('CDEBUG_SHELL')).toBe('bash');
  });

  it('runs as 0:0 whatever the user asked for (the switch happens inside, after the chroot)', () => {
    expect(buildSidecarSpec(request()).User).toBe('0:0');
    const spec = buildSidecarSpec(request({ user: 'nonroot:staff' }));
    expect(spec.User).toBe('0:0');
    expect(envOf(spec).get('CDEBUG_USER')).toBe('nonroot:staff');
    expect(envOf(buildSidecarSpec(request())).get('CDEBUG_USER')).toBe('');
  });

  it('labels the sidecar with its session, target, owner and image', () => {
    const spec = buildSidecarSpec(request({ owner: 'service:box:tcp:127.0.0.1:7681' }));
    expect(spec.Labels).toEqual({
      [LABELS.session]: '0123456789abcdef',
      [LABELS.target]: TARGET_ID,
      [LABELS.owner]: 'service:box:tcp:127.0.0.1:7681',
      [LABELS.image]: 'busybox:latest',
      [LABELS.profile]: 'general',
    });
    expect(LABELS).toMatchObject({ session: 'io.cdebug.session', target: 'io.cdebug.target', owner: 'io.cdebug.owner' });
    expect(spec.name).toBe('cdebug-0123456789abcdef');
    expect(spec.Image).toBe('busybox:latest');
  });

  it('carries the command as an argument vector, never inside shell text', () => {
    const cmd = ['printf', '[%s]\\n', 'a b', '$HOME', '"', "'", 'l1\nl2', '$(reboot)', '`id`', ''];
    const spec = buildSidecarSpec(request({ cmd }));
    expect(spec.Entrypoint).toEqual(['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug']);
    expect(spec.Cmd).toEqual(['run', ...cmd]);
    const env = envOf(spec);
    expect(env.get('CDEBUG_ENTRY')).toBe(ENTRY_SCRIPT);
    for (const [k, v] of env) {
      if (k === 'CDEBUG_ENTRY') continue;
      expect(v, k).not.toContain('$(reboot)');
      expect(v, k).not.toContain('`id`');
    }
  });

  it("hands the entry script the target's working directory, PID spec and PATH", () => {
    const env = envOf(buildSidecarSpec(request({ target: facts({ workingDir: '/srv', pidMode: 'host', hostPid: 77 }) })));
    expect(env.get('CDEBUG_WORKDIR')).toBe('/srv');
    expect(env.get('CDEBUG_TARGET_PID')).toBe('77');
    expect(env.get('CDEBUG_TARGET_PATH')).toBe('/usr/local/bin:/usr/bin:/bin');
    expect(envOf(buildSidecarSpec(request({ target: facts({ workingDir: '' }) }))).get('CDEBUG_WORKDIR')).toBe('/');
  });

  it("moves PATH out of the command's environment into CDEBUG_TARGET_PATH (the script appends the toolkit's)", () => {
    const env = envOf(buildSidecarSpec(request()));
    const commandEnv = decodeEnv(env.get('CDEBUG_ENV') ?? '');
    expect(commandEnv.map(([k]) => k)).not.toContain('PATH');
    expect(commandEnv).toContainEqual(['FIXTURE_MODE', 'distroless']);
    // no PATH in the target: the usual default
    const bare = envOf(buildSidecarSpec(request({ target: facts({ env: [] }) })));
    expect(bare.get('CDEBUG_TARGET_PATH')).toBe(DEFAULT_PATH);
    // a user's PATH wins over the target's
    const mine = envOf(buildSidecarSpec(request({ env: { PATH: '/opt/bin' } })));
    expect(mine.get('CDEBUG_TARGET_PATH')).toBe('/opt/bin');
  });

  it('sets tty and stdin as asked', () => {
    const plain = buildSidecarSpec(request());
    expect(plain).toMatchObject({ Tty: false, OpenStdin: false, StdinOnce: false, AttachStdin: false, AttachStdout: true, AttachStderr: true });
    const cli = buildSidecarSpec(request({ tty: true, stdin: true, stdinOnce: true, term: 'xterm' }));
    expect(cli).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true });
    const service = buildSidecarSpec(request({ tty: true, stdin: true, stdinOnce: false, term: 'xterm' }));
    expect(service).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: false });
  });

  it('sets no container-level environment that the command would see (everything travels in CDEBUG_*)', () => {
    const keys = [...envOf(buildSidecarSpec(request({ env: { FOO: 'bar' } }))).keys()];
    expect(keys.filter((k) => !k.startsWith('CDEBUG_'))).toEqual([]);
  });

  it('in a copy, adds the first line, the entrypoint command and the labels that say what goes with it; a live one has none', () => {
    const original = { argv: ['/app', '--port', '80'], workingDir: '/srv', user: 'nobody' };
    const copyLabels = { [LABELS.target]: 'b'.repeat(64), [LABELS.copy]: TARGET_ID, [LABELS.copyImage]: 'sha256:c', [LABELS.mode]: 'copy' };
    const spec = buildSidecarSpec(request({ copy: { note: 'web is exited (code 1): a copy', original, labels: copyLabels } }));
    expect(envOf(spec).get('CDEBUG_NOTE')).toBe('web is exited (code 1): a copy');
    expect(envOf(spec).get('CDEBUG_ENTRYPOINT')).toBe(entrypointScript(original));
    expect(spec.Labels).toMatchObject({ ...copyLabels, [LABELS.session]: '0123456789abcdef' });
    expect(spec.HostConfig?.PidMode).toBe(`container:${TARGET_ID}`);
    const live = buildSidecarSpec(request());
    expect([...envOf(live).keys()].filter((k) => k === 'CDEBUG_NOTE' || k === 'CDEBUG_ENTRYPOINT')).toEqual([]);
    expect(Object.keys(live.Labels ?? {})).not.toContain(LABELS.copy);
  });
});

describe('commandEnvironment', () => {
  const envMap = (req: SidecarRequest) => new Map(commandEnvironment(req).entries);

  it('is the target environment, then HOME and TERM, then the user -e values (each later one wins)', () => {
    const req = request({
      target: facts({ env: ['PATH=/bin', 'A=target', 'HOME=/home/app', 'TERM=dumb', 'KEEP=1'] }),
      term: 'xterm-256color',
      env: { A: 'user', TERM: 'vt100', NEW: 'x' },
    });
    const env = envMap(req);
    expect(env.get('A')).toBe('user');
    expect(env.get('HOME')).toBe('/home/app'); // the target's own HOME is kept
    expect(env.get('TERM')).toBe('vt100'); // -e beats the terminal's
    expect(env.get('KEEP')).toBe('1');
    expect(env.get('NEW')).toBe('x');
    expect(env.has('PATH')).toBe(false);
    expect(commandEnvironment(req).path).toBe('/bin');
  });

  it('sets TERM from the terminal over the target and leaves it alone without a tty', () => {
    expect(envMap(request({ target: facts({ env: ['TERM=dumb'] }), term: 'xterm' })).get('TERM')).toBe('xterm');
    expect(envMap(request({ target: facts({ env: ['TERM=dumb'] }), term: null })).get('TERM')).toBe('dumb');
    expect(envMap(request({ target: facts({ env: [] }), term: null })).has('TERM')).toBe(false);
  });

  it('defaults HOME to /root for root and / for another user when the target has none', () => {
    expect(envMap(request({ target: facts({ env: [] }) })).get('HOME')).toBe('/root');
    expect(envMap(request({ target: facts({ env: [] }), user: '65532' })).has('HOME')).toBe(false); // the entry script reads it from /etc/passwd
  });

  it("leaves HOME to the entry script for another user on Podman, which puts the target user's HOME in every container", () => {
    const podman = facts({ env: ['container=podman', 'HOME=/root'] });
    expect(envMap(request({ target: podman, user: 'nonroot' })).has('HOME')).toBe(false);
    expect(envMap(request({ target: podman, user: 'nonroot', env: { HOME: '/tmp' } })).get('HOME')).toBe('/tmp'); // -e still wins
    expect(envMap(request({ target: podman })).get('HOME')).toBe('/root');
    expect(envMap(request({ target: facts({ env: ['HOME=/root'] }), user: 'nonroot' })).get('HOME')).toBe('/root'); // Docker: the target's own
  });

  it('keeps values with "=", newlines and unicode whole, and an entry without "=" as empty', () => {
    const env = envMap(request({ target: facts({ env: ['EQ=a=b=c', 'NL=l1\nl2', 'U=日本 ✓', 'BARE'] }) }));
    expect(env.get('EQ')).toBe('a=b=c');
    expect(env.get('NL')).toBe('l1\nl2');
    expect(env.get('U')).toBe('日本 ✓');
    expect(env.get('BARE')).toBe('');
  });

  it('round-trips through CDEBUG_ENV', () => {
    const req = request({ target: facts({ env: ['PATH=/bin', 'X=1'] }), term: 'xterm', env: { Y: 'it\'s "quoted" $HOME\n\\' } });
    const encoded = envOf(buildSidecarSpec(req)).get('CDEBUG_ENV') ?? '';
    expect(decodeEnv(encoded)).toEqual(commandEnvironment(req).entries);
  });
});
