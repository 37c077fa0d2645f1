# shellcheck shell=bash
# Sourced by scripts/engine.sh and scripts/podman.sh: the background daemon each of them starts,
# known by a pid file, so that each stops only the process it started itself.

# The pid in pid file $1 when that process is alive and its name is $2; nothing otherwise.
daemon_pid() {
  local pidfile=$1 name=$2 pid
  [[ -s $pidfile ]] || return 0
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid && -r /proc/$pid/comm ]] || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null || true) == "$name" ]] && printf '%s\n' "$pid"
  return 0
}

# SIGTERM to $1, then up to $2 seconds for it to go, then SIGKILL and up to 2 s more (its
# socket and files are free only once it is gone). Returns 1 when it took the SIGKILL (the caller
# says so: a daemon that ignores SIGTERM may leave state behind).
stop_daemon() {
  local pid=$1 secs=$2 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null || return 0
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 8; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  return 1
}
