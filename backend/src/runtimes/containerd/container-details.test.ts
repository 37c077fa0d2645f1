import { describe, expect, it } from 'vitest';
import type { Container, Process } from './client/messages.js';
import { byRunningThenNewest, containerDetails } from './container-details.js';

function container(id: string, seconds: number, spec: unknown = {}): Container {
  return {
    id,
    labels: {},
    image: 'docker.io/library/busybox:latest',
    runtime: { name: 'io.containerd.runc.v2' },
    spec: { typeUrl: 'x', value: Buffer.from(JSON.stringify(spec)) },
    snapshotter: 'overlayfs',
    snapshotKey: id,
    createdAt: { seconds: String(seconds), nanos: 0 },
    updatedAt: null,
  };
}

function task(status: Process['status'], exitStatus = 0): Process {
  return {
    containerId: '',
    id: 'x',
    pid: 42,
    status,
    stdin: '',
    stdout: '',
    stderr: '',
    terminal: false,
    exitStatus,
    exitedAt: { seconds: '1700000100', nanos: 0 },
  };
}

describe('containerDetails', () => {
  it('describes a running task with what its spec says', () => {
    const spec = {
      process: { args: ['/app', '--flag'], user: { uid: 65532, gid: 65532 } },
      root: { readonly: true },
      linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/var/run/netns/x' }] },
    };
    expect(containerDetails(container('web', 1700000000, spec), task('RUNNING'))).toMatchObject({
      id: 'web',
      name: 'web',
      state: 'running',
      status: 'running (pid 42)',
      command: '/app --flag',
      user: '65532:65532',
      readOnly: true,
      pidMode: '',
      networkMode: 'ns:/var/run/netns/x',
      exitCode: null,
      createdAt: '2023-11-14T22:13:20.000Z',
    });
  });

  it('says how a stopped task ended, and that a container without a task was never started', () => {
    expect(containerDetails(container('old', 1), task('STOPPED', 3))).toMatchObject({
      state: 'exited',
      status: 'exited (3)',
      exitCode: 3,
      finishedAt: '2023-11-14T22:15:00.000Z',
    });
    expect(containerDetails(container('new', 1), null)).toMatchObject({ state: 'created', exitCode: null, finishedAt: '' });
  });

  it('reads a spec without namespaces as the host', () => {
    expect(containerDetails(container('h', 1, { linux: {} }), null)).toMatchObject({ pidMode: 'host', networkMode: 'host' });
  });
});

describe('byRunningThenNewest', () => {
  it('puts running tasks first, then the newest', () => {
    const list = [
      containerDetails(container('a-stopped-new', 300), task('STOPPED')),
      containerDetails(container('b-running-old', 100), task('RUNNING')),
      containerDetails(container('c-running-new', 200), task('RUNNING')),
    ];
    expect(list.sort(byRunningThenNewest).map((c) => c.id)).toEqual(['c-running-new', 'b-running-old', 'a-stopped-new']);
  });
});
