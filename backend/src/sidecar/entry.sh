# cdebug sidecar entry script (POSIX sh: busybox ash, dash and bash run it). It arrives in
# $CDEBUG_ENTRY and runs as:  sh -c 'eval "$CDEBUG_ENTRY"' cdebug run CMD [ARG...]
#                         or: sh -c 'eval "$CDEBUG_ENTRY"' cdebug cleanup
# The user's command arrives as positional parameters and is only ever expanded as "$@":
# never pasted into shell text. Settings come from the environment: CDEBUG_TARGET_PID (a
# number, or cgroup:<container id> to find the target's first process), CDEBUG_TARGET_PATH,
# CDEBUG_WORKDIR, CDEBUG_USER (uid[:gid] or names; empty for root), CDEBUG_SIZE (COLSxROWS,
# the terminal's size, with a tty), CDEBUG_ENV (the command's environment, one K=V a line,
# bytes outside [A-Za-z0-9_=.,:/@%+-] as \0ooo) and CDEBUG_SHELL (with no command: the shell);
# in a copy or image session also CDEBUG_NOTE (the first line it prints) and CDEBUG_ENTRYPOINT
# (the `entrypoint` command's text); on a CRI runtime CDEBUG_GATE (a file to wait for).
set -u

# The toolkit's own file for a tool, in $tool: `command -v` may name a shell builtin or applet
# instead. Results go in variables, not through $(...): every fork before the command is time
# the user waits for a prompt (a few ms each on a busy machine).
find_tool() {
  tool=
  set -f; old_ifs=$IFS; IFS=:
  for d in $PATH; do
    if [ -f "$d/$1" ] && [ -x "$d/$1" ]; then IFS=$old_ifs; set +f; tool=$d/$1; return 0; fi
  done
  IFS=$old_ifs; set +f
  return 1
}
say() { printf 'cdebug: %s\n' "$*" >&2; }
die() { say "$*"; exit 125; }
# @include shell-choice.sh

# The target's first process, in $tpid: PID 1 unless the target joined another PID namespace.
target_pid() {
  case "${CDEBUG_TARGET_PID:-1}" in
    cgroup:*)
      want=${CDEBUG_TARGET_PID#cgroup:}
      for d in /proc/[0-9]*; do
        p=${d#/proc/}
        if grep -q "$want" "$d/cgroup" 2>/dev/null; then
          if [ -z "${found:-}" ] || [ "$p" -lt "$found" ]; then found=$p; fi
        fi
      done
      [ -n "${found:-}" ] || die "cannot find the target's processes in the shared PID namespace"
      tpid=$found ;;
    *) tpid=${CDEBUG_TARGET_PID:-1} ;;
  esac
}

# A /nix link is ours when it points into some process's /proc root: nothing a target ships.
remove_nix_link() {
  l=/proc/$1/root/nix
  if [ -L "$l" ]; then
    case "$(readlink "$l")" in
      /proc/[0-9]*/root/nix) rm -f "$l" ;;
    esac
  fi
}

