import type { ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { matching } from '../../../../test/helpers/matchers.js';
import { COPY_LABELS } from '../../../sidecar/spec.js';
import {
  buildCopySpec,
  checkImageUsable,
  copyLabels,
  copyMounts,
  copyName,
  copyNetworkMode,
  copyNote,
  imageBase,
  labelValue,
  mayNameContainer,
  originalFacts,
  PLACEHOLDER_COMMAND,
  pullsWhenMissing,
  runsNow,
  stateWords,
} from './plan.js';

type State = ContainerInspectInfo['State'];
const state = (fields: Partial<State>): State => ({
  Status: 'running',
  Running: false,
  Paused: false,
  Restarting: false,
  OOMKilled: false,
  Dead: false,
  Pid: 0,
  ExitCode: 0,
  Error: '',
  StartedAt: '',
  FinishedAt: '',
  ...fields,
});

describe('which reading a TARGET gets', () => {
  it('joins only a container that runs, unpaused, not being restarted and not just restarted by its policy', () => {
    const now = Date.parse('2026-01-01T00:00:10Z');
    const info = (fields: Partial<State>, RestartCount = 0) => ({ State: state({ StartedAt: '2026-01-01T00:00:00Z', ...fields }), RestartCount });
    expect(runsNow(info({ Running: true }), now)).toBe(true);
    expect(runsNow(info({ Running: true }, 5), now)).toBe(true);
    expect(runsNow(info({ Running: true, StartedAt: '2026-01-01T00:00:09.5Z' }, 5), now)).toBe(false);
    expect(runsNow(info({ Running: true, StartedAt: '2026-01-01T00:00:09.5Z' }, 0), now)).toBe(true);
    expect(runsNow(info({ Running: true, Paused: true, Status: 'paused' }), now)).toBe(false);
    expect(runsNow(info({ Running: true, Restarting: true, Status: 'restarting' }), now)).toBe(false);
    expect(runsNow(info({ Status: 'exited' }), now)).toBe(false);
    expect(runsNow(info({ Status: 'created' }), now)).toBe(false);
    expect(runsNow(info({ Status: 'dead', Dead: true }), now)).toBe(false);
  });

  it('says how a container that is not running stands', () => {
    expect(stateWords(state({ Status: 'exited', ExitCode: 1 }))).toBe('exited (code 1)');
    expect(stateWords(state({ Status: 'restarting', Running: true, Restarting: true, ExitCode: 1 }))).toBe('restarting (last exit code 1)');
    expect(stateWords(state({ Status: 'running', Running: true }), 7)).toBe('restarting (restarted 7 times)');
    expect(stateWords(state({ Status: 'created' }))).toBe('created');
    expect(stateWords(state({ Status: 'stopped', ExitCode: 2 }))).toBe('exited (code 2)');
    expect(stateWords(state({ Status: 'dead' }))).toBe('dead');
    expect(stateWords(state({ Status: 'paused', Running: true, Paused: true }))).toBe('paused');
  });

  it('reads a bare word as a container first, and pulls only what says it is an image', () => {
    expect(mayNameContainer('web')).toBe(true);
    expect(mayNameContainer('busybox:latest')).toBe(false);
    expect(mayNameContainer('cdebug-fixture/distroless')).toBe(false);
    expect(pullsWhenMissing('web', false)).toBe(false);
    expect(pullsWhenMissing('web', true)).toBe(true);
    expect(pullsWhenMissing('web:1', false)).toBe(true);
    expect(pullsWhenMissing('ghcr.io/x/y', false)).toBe(true);
  });

  it('refuses Windows images and images without files, saying what to do', () => {
    expect(checkImageUsable({ Os: 'linux', RootFS: { Type: 'layers', Layers: ['sha256:a'] } }, 'Image x')).toBeNull();
    expect(checkImageUsable({ Os: 'windows', RootFS: { Type: 'layers', Layers: ['sha256:a'] } }, 'Image x')).toMatchObject({
      code: 'target_unsupported',
      message: matching(/windows.*Linux/),
    });
    expect(checkImageUsable({ Os: 'linux', RootFS: { Type: 'layers' } }, 'Image x')).toMatchObject({
      code: 'target_unsupported',
      message: matching(/no files/),
    });
    expect(checkImageUsable({ Os: 'linux', RootFS: { Type: 'layers', Layers: [] } }, 'Image x')?.code).toBe('target_unsupported');
  });
});

describe('the copy', () => {
  it('is named for humans, in a form that can also tag its image', () => {
    expect(copyName('/web', '0123456789abcdef')).toBe('web-cdebug-copy-89abcdef');
    expect(copyName('/My_App.1', 'ABCDEF0123456789')).toBe('my-app-1-cdebug-copy-23456789');
    expect(copyName('___', '0123456789abcdef')).toBe('image-cdebug-copy-89abcdef');
    expect(copyName('x'.repeat(300), 's').length).toBeLessThanOrEqual(80);
    expect(imageBase('registry:5000/team/web:1.2')).toBe('web');
    expect(imageBase('busybox@sha256:abc')).toBe('busybox');
  });

  it('keeps the network mode unless it names a container', () => {
    expect(copyNetworkMode('none')).toBe('none');
    expect(copyNetworkMode('host')).toBe('host');
    expect(copyNetworkMode('my-net')).toBe('my-net');
    expect(copyNetworkMode('container:abc')).toBe('none');
    expect(copyNetworkMode(undefined)).toBe('none');
  });

  it('mounts volumes and bind mounts read-only unless asked, never writable where the original had them read-only', () => {
    const mounts = [
      {
        Type: 'volume',
        Name: 'data',
        Source: '/var/lib/docker/volumes/data/_data',
        Destination: '/data',
        Driver: 'local',
        Mode: '',
        RW: true,
        Propagation: '',
      },
      { Type: 'bind', Source: '/etc/app', Destination: '/conf', Mode: '', RW: true, Propagation: 'rprivate' },
      { Type: 'bind', Source: '/ro', Destination: '/ro', Mode: 'ro', RW: false, Propagation: 'rprivate' },
      { Type: 'tmpfs', Source: '', Destination: '/run', Mode: '', RW: true, Propagation: '' },
    ] as ContainerInspectInfo['Mounts'];
    expect(copyMounts(mounts, false)).toEqual([
      { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true, VolumeOptions: { NoCopy: true } },
      { Type: 'bind', Source: '/etc/app', Target: '/conf', ReadOnly: true },
      { Type: 'bind', Source: '/ro', Target: '/ro', ReadOnly: true },
      { Type: 'tmpfs', Target: '/run' },
    ]);
    expect(copyMounts(mounts, true).map((m) => m.ReadOnly)).toEqual([false, false, true, undefined]);
  });

  it('carries cdebug labels that a sweep finds, and none of an owner when kept', () => {
    expect(copyLabels({ of: 'abc', sessionId: 's1', owner: 'service:h:unix:/run/x.sock' })).toEqual({
      [COPY_LABELS.of]: 'abc',
      [COPY_LABELS.session]: 's1',
      [COPY_LABELS.owner]: 'service:h:unix:/run/x.sock',
    });
    expect(copyLabels({ of: 'abc', sessionId: 's1', owner: null })[COPY_LABELS.owner]).toBe('');
    expect(labelValue('a"b\\c')).toBe('a%22b%5Cc');
  });

  it('is the original without its ways to run: placeholder PID 1, no restart, no ports, no health check', () => {
    const spec = buildCopySpec(
      {
        image: 'sha256:img',
        name: 'web-cdebug-copy-1',
        env: ['A=1'],
        workingDir: '/srv',
        labels: { team: 'x', [COPY_LABELS.owner]: 'someone-else' },
        mounts: [{ Type: 'bind', Source: '/a', Target: '/b', ReadOnly: true }],
        tmpfs: { '/run': 'size=1m' },
        networkMode: 'none',
      },
      { [COPY_LABELS.owner]: 'me' },
    );
    expect(spec).toMatchObject({
      name: 'web-cdebug-copy-1',
      Image: 'sha256:img',
      Entrypoint: PLACEHOLDER_COMMAND,
      Cmd: [],
      Env: ['A=1'],
      WorkingDir: '/srv',
      User: '0:0',
      Labels: { team: 'x', [COPY_LABELS.owner]: 'me' },
      Healthcheck: { Test: ['NONE'] },
      HostConfig: {
        NetworkMode: 'none',
        Mounts: [{ Type: 'bind', Source: '/a', Target: '/b', ReadOnly: true }],
        Tmpfs: { '/run': 'size=1m' },
        RestartPolicy: { Name: 'no' },
        PortBindings: {},
        PublishAllPorts: false,
        AutoRemove: false,
      },
    });
    expect(spec.ExposedPorts).toBeUndefined();
  });

  it('knows what the original runs, and says where writes go', () => {
    expect(originalFacts({ Entrypoint: ['/app'], Cmd: ['--port', '80'], WorkingDir: '/srv', User: 'nobody' })).toEqual({
      argv: ['/app', '--port', '80'],
      workingDir: '/srv',
      user: 'nobody',
    });
    expect(originalFacts({ Entrypoint: null, Cmd: 'sh' })).toEqual({ argv: ['sh'], workingDir: '', user: '' });
    expect(copyNote({ kind: 'copy', name: 'web', state: 'exited (code 1)' })).toMatch(
      /^web is exited \(code 1\): this shell runs in a copy of it; changes stay in the copy/,
    );
    expect(copyNote({ kind: 'image', ref: 'busybox:latest' })).toMatch(/image busybox:latest; changes stay in it/);
  });
});
