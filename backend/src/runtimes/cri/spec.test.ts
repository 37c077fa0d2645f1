import { describe, expect, it } from 'vitest';
import { buildSidecarSpec, LABELS, type SidecarRequest } from '../../sidecar/spec.js';
import { criSidecarConfig, GATE_PATH } from './spec.js';

const request: SidecarRequest = {
  sessionId: 's1',
  owner: 'cli:host:1',
  target: { id: 'target-id', name: 'default/pod/app', env: ['PATH=/bin', 'A=b=c'], workingDir: '/srv', pidMode: '', ipcMode: '', hostPid: 42 },
  image: 'busybox:latest',
  cmd: ['sh', '-c', 'echo "$1"'],
  shell: null,
  user: null,
  privileges: { profile: 'general', CapAdd: ['SYS_PTRACE'], CapDrop: [], Privileged: false, SecurityOpt: [] },
  env: {},
  tty: true,
  stdin: true,
  stdinOnce: true,
  term: 'xterm',
  size: { cols: 80, rows: 24 },
};

describe('the sidecar as a CRI container (criSidecarConfig of the one sidecar spec)', () => {
  const config = criSidecarConfig(buildSidecarSpec(request), 'target-id', { network: 'NODE', ipc: 'POD' });

  it("joins the target's PID namespace and the pod's network and IPC", () => {
    expect(config.linux.securityContext.namespaceOptions).toEqual({ pid: 'TARGET', targetId: 'target-id', network: 'NODE', ipc: 'POD' });
  });

  it('runs the entry script with the command as arguments, never pasted into shell text', () => {
    expect(config.command).toEqual(['sh', '-c', 'eval "$CDEBUG_ENTRY"', 'cdebug']);
    expect(config.args).toEqual(['run', 'sh', '-c', 'echo "$1"']);
  });

  it('carries the entry script, the gate and the settings in its environment, values with = intact', () => {
    const env = new Map(config.envs.map((e) => [e.key, e.value]));
    expect(env.get('CDEBUG_GATE')).toBe(GATE_PATH);
    expect(env.get('CDEBUG_ENTRY')).toContain('CDEBUG_GATE');
    expect(env.get('CDEBUG_WORKDIR')).toBe('/srv');
    expect(env.get('CDEBUG_TARGET_PID')).toBe('1');
    expect(env.get('CDEBUG_ENV')).toContain('A=b=c');
  });

  it("has a pty, StdinOnce input, the profile's capabilities without CAP_, runs as root, and cdebug's labels", () => {
    expect(config).toMatchObject({ tty: true, stdin: true, stdinOnce: true, workingDir: '/' });
    expect(config.linux.securityContext.capabilities).toEqual({ addCapabilities: ['SYS_PTRACE'], dropCapabilities: [] });
    expect(config.linux.securityContext.runAsUser).toEqual({ value: 0 });
    expect(config.linux.securityContext.privileged).toBe(false);
    expect(config.labels[LABELS.session]).toBe('s1');
    expect(config.labels[LABELS.target]).toBe('target-id');
    expect(config.labels[LABELS.owner]).toBe('cli:host:1');
    expect(config.metadata).toEqual({ name: 'cdebug-s1', attempt: 0 });
    expect(config.image).toEqual({ image: 'busybox:latest' });
  });

  it("says the restricted profile's no-new-privileges and dropped capabilities in CRI's words", () => {
    const restricted = criSidecarConfig(
      buildSidecarSpec({
        ...request,
        privileges: { profile: 'restricted', CapAdd: ['SYS_PTRACE', 'SYS_CHROOT'], CapDrop: ['ALL'], Privileged: false, SecurityOpt: ['no-new-privileges'] },
      }),
      'target-id',
      { network: 'POD', ipc: 'POD' },
    );
    expect(restricted.linux.securityContext.capabilities).toEqual({ addCapabilities: ['SYS_PTRACE', 'SYS_CHROOT'], dropCapabilities: ['ALL'] });
    expect(restricted.linux.securityContext.noNewPrivs).toBe(true);
  });
});