# Ends a session from outside (the engine runs this with `exec` in the sidecar): kills the
# command's processes deepest first, so that each parent, and last the anchor, reaps its
# children. Killed all at once, they would be left to the target's PID 1 to reap, and a
# distroless program never does: they would stay in its process table as zombies.
end_session() {
  own_cgroup=$(cat /proc/self/cgroup)
  members=
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [ "$p" = "$$" ] && continue
    [ "$(cat "$d/cgroup" 2>/dev/null)" = "$own_cgroup" ] || continue
    ppid=$(while read -r k v; do [ "$k" = PPid: ] && echo "$v"; done < "$d/status" 2>/dev/null)
    [ "$ppid" = "$$" ] && continue
    members="$members $p:$ppid"
  done
  depth_of() { # pid -> how many members stand between it and the anchor
    depth=0; cur=$1
    while :; do
      parent=
      for m in $members; do [ "${m%%:*}" = "$cur" ] && parent=${m#*:}; done
      case " $members" in *" $parent:"*) depth=$((depth + 1)); cur=$parent ;; *) break ;; esac
    done
    echo "$depth"
  }
  max=0; list=
  for m in $members; do
    d=$(depth_of "${m%%:*}"); list="$list ${m%%:*}:$d"; [ "$d" -gt "$max" ] && max=$d
  done
  # From the first kill on, the session may end at any moment and the engine then kills this
  # script too: a child of ours would be orphaned into the target. So no more forks: wait with
  # a builtin loop instead of sleep(1), until each killed process has left /proc (its parent has
  # reaped it; a zombie keeps its entry), and only then kill the parents. A fixed pause was
  # not always enough on a busy machine: a parent killed before it reaped left a zombie to the
  # target's PID 1. The wait is bounded, for a parent that never reaps.
  level=$max
  while [ "$level" -ge 2 ]; do
    killed=
    for m in $list; do
      [ "${m#*:}" = "$level" ] && kill -KILL "${m%%:*}" 2>/dev/null && killed="$killed ${m%%:*}"
    done
    i=0
    while [ "$i" -lt 100000 ]; do
      left=
      for p in $killed; do [ -e "/proc/$p" ] && left=1; done
      [ -n "$left" ] || break
      i=$((i + 1))
    done
    level=$((level - 1))
  done
  # Last the anchor's own child: the anchor then cleans up and exits, and the engine kills
  # what is left of the sidecar, this script included, so nothing after this may fork.
  for m in $list; do [ "${m#*:}" = 1 ] && kill -KILL "${m%%:*}" 2>/dev/null; done
}

if [ "${1:-}" = cleanup ]; then
  end_session
  exit 0
fi
[ "${1:-}" = run ] || die "internal error: unknown mode '${1:-}'"
shift

# A CRI runtime attaches only to a running container, and its attach shows nothing printed
# before it: the engine creates the file CDEBUG_GATE (in this sidecar's own filesystem) once it
# is attached. Wait for it before anything is printed; bounded, so a lost engine ends nothing
# worse than a late prompt.
if [ -n "${CDEBUG_GATE:-}" ]; then
  n=0
  while [ ! -e "$CDEBUG_GATE" ] && [ "$n" -lt 1200 ]; do
    sleep 0.05 2>/dev/null || sleep 1
    n=$((n + 1))
  done
fi

# The engine sizes the pty only after the start (a round trip after it): when it is still 0x0
# here, give it the client's size at once, so that the command starts at the right size without
# waiting. The engine's resize follows with the same size. First, before anything is printed:
# a newer size the engine applies between the check and the set is overwritten, and the service
# asks for it again at the first output byte (SidecarHandle.outputBegan).
if [ -n "${CDEBUG_SIZE:-}" ] && [ -t 0 ]; then
  case "$(stty size 2>/dev/null)" in
    '' | '0 '* | *' 0') stty rows "${CDEBUG_SIZE#*x}" cols "${CDEBUG_SIZE%x*}" 2>/dev/null ;;
  esac
fi

target_pid
root=/proc/$tpid/root
[ -d "$root/" ] || die "cannot reach the target's root filesystem at $root (is CAP_SYS_PTRACE granted?)"
anchor=$$

