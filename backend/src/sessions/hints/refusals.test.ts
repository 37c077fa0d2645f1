// The refusal matcher against the lines the tools really print (busybox 1.35/1.36, iproute2,
// iputils, tcpdump, iptables, strace, gdb, util-linux, procps, bash), and lines that look close
// but are no refusal.
import { describe, expect, it } from 'vitest';
import { mayBeRefusal, refusalIn } from './refusals.js';

const REFUSED: [line: string, command: string, capability: string][] = [
  ['ip: SIOCSIFMTU: Operation not permitted', 'ip', 'NET_ADMIN'],
  ['ip: RTNETLINK answers: Operation not permitted', 'ip', 'NET_ADMIN'],
  ['RTNETLINK answers: Operation not permitted', 'ip', 'NET_ADMIN'],
  ['ifconfig: SIOCSIFMTU: Operation not permitted', 'ifconfig', 'NET_ADMIN'],
  ['route: SIOCADDRT: Operation not permitted', 'route', 'NET_ADMIN'],
  ["tcpdump: eth0: You don't have permission to capture on that device", 'tcpdump', 'NET_RAW'],
  ['tcpdump: socket: Operation not permitted', 'tcpdump', 'NET_RAW'],
  ['ping: permission denied (are you root?)', 'ping', 'NET_RAW'],
  ['ping: socket: Operation not permitted', 'ping', 'NET_RAW'],
  ['traceroute: socket(AF_INET,3,1): Operation not permitted', 'traceroute', 'NET_RAW'],
  ['arping: socket(AF_PACKET,2,1544): Operation not permitted', 'arping', 'NET_RAW'],
  ["iptables v1.8.9 (legacy): can't initialize iptables table `filter': Permission denied (you must be root)", 'iptables', 'NET_ADMIN'],
  ['iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)', 'iptables', 'NET_ADMIN'],
  ['ip6tables: Permission denied (you must be root).', 'ip6tables', 'NET_ADMIN'],
  ['netlink: Error: cache initialization failed: Operation not permitted', 'nft', 'NET_ADMIN'],
  ['Error: Could not process rule: Operation not permitted', 'nft', 'NET_ADMIN'],
  ['conntrack v1.4.7 (conntrack-tools): Operation failed: Operation not permitted', 'conntrack', 'NET_ADMIN'],
  ['ss: Operation not permitted', 'ss', 'NET_ADMIN'],
  ['strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted', 'strace', 'SYS_PTRACE'],
  ['strace: test_ptrace_get_syscall_info: PTRACE_TRACEME: Operation not permitted', 'strace', 'SYS_PTRACE'],
  ['ptrace: Operation not permitted.', 'gdb', 'SYS_PTRACE'],
  ['mount: permission denied (are you root?)', 'mount', 'SYS_ADMIN'],
  ['mount: /mnt: permission denied.', 'mount', 'SYS_ADMIN'],
  ['umount: /mnt: Operation not permitted', 'umount', 'SYS_ADMIN'],
  ["nsenter: setns(): can't reassociate to namespace 'net': Operation not permitted", 'nsenter', 'SYS_ADMIN'],
  ["nsenter: reassociate to namespace 'ns/mnt' failed: Operation not permitted", 'nsenter', 'SYS_ADMIN'],
  ['unshare: unshare(0x40000000): Operation not permitted', 'unshare', 'SYS_ADMIN'],
  ['unshare: unshare failed: Operation not permitted', 'unshare', 'SYS_ADMIN'],
  ['hostname: sethostname: Operation not permitted', 'hostname', 'SYS_ADMIN'],
  ["chroot: can't change root directory to '/x': Operation not permitted", 'chroot', 'SYS_CHROOT'],
  ["kill: can't kill pid 1: Operation not permitted", 'kill', 'KILL'],
  ["sh: can't kill pid 1: Operation not permitted", 'kill', 'KILL'],
  ['bash: kill: (1) - Operation not permitted', 'kill', 'KILL'],
  ['bash: line 1: kill: (1) - Operation not permitted', 'kill', 'KILL'],
  ['kill: (1): Operation not permitted', 'kill', 'KILL'],
  ['kill: sending signal to 1 failed: Operation not permitted', 'kill', 'KILL'],
  ['pkill: killing pid 1 failed: Operation not permitted', 'pkill', 'KILL'],
  ['killall: cannot kill pid 1: Operation not permitted', 'killall', 'KILL'],
  ["date: can't set date: Operation not permitted", 'date', 'SYS_TIME'],
  ['dmesg: klogctl: Operation not permitted', 'dmesg', 'SYSLOG'],
  ['insmod: ERROR: could not insert module x.ko: Operation not permitted', 'insmod', 'SYS_MODULE'],
  ["chrt: failed to set pid 1's policy: Operation not permitted", 'chrt', 'SYS_NICE'],
  ['mknod: /dev/x: Operation not permitted', 'mknod', 'MKNOD'],
  ['chown: /srv/data: Operation not permitted', 'chown', 'CHOWN'],
  ['chmod: /srv/data: Operation not permitted', 'chmod', 'FOWNER'],
];

const NOT_REFUSED = [
  '/ # ip link set lo mtu 1400',
  '/ # echo Operation not permitted',
  'Operation not permitted',
  '(socket: Operation not permitted)',
  'cat: /proc/1/environ: Permission denied',
  'ls: /root: Permission denied',
  'sh: ./x: Permission denied',
  'myapp: Operation not permitted',
  'ip: RTNETLINK answers: File exists',
  'ping: bad address "nowhere"',
  'PING 127.0.0.1 (127.0.0.1): 56 data bytes',
  'strace: Process 1 attached',
  'mount: mounting x on /mnt failed: No such file or directory',
  'tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
  'iptables: No chain/target/match by that name.',
  '',
];

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('refusalIn', () => {
  it.each(REFUSED)('%s', (line, command, capability) => {
    expect(refusalIn(line)).toEqual({ command, capability, message: line });
  });

  it.each(NOT_REFUSED)('no refusal: %j', (line) => {
    expect(refusalIn(line)).toBeNull();
  });

  it('lets the scanner skip no refused line unread', () => {
    for (const [line] of REFUSED) expect(mayBeRefusal(bytes(line))).toBe(true);
    expect(mayBeRefusal(bytes('drwxr-xr-x    2 root     root          4096 Jan  1 00:00 bin'))).toBe(false);
  });

  it('keeps at most 200 characters of the line', () => {
    const line = `ip: SIOCSIFMTU: ${'x'.repeat(400)}: Operation not permitted`;
    expect(refusalIn(line)?.message).toHaveLength(200);
  });
});
