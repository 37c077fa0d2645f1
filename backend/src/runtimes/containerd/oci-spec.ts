// The sidecar's OCI runtime spec on containerd: the same entry script, environment, labels and
// privileges as the Docker sidecar (sidecar/spec.ts, sidecar/profiles.ts), in runc's terms. It
// joins the target task's PID and network namespaces by path (/proc/<task pid>/ns/...), and
// gets mount, UTS and IPC namespaces of its own. Pure: unit-tested without containerd.

import { ENTRY_COMMAND, entryArguments, sidecarEnvironment, type SidecarRequest } from '../../sidecar/spec.js';

export interface OciSidecarRequest extends SidecarRequest {
  /** the target task's first process as the host sees it */
  targetTaskPid: number;
  /** the toolkit image's own environment (its PATH finds `sh`) */
  imageEnv: readonly string[];
  /** containerd's namespace, which names the sidecar's cgroup as containerd's clients do */
  namespace: string;
  /** the container id the sidecar gets */
  containerId: string;
}

/** what every container gets from Docker and containerd alike, before a profile adds or drops */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
];

/** every capability (privileged: the sysadmin profile) */
export const ALL_CAPABILITIES: readonly string[] = [
  ...DEFAULT_CAPABILITIES,
  'DAC_READ_SEARCH',
  'LINUX_IMMUTABLE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'LEASE',
  'AUDIT_CONTROL',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
];

/** containerd's defaults: what a container may not read or write of the host's /proc and /sys */
const MASKED_PATHS = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** the profile's capabilities as runc takes them: CAP_ names, the defaults with the profile's additions and drops */
export function capabilitySet(privileges: SidecarRequest['privileges']): string[] {
  if (privileges.Privileged) return ALL_CAPABILITIES.map((c) => `CAP_${c}`);
  const dropAll = privileges.CapDrop.includes('ALL');
  const base = dropAll ? [] : DEFAULT_CAPABILITIES.filter((c) => !privileges.CapDrop.includes(c));
  const added = privileges.CapAdd.includes('ALL') ? ALL_CAPABILITIES : privileges.CapAdd;
  return [...new Set([...base, ...added])].map((c) => `CAP_${c}`);
}

export function buildOciSpec(req: OciSidecarRequest): Record<string, unknown> {
  const caps = capabilitySet(req.privileges);
  const ns = (type: string) => ({ type, path: `/proc/${req.targetTaskPid}/ns/${type === 'network' ? 'net' : type}` });
  const privileged = req.privileges.Privileged;
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: req.tty,
      // numeric: an image without /etc/passwd resolves it all the same
      user: { uid: 0, gid: 0, additionalGids: [0] },
      args: [...ENTRY_COMMAND, ...entryArguments(req)],
      env: [...req.imageEnv, ...sidecarEnvironment(req)],
      cwd: '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: req.privileges.SecurityOpt.includes('no-new-privileges'),
    },
    // the snapshot's mounts, which the task's creation mounts here
    root: { path: 'rootfs', readonly: false },
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
      { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', privileged ? 'rw' : 'ro'] },
    ],
    linux: {
      // the target's PID namespace: /proc shows its processes, /proc/<pid>/root its files
      namespaces: [ns('pid'), ns('network'), { type: 'mount' }, { type: 'uts' }, { type: 'ipc' }],
      cgroupsPath: `/${req.namespace}/${req.containerId}`,
      resources: { devices: [{ allow: privileged, access: 'rwm' }] },
      ...(privileged ? {} : { maskedPaths: MASKED_PATHS, readonlyPaths: READONLY_PATHS }),
    },
  };
}