# A user switch needs a helper from the toolkit; a second anchor running as that user keeps
# the toolkit reachable for it (a process may only follow /proc/<pid>/root of its own uid).
switch=
tools=$anchor
user_anchor=
if [ -n "${CDEBUG_USER:-}" ]; then
  uid=${CDEBUG_USER%%:*}
  gid=
  case $CDEBUG_USER in *:*) gid=${CDEBUG_USER#*:} ;; esac
  # field 1 is the name, field 3 the id, in both /etc/passwd and /etc/group
  id_of() {
    while IFS=: read -r name _ id rest; do
      [ "$name" = "$2" ] && { echo "$id"; return 0; }
    done < "$root/etc/$1"
    return 1
  }
  case $uid in
    '' | *[!0-9]*)
      name=$uid
      uid=$(id_of passwd "$name" 2>/dev/null) ||
        die "user '$name' is not in the target's /etc/passwd: give a numeric uid[:gid]"
      if [ -z "$gid" ]; then
        gid=$(while IFS=: read -r n _ _ g _; do [ "$n" = "$name" ] && echo "$g"; done < "$root/etc/passwd")
      fi ;;
  esac
  [ -n "$gid" ] || gid=$uid
  # the user's home, field 6 of the passwd line with this uid: HOME's default, as docker exec -u
  home=$(while IFS=: read -r _ _ id _ _ h _; do [ "$id" = "$uid" ] && { echo "$h"; break; }; done < "$root/etc/passwd" 2>/dev/null)
  case $gid in
    *[!0-9]*)
      group=$gid
      gid=$(id_of group "$group" 2>/dev/null) ||
        die "group '$group' is not in the target's /etc/group: give a numeric gid" ;;
  esac
  if find_tool setpriv && setpriv --help 2>&1 | grep -q -- --reuid; then
    switch=setpriv
  elif find_tool nsenter && nsenter --help 2>&1 | grep -q -- '-S UID'; then
    switch=nsenter
  else
    die "the toolkit image has no setpriv or nsenter to switch users: drop -u, or use a toolkit that has one (busybox does)"
  fi
  # a simple command in the background is exec'd in the forked child: $! is the anchor itself
  case $switch in
    setpriv) setpriv --reuid "$uid" --regid "$gid" --clear-groups sleep 2147483647 </dev/null >/dev/null 2>&1 & ;;
    nsenter) nsenter -S "$uid" -G "$gid" sleep 2147483647 </dev/null >/dev/null 2>&1 & ;;
  esac
  user_anchor=$!
  tools=$user_anchor
  # wait until it runs as the user, so that its /proc root is the user's to follow
  n=0
  until grep -q "^Uid:[[:space:]]*$uid[[:space:]]" "/proc/$user_anchor/status" 2>/dev/null; do
    n=$((n + 1)); [ "$n" -lt 200 ] || die "could not start a helper process as uid $uid"
    sleep 0.01 2>/dev/null || sleep 1
  done
fi

