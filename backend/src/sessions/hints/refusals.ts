// Which line of a terminal says that a command was refused for lack of a privilege, and which
// Linux capability it lacked. The messages are the ones the tools really print (busybox's, the
// GNU and iproute2 ones, strace's, gdb's), with the program's name first: a line must begin with
// it, so a prompt or an echoed command never matches, and an unknown program's refusal is not
// guessed at. Pure.

import { HINT_MESSAGE_MAX_LENGTH } from '../../contract/index.js';

export interface Refusal {
  /** the program that was refused ("tcpdump") */
  command: string;
  /** the capability it lacked, as the engine names it ("NET_RAW") */
  capability: string;
  /** the line, as shown */
  message: string;
}

interface Rule {
  pattern: RegExp;
  capability: string;
  /** the program's name: the pattern's first group, or this when the line does not name it */
  command: string;
}

const EPERM = 'Operation not permitted';
// an optional version after the name ("iptables v1.8.9 (legacy): …", "conntrack v1.4.7 (conntrack-tools): …")
const VERSION = String.raw`(?: v\d[^:]*)?`;

const rule = (names: string, rest: string, capability: string, command = '', flags = ''): Rule => ({
  pattern: new RegExp(`^(${names})${VERSION}: ${rest}`, flags),
  capability,
  command,
});

const RULES: readonly Rule[] = [
  // packets: raw sockets
  rule('tcpdump|tshark|dumpcap', `.*(?:You don't have permission to capture|${EPERM}|[Pp]ermission denied)`, 'NET_RAW'),
  // busybox: "ping: permission denied (are you root?)"; iputils: "ping: socket: Operation not permitted"
  rule('ping6?|arping|traceroute6?|tracepath|mtr|nping|hping3|fping', `.*(?:${EPERM}|permission denied|are you root)`, 'NET_RAW', '', 'i'),
  // iproute2 prints it bare, busybox with "ip: " first
  { pattern: /^(?:(ip|tc|bridge): )?RTNETLINK answers: Operation not permitted/, capability: 'NET_ADMIN', command: 'ip' },
  // busybox: "ip: SIOCSIFMTU: …", "ifconfig: SIOCSIFFLAGS: …", "route: SIOCADDRT: …"
  rule('ip|ifconfig|route|tc|brctl|vconfig|ethtool|ipvsadm|conntrack|ss|ipset|ifup|ifdown|arp|iw|nameif|tunctl', `.*${EPERM}`, 'NET_ADMIN'),
  rule('ip6?tables(?:-[a-z]+)?|ip6?tables-legacy|ebtables|arptables|nft|xtables-[a-z-]+', `.*(?:${EPERM}|Permission denied)`, 'NET_ADMIN'),
  { pattern: /^(?:netlink: )?Error: (?:Could not process rule|cache initialization failed): Operation not permitted/, capability: 'NET_ADMIN', command: 'nft' },
  // tracing
  rule('strace|ltrace', `.*${EPERM}`, 'SYS_PTRACE'),
  { pattern: /^ptrace: Operation not permitted/, capability: 'SYS_PTRACE', command: 'gdb' },
  // namespaces, mounts, the host's name
  rule('nsenter|unshare|mount|umount|swapon|swapoff|losetup|pivot_root|hostname|domainname', `.*(?:${EPERM}|permission denied)`, 'SYS_ADMIN', '', 'i'),
  rule('chroot', `.*${EPERM}`, 'SYS_CHROOT'),
  // signals: busybox's applet and builtin ("kill: can't kill pid 1: …", "sh: can't kill pid 1: …"),
  // bash's ("bash: kill: (1) - …", "bash: line 1: kill: …"), procps's, pkill's, killall's
  rule('kill|pkill|killall|killall5', `.*${EPERM}`, 'KILL'),
  { pattern: /^[\w.-]+: (?:line \d+: )?kill: .*Operation not permitted/, capability: 'KILL', command: 'kill' },
  { pattern: /^[\w.-]+: can't kill pid \d+: Operation not permitted/, capability: 'KILL', command: 'kill' },
  // the clock, the kernel log, modules, scheduling, device files
  rule('date|hwclock|adjtimex|rdate|ntpd|chronyd', `.*${EPERM}`, 'SYS_TIME'),
  rule('dmesg', `.*${EPERM}`, 'SYSLOG'),
  rule('insmod|modprobe|rmmod', `.*${EPERM}`, 'SYS_MODULE'),
  rule('renice|nice|chrt|ionice|taskset', `.*(?:${EPERM}|Permission denied)`, 'SYS_NICE'),
  rule('mknod', `.*${EPERM}`, 'MKNOD'),
  // files: owners and modes of other users' files
  rule('chown|chgrp', `.*${EPERM}`, 'CHOWN'),
  rule('chmod|touch|setfacl', `.*${EPERM}`, 'FOWNER'),
];

// Every message above has "ermi" (permitted, permission, Permission): most lines do not, and are
// neither decoded nor matched (one native search per line, the matcher's main cost)
const NEEDLE = Buffer.from('ermi');

/** whether a line's first `length` bytes may hold a refusal: for the scanner, before it decodes the line */
export function mayBeRefusal(line: Buffer, length = line.length): boolean {
  // the first match is the earliest: one past the line's end means none inside it
  const at = line.indexOf(NEEDLE);
  return at !== -1 && at + NEEDLE.length <= length;
}

/** the refusal this line reports, or null */
export function refusalIn(line: string): Refusal | null {
  if (!line.includes('ermi')) return null;
  for (const { pattern, capability, command } of RULES) {
    const match = pattern.exec(line);
    if (match) return { command: match[1] ?? command, capability, message: line.slice(0, HINT_MESSAGE_MAX_LENGTH) };
  }
  return null;
}
