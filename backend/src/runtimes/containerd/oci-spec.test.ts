import { describe, expect, it } from 'vitest';
import { ENTRY_SCRIPT } from '../../sidecar/entry-script.js';
import { privilegeSettings, type PrivilegeSettings } from '../../sidecar/profiles.js';
import { buildOciSpec, capabilitySet, type OciSidecarRequest } from './oci-spec.js';

function settings(profile?: string, capDrop?: string[], capAdd?: string[]): PrivilegeSettings {
  const r = privilegeSettings({ profile, capDrop, capAdd, switchesUser: false });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function request(over: Partial<OciSidecarRequest> = {}): OciSidecarRequest {
  return {
    sessionId: '0123456789abcdef',
    owner: 'cli:box:1',
    target: { id: 'app', name: 'app', env: ['PATH=/app/bin', 'MODE=x'], workingDir: '/srv', pidMode: '', ipcMode: '', hostPid: 4242 },
    image: 'docker.io/library/busybox:latest',
    cmd: ['sh', '-c', 'echo "$HOME"'],
    shell: null,
    user: null,
    privileges: settings(),
    env: {},
    tty: true,
    stdin: true,
    stdinOnce: true,
    term: 'xterm',
    size: { cols: 100, rows: 30 },
    targetTaskPid: 4242,
    imageEnv: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'],
    namespace: 'default',
    containerId: 'cdebug-0123456789abcdef',
    ...over,
  };
}

type Spec = {
  process: {
    terminal: boolean;
    args: string[];
    env: string[];
    cwd: string;
    user: { uid: number };
    capabilities: { bounding: string[] };
    noNewPrivileges: boolean;
  };
  root: { path: string };
  mounts: Array<{ destination: string; type: string; options: string[] }>;
  linux: { namespaces: Array<{ type: string; path?: string }>; cgroupsPath: string; maskedPaths?: string[]; resources: { devices: Array<{ allow: boolean }> } };
};
const spec = (over: Partial<OciSidecarRequest> = {}) => buildOciSpec(request(over)) as unknown as Spec;

describe('buildOciSpec', () => {
  it("joins the target task's PID and network namespaces by path, with mount, UTS and IPC of its own", () => {
    expect(spec().linux.namespaces).toEqual([
      { type: 'pid', path: '/proc/4242/ns/pid' },
      { type: 'network', path: '/proc/4242/ns/net' },
      { type: 'mount' },
      { type: 'uts' },
      { type: 'ipc' },
    ]);
  });

  it("runs Docker's entry script with the user's arguments untouched, on a pty when asked", () => {
    const s = spec();
    expect(s.process.args).toEqual(['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug', 'run', 'sh', '-c', 'echo "$HOME"']);
    expect(s.process.terminal).toBe(true);
    expect(spec({ tty: false }).process.terminal).toBe(false);
    expect(spec({ cmd: [], shell: 'auto' }).process.args).toEqual(['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug', 'run']);
  });

  it("hands the script over in the environment, after the toolkit image's own PATH", () => {
    const env = spec().process.env;
    expect(env[0]).toBe('PATH=/usr/sbin:/usr/bin:/sbin:/bin');
    expect(env).toContain(`CDEBUG_ENTRY=${ENTRY_SCRIPT}`);
    expect(env).toContain('CDEBUG_TARGET_PID=1');
    expect(env).toContain('CDEBUG_TARGET_PATH=/app/bin');
    expect(env).toContain('CDEBUG_WORKDIR=/srv');
    expect(env).toContain('CDEBUG_SIZE=100x30');
  });

  it('runs as root in the snapshot, in a cgroup named as containerd names its own', () => {
    const s = spec();
    expect(s.process.user.uid).toBe(0);
    expect(s.process.cwd).toBe('/');
    expect(s.root.path).toBe('rootfs');
    expect(s.linux.cgroupsPath).toBe('/default/cdebug-0123456789abcdef');
  });

  it('mounts /proc, /dev, /dev/pts, /dev/shm and /sys', () => {
    expect(spec().mounts.map((m) => m.destination)).toEqual(['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue', '/sys']);
    expect(spec().mounts.find((m) => m.destination === '/sys')?.options).toContain('ro');
  });

  it('masks the host paths and denies devices, unless privileged', () => {
    expect(spec().linux.maskedPaths).toContain('/proc/kcore');
    expect(spec().linux.resources.devices).toEqual([{ allow: false, access: 'rwm' }]);
    const privileged = spec({ privileges: settings('sysadmin') });
    expect(privileged.linux.maskedPaths).toBeUndefined();
    expect(privileged.linux.resources.devices).toEqual([{ allow: true, access: 'rwm' }]);
    expect(privileged.process.capabilities.bounding).toContain('CAP_SYS_ADMIN');
  });

  it('keeps no-new-privileges for the restricted profile', () => {
    expect(spec().process.noNewPrivileges).toBe(false);
    expect(spec({ privileges: settings('restricted') }).process.noNewPrivileges).toBe(true);
  });
});

describe('capabilitySet', () => {
  it("is Docker's defaults plus SYS_PTRACE for the general profile", () => {
    const caps = capabilitySet(settings());
    expect(caps).toContain('CAP_SYS_PTRACE');
    expect(caps).toContain('CAP_SYS_CHROOT');
    expect(caps).toContain('CAP_CHOWN');
    expect(caps).not.toContain('CAP_SYS_ADMIN');
  });

  it('drops everything but what restricted adds back', () => {
    expect(capabilitySet(settings('restricted')).sort()).toEqual(['CAP_SYS_CHROOT', 'CAP_SYS_PTRACE']);
  });

  it("follows the user's --cap-add and --cap-drop", () => {
    const caps = capabilitySet(settings('general', ['NET_RAW'], ['NET_ADMIN']));
    expect(caps).toContain('CAP_NET_ADMIN');
    expect(caps).not.toContain('CAP_NET_RAW');
  });
});
