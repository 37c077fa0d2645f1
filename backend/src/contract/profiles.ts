// `--profile` / the `profile` field of `POST /api/sessions`: the sidecar's privileges, named as
// kubectl debug names them, with `--cap-add`/`--cap-drop` on top. Plain values: the schema, the
// sidecar's mapping (sidecar/profiles.ts), the CLI's help and the Debug dialog read them.

export const PROFILES = ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
export type Profile = (typeof PROFILES)[number];

/** the least that works for every target: today's sidecar */
export const DEFAULT_PROFILE: Profile = 'general';

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

/** one line each on what it grants (and, where it matters, what it cannot do) */
export const PROFILE_DESCRIPTIONS: Record<Profile, string> = {
  general: "the engine's default capabilities and SYS_PTRACE: reaches every target, strace and gdb work (the default)",
  baseline: "the engine's default capabilities only: reaches targets that run as root; no strace, no other users' targets",
  restricted:
    "only SYS_PTRACE and SYS_CHROOT (with -u: SETUID, SETGID, KILL), no new privileges: reads the target, but not other users' private files; no kill, ping or network changes",
  netadmin: 'general plus NET_ADMIN and NET_RAW: tcpdump, ping, iptables and ip route in the target network',
  sysadmin: 'privileged: every capability and device, as --privileged; only when a tool needs it',
};

/** a Linux capability name as the engine takes it: "NET_ADMIN" or "CAP_NET_ADMIN", or ALL */
export const CAPABILITY_PATTERN = '^(CAP_)?[A-Z][A-Z_]{1,31}$|^ALL$';
export const MAX_CAPABILITIES = 64;
