import { describe, expect, it } from 'vitest';
import { namespaceMode, sandboxConfig, targetFacts } from './inspect.js';
import type { PodSandboxStatus } from './types.js';

// containerd 1.6's verbose ContainerStatus, trimmed to what is read
const containerInfo = {
  info: JSON.stringify({
    sandboxID: 'pod1',
    pid: 2658,
    config: { metadata: { name: 'app' }, linux: { security_context: { namespace_options: { network: 2, pid: 1 } } } },
    runtimeSpec: { process: { env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'FIXTURE_MODE=distroless'], cwd: '/srv' } },
  }),
};

const status: PodSandboxStatus = {
  id: 'pod1',
  metadata: { name: 'web', uid: 'u1', namespace: 'shop', attempt: 0 },
  state: 'SANDBOX_READY',
  createdAt: 1,
  linux: { namespaces: { options: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD', targetId: '' } } },
  labels: { 'io.kubernetes.pod.name': 'web' },
  annotations: {},
  runtimeHandler: '',
};

describe('the target, from the runtime verbose status', () => {
  it('reads its environment, working directory and first process', () => {
    expect(targetFacts('c1', 'shop/web/app', containerInfo)).toEqual({
      id: 'c1',
      name: 'shop/web/app',
      env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'FIXTURE_MODE=distroless'],
      workingDir: '/srv',
      pidMode: '',
      ipcMode: '',
      hostPid: 2658,
    });
  });

  it("finds the target by cgroup in a pod's shared PID namespace, and by host pid in the node's", () => {
    const shared = { info: JSON.stringify({ config: { linux: { security_context: { namespace_options: {} } } } }) };
    expect(targetFacts('c1', 'n', shared).pidMode).toBe('container:c1');
    const node = { info: JSON.stringify({ pid: 7, config: { linux: { security_context: { namespace_options: { pid: 2 } } } } }) };
    expect(targetFacts('c1', 'n', node)).toMatchObject({ pidMode: 'host', hostPid: 7 });
  });

  it('falls back to the root and no environment when the runtime says nothing more (another runtime)', () => {
    expect(targetFacts('c1', 'n', {})).toMatchObject({ env: [], workingDir: '/', hostPid: 0 });
    expect(targetFacts('c1', 'n', { info: 'not json' })).toMatchObject({ env: [], workingDir: '/' });
  });

  it('reads namespace modes as names or as their numbers, POD when absent', () => {
    expect([0, 1, 2, 3, 'NODE', undefined, 9].map(namespaceMode)).toEqual(['POD', 'CONTAINER', 'NODE', 'TARGET', 'NODE', 'POD', 'POD']);
  });
});

describe("the pod's sandbox config, for CreateContainer", () => {
  it("takes the runtime's copy of it: cgroup parent, log directory, privileged", () => {
    const info = {
      info: JSON.stringify({
        config: {
          metadata: { name: 'web', namespace: 'shop' },
          hostname: 'web',
          log_directory: '/var/log/pods/shop_web_u1',
          labels: { team: 'a' },
          linux: { cgroup_parent: '/kubepods/pod-u1', security_context: { namespace_options: { network: 2, pid: 1 }, privileged: true } },
        },
      }),
    };
    expect(sandboxConfig(status, info)).toEqual({
      metadata: status.metadata,
      hostname: 'web',
      logDirectory: '/var/log/pods/shop_web_u1',
      labels: { team: 'a', 'io.kubernetes.pod.name': 'web' },
      annotations: {},
      linux: {
        cgroupParent: '/kubepods/pod-u1',
        securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' }, privileged: true, readonlyRootfs: false },
      },
    });
  });

  it('is rebuilt from the status when the runtime keeps no copy', () => {
    expect(sandboxConfig(status, {})).toEqual({
      metadata: status.metadata,
      labels: status.labels,
      annotations: {},
      linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
    });
  });
});
