#!/usr/bin/env bash
# Make sure a Docker engine answers, starting one when none does.
#
#   scripts/engine.sh        ensure an engine answers (install + start Debian's dockerd if needed)
#   scripts/engine.sh stop   stop the dockerd that this script started (and nothing else)
#
# Order: an engine that already answers (DOCKER_HOST, else the default socket) is used as is.
# Otherwise, as root on a machine with apt-get, Debian's docker.io is installed when dockerd is
# missing (scripts/needs.sh, the one list of packages), and dockerd is started in the background the way the build machines need it:
# no bridge, no iptables (tests use --network none / host and loopback only).
# Log: /tmp/cdebug-dockerd.log, pid: /tmp/cdebug-dockerd.pid.
set -euo pipefail

LOG=${CDEBUG_DOCKERD_LOG:-/tmp/cdebug-dockerd.log}
PIDFILE=${CDEBUG_DOCKERD_PIDFILE:-/tmp/cdebug-dockerd.pid}
WAIT_SECS=${CDEBUG_DOCKERD_WAIT:-60}
DEFAULT_SOCK=/var/run/docker.sock

say() { printf 'engine: %s\n' "$*"; }
err() { printf 'engine: %s\n' "$*" >&2; }

# shellcheck source=scripts/lib/daemon.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"
our_pid() { daemon_pid "$PIDFILE" dockerd; }

answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

describe() {
  local where=$1 ver
  ver=$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')
  say "engine answers at $where: server $ver"
}

stop_ours() {
  local pid
  pid=$(our_pid)
  if [[ -z $pid ]]; then
    say "no dockerd started by scripts/engine.sh is running (pid file: $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  say "stopping dockerd pid $pid (started by scripts/engine.sh)"
  # dockerd gives containers up to 15 s to stop, then shuts its containerd down.
  stop_daemon "$pid" 30 || err "dockerd $pid was still alive after 30 s: it was sent SIGKILL"
  rm -f "$PIDFILE"
  say "stopped"
}

install_docker() {
  say "dockerd is not installed: installing it (scripts/needs.sh install engine)"
  bash "$(dirname "${BASH_SOURCE[0]}")/needs.sh" install engine || exit 1
}

start_dockerd() {
  local pid
  pid=$(our_pid)
  if [[ -n $pid ]]; then
    say "dockerd pid $pid (started earlier by this script) is running but not answering yet: waiting"
  else
    rm -f "$PIDFILE"
    say "starting dockerd --bridge=none --iptables=false --ip6tables=false (log: $LOG)"
    : >"$LOG"
    # setsid: a Ctrl-C in the terminal that ran the tests must not take the engine down mid-cleanup.
    if command -v setsid >/dev/null 2>&1; then
      # in /: a daemon must not hold the directory it was started from (a checkout removed later)
      (cd / && exec setsid dockerd --bridge=none --iptables=false --ip6tables=false) >>"$LOG" 2>&1 </dev/null &
    else
      (cd / && exec nohup dockerd --bridge=none --iptables=false --ip6tables=false) >>"$LOG" 2>&1 </dev/null &
    fi
    pid=$!
    echo "$pid" >"$PIDFILE"
  fi
  local deadline=$((SECONDS + WAIT_SECS))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      err "dockerd exited before answering; last lines of $LOG:"
      tail -n 30 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      err "dockerd (pid $pid) did not answer 'docker info' within ${WAIT_SECS} s; last lines of $LOG:"
      tail -n 30 "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  describe "$DEFAULT_SOCK (dockerd pid $pid, started by scripts/engine.sh; stop it with: scripts/engine.sh stop)"
}

how_to() {
  if [[ -n ${DOCKER_HOST:-} ]]; then
    err "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST."
  else
    err "no Docker engine answers at $DEFAULT_SOCK."
  fi
  err "$1"
  err "Start one, for example:"
  err "  as root on Debian/Ubuntu: apt-get install docker.io && dockerd --bridge=none --iptables=false --ip6tables=false &"
  err "  or run this script as root (it installs and starts Debian's dockerd),"
  err "  or point DOCKER_HOST at a running engine (e.g. podman system service's socket)."
  exit 1
}

case ${1:-up} in
  stop) stop_ours; exit 0 ;;
  up | start | '') ;;
  *) err "usage: $0 [stop]"; exit 2 ;;
esac

if answers; then
  if [[ -n ${DOCKER_HOST:-} ]]; then describe "DOCKER_HOST=$DOCKER_HOST"; else describe "the default socket ($DEFAULT_SOCK)"; fi
  exit 0
fi

if [[ -n ${DOCKER_HOST:-} ]]; then
  # A daemon we start listens on the default socket, which DOCKER_HOST would bypass.
  how_to "DOCKER_HOST is set, so this script will not start a local daemon (unset DOCKER_HOST to let it)."
fi

if [[ $(id -u) -ne 0 ]]; then
  how_to "This script can start one only as root (it is uid $(id -u))."
fi
if ! command -v apt-get >/dev/null 2>&1 && ! command -v dockerd >/dev/null 2>&1; then
  how_to "dockerd is not installed and there is no apt-get to install it with."
fi

say "no engine answers at $DEFAULT_SOCK: bringing one up (root${CI:+, CI=$CI})"
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  install_docker
  if answers; then describe "the default socket ($DEFAULT_SOCK)"; exit 0; fi
fi
start_dockerd