# The toolkit's bin directories, reached through an anchor's root: these paths resolve after
# the chroot too, because the target's /proc shows this same PID namespace.
toolkit_path=
set -f; old_ifs=$IFS; IFS=:
for d in $PATH; do
  case $d in /*) [ -d "$d" ] && toolkit_path="$toolkit_path:/proc/$tools/root$d" ;; esac
done
IFS=$old_ifs; set +f
target_path=${CDEBUG_TARGET_PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
workdir=${CDEBUG_WORKDIR:-/}

# Toolkits built on /nix/store (nixery.dev) need /nix inside the chroot: their loader lives
# there. Link it in when the target has no /nix of its own and its root is writable; never
# replace or delete anything of the target's. Otherwise stay in the toolkit's filesystem.
mode=chroot
planted=
if [ -d /nix ]; then
  if [ -e "$root/nix" ] || [ -L "$root/nix" ]; then
    mode=toolkit; why="the target has a /nix of its own"
  elif ln -s "/proc/$tools/root/nix" "$root/nix" 2>/dev/null; then
    planted=1
  else
    mode=toolkit; why="the target's root filesystem is read-only"
  fi
fi

if [ -n "${CDEBUG_SHELL:-}" ]; then
  [ "$#" -eq 0 ] || die "internal error: both a command and a shell given"
  login_uid=${uid:-0}
  choose_shell "$CDEBUG_SHELL"
  set -- "$shell_path"
fi
[ "$#" -gt 0 ] || die "internal error: no command given"
find_tool env || die "the toolkit image has no 'env': pick another toolkit"
envbin=$tool
find_tool sh || die "the toolkit image has no 'sh': pick another toolkit"
sh_in_toolkit=$tool
# A copy or image session (CDEBUG_ENTRYPOINT: the text of the `entrypoint` command): the command
# is written into the sidecar's own filesystem, never the target's, and goes first on PATH.
own_bin=
if [ -n "${CDEBUG_ENTRYPOINT:-}" ]; then
  if mkdir -p /.cdebug/bin 2>/dev/null &&
    printf '#!%s\n%s\n' "/proc/$tools/root$tool" "$CDEBUG_ENTRYPOINT" 2>/dev/null >/.cdebug/bin/entrypoint &&
    chmod 755 /.cdebug /.cdebug/bin /.cdebug/bin/entrypoint 2>/dev/null; then
    own_bin=/.cdebug/bin
  else
    say "could not write the 'entrypoint' command into the toolkit's filesystem"
  fi
fi
switch_bin=
[ -z "$switch" ] || { find_tool "$switch"; switch_bin=$tool; }
if [ "$mode" = chroot ]; then
  find_tool chroot || die "the toolkit image has no 'chroot': pick another toolkit"
  chrootbin=$tool
  sh_in_toolkit=/proc/$anchor/root$sh_in_toolkit
  [ -z "$switch_bin" ] || switch_bin=/proc/$anchor/root$switch_bin
else
  say "$why, so /nix cannot be linked into it."
  say "This shell runs in the toolkit's filesystem; the target's root is at \$CDEBUG_ROOTFS ($root)."
fi

# Build, by prepending, the command line: env -i K=V... PATH=... [chroot ROOT] sh -c INNER
# cdebug WORKDIR [switch] CMD ARGS. INNER enters the working directory, then runs the rest.
inner='cd -- "$1" 2>/dev/null || cd /; shift; exec "$@"'
case $switch in
  setpriv) set -- "$switch_bin" --reuid "$uid" --regid "$gid" --clear-groups "$@" ;;
  nsenter) set -- "$switch_bin" -S "$uid" -G "$gid" "$@" ;;
esac
if [ "$mode" = chroot ]; then
  set -- "PATH=${own_bin:+/proc/$tools/root$own_bin:}$target_path$toolkit_path" "$chrootbin" "$root" "$sh_in_toolkit" -c "$inner" cdebug "$workdir" "$@"
else
  set -- "PATH=${own_bin:+$own_bin:}$PATH" "CDEBUG_ROOTFS=$root" "$sh_in_toolkit" -c "$inner" cdebug "$root$workdir" "$@"
fi
has_home=
while IFS= read -r entry; do
  [ -n "$entry" ] || continue
  # only an entry with an escape needs printf (and its fork); the x keeps a trailing newline
  case $entry in *\\*) entry=$(printf '%bx' "$entry"); entry=${entry%x} ;; esac
  case $entry in HOME=*) has_home=1 ;; esac
  set -- "$entry" "$@"
done <<CDEBUG_ENV_END
${CDEBUG_ENV:-}
CDEBUG_ENV_END
# first on the line, so that a HOME of the target's or of -e, later on it, wins
[ -n "$has_home" ] || [ -z "$switch" ] || set -- "HOME=${home:-/}" "$@"
set -- "$envbin" -i "$@"

# Stay alive through Ctrl-C (it is meant for the command) so that the cleanup below runs.
trap : INT QUIT
# a copy or image session says first where its writes go
[ -z "${CDEBUG_NOTE:-}" ] || say "$CDEBUG_NOTE"
"$@"
code=$?
[ -z "$planted" ] || remove_nix_link "$tpid"
# Reap the user's anchor here: an orphan would be left to the target's PID 1.
[ -z "$user_anchor" ] || { kill "$user_anchor" 2>/dev/null; wait "$user_anchor" 2>/dev/null; }
exit "$code"
