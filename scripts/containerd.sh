#!/usr/bin/env bash
# A containerd of the tests' own, with its CRI plugin, for the integration-containerd and
# integration-cri suites. It never touches the containerd that dockerd runs: its own socket,
# root, state and config.
#
#   scripts/containerd.sh         make sure it answers: install Debian's containerd when missing
#                                 (root, apt-get), start it in the background, import the fixture
#                                 images from the Docker engine into the namespaces "default" and
#                                 "k8s.io" (run scripts/engine.sh and scripts/fixtures.sh first),
#                                 build the pod sandbox's pause image, and check that a container runs
#   scripts/containerd.sh stop    stop the containerd this script started (its containers go with it)
#   scripts/containerd.sh socket  print its socket (/run/cdebug-containerd/containerd.sock)
#
# The configuration for these machines (written to $STATE_DIR/config.toml):
#   - the CRI plugin on, with sandbox_image = the locally built cdebug-fixture/pause (no registry
#     is reachable) and no CNI: the tests' pod sandboxes use the host network;
#   - cgroupfs (no systemd); overlayfs snapshots, else native.
# Log: /tmp/cdebug-containerd.log, pid: /tmp/cdebug-containerd.pid.
set -euo pipefail

STATE_DIR=${CDEBUG_CONTAINERD_STATE:-/run/cdebug-containerd}
ROOT_DIR=${CDEBUG_CONTAINERD_ROOT:-/var/lib/cdebug-containerd}
SOCK="$STATE_DIR/containerd.sock"
LOG=${CDEBUG_CONTAINERD_LOG:-/tmp/cdebug-containerd.log}
PIDFILE=${CDEBUG_CONTAINERD_PIDFILE:-/tmp/cdebug-containerd.pid}
WAIT_SECS=${CDEBUG_CONTAINERD_WAIT:-60}
PAUSE=cdebug-fixture/pause:latest
IMAGES=(busybox:latest cdebug-fixture/busybox:latest cdebug-fixture/distroless:latest cdebug-fixture/nixkit:latest "$PAUSE")
NAMESPACES=(default k8s.io)

say() { printf 'containerd: %s\n' "$*"; }
die() {
  printf 'containerd: ERROR: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=scripts/lib/daemon.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"
our_pid() { daemon_pid "$PIDFILE" containerd; }
ctrl() { ctr --address "$SOCK" "$@"; }
answers() { [[ -S $SOCK ]] && ctrl version >/dev/null 2>&1; }

stop_ours() {
  local pid
  pid=$(our_pid)
  if [[ -z $pid ]]; then
    say "no containerd started by scripts/containerd.sh is running (pid file: $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  # its tasks' shims outlive it: kill the tasks first, so that no container keeps running
  local ns task
  for ns in $(ctrl namespaces ls -q 2>/dev/null || true); do
    for task in $(ctrl -n "$ns" tasks ls -q 2>/dev/null || true); do
      ctrl -n "$ns" tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
    done
  done
  stop_daemon "$pid" 10 || printf 'containerd: pid %s was still alive after 10 s: it was sent SIGKILL\n' "$pid" >&2
  rm -f "$PIDFILE"
  say "stopped containerd (pid $pid)"
}

write_config() { # write_config SNAPSHOTTER
  mkdir -p "$STATE_DIR" "$ROOT_DIR"
  cat >"$STATE_DIR/config.toml" <<TOML
version = 2
root = "$ROOT_DIR"
state = "$STATE_DIR/state"

[grpc]
  address = "$SOCK"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/$PAUSE"
  enable_selinux = false
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "$1"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$STATE_DIR/cni-bin"
    conf_dir = "$STATE_DIR/cni-conf"
TOML
}

start_daemon() {
  : >"$LOG"
  rm -f "$SOCK"
  # in /: a daemon must not hold the directory it was started from (a checkout removed later)
  (cd / && exec setsid containerd --config "$STATE_DIR/config.toml") >>"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + WAIT_SECS))
  until answers; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG" >&2; rm -f "$PIDFILE"; die "containerd exited before answering"; }
    ((SECONDS < deadline)) || { tail -n 30 "$LOG" >&2; die "containerd (pid $pid) did not answer within ${WAIT_SECS} s"; }
    sleep 0.25
  done
}

build_pause() {
  docker image inspect "$PAUSE" >/dev/null 2>&1 && return 0
  local work
  work=$(mktemp -d)
  gcc -static -Os -o "$work/pause" "$(dirname "${BASH_SOURCE[0]}")/fixtures/pause.c"
  printf 'FROM scratch\nCOPY pause /pause\nENTRYPOINT ["/pause"]\n' >"$work/Dockerfile"
  docker build -q --label io.cdebug.fixture=1 -t "$PAUSE" "$work" >/dev/null
  rm -rf "$work"
  say "built $PAUSE"
}

import_images() {
  docker image inspect "${IMAGES[@]}" >/dev/null 2>&1 || die "the fixture images are missing from the Docker engine: run scripts/fixtures.sh first"
  local archive ns
  archive=$(mktemp)
  docker save -o "$archive" "${IMAGES[@]}"
  for ns in "${NAMESPACES[@]}"; do
    # names come in as docker.io/library/busybox:latest, docker.io/cdebug-fixture/...: as a pull would name them
    ctrl -n "$ns" images import --snapshotter "$1" "$archive" >/dev/null
  done
  rm -f "$archive"
  say "imported ${IMAGES[*]} into ${NAMESPACES[*]}"
}

# a task runs with this snapshotter
snapshotter_works() {
  local out
  ctrl -n default containers rm cdebug-probe >/dev/null 2>&1 || true
  out=$(ctrl -n default run --rm --snapshotter "$1" --label io.cdebug.fixture=1 docker.io/library/busybox:latest cdebug-probe echo ok 2>&1) && [[ $out == ok ]]
}

case ${1:-up} in
  stop) stop_ours; exit 0 ;;
  socket) echo "$SOCK"; exit 0 ;;
  up | start | '') ;;
  *) echo "usage: $0 [stop|socket]" >&2; exit 2 ;;
esac

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 ||
  die "no Docker engine answers: run scripts/engine.sh and scripts/fixtures.sh first (the fixture images come from it)"
if ! command -v containerd >/dev/null 2>&1 || ! command -v ctr >/dev/null 2>&1; then
  say "containerd is not installed: installing it (scripts/needs.sh install containerd)"
  bash "$(dirname "${BASH_SOURCE[0]}")/needs.sh" install containerd || die "containerd could not be installed (see above)"
fi
build_pause

if [[ -n $(our_pid) ]] && answers; then
  say "already answers at $SOCK (pid $(our_pid))"
  import_images "$(cat "$STATE_DIR/snapshotter" 2>/dev/null || echo overlayfs)"
else
  [[ -n $(our_pid) ]] && stop_ours
  chosen=
  for candidate in overlayfs native; do
    write_config "$candidate"
    start_daemon
    import_images "$candidate"
    if snapshotter_works "$candidate"; then chosen=$candidate; break; fi
    say "snapshotter $candidate cannot run containers here: trying the next"
    stop_ours
  done
  [[ -n $chosen ]] || die "containerd cannot run a container here with overlayfs or native snapshots (see $LOG)"
  echo "$chosen" >"$STATE_DIR/snapshotter"
  say "containerd $(containerd --version | awk '{print $3}'), snapshotter $chosen, pid $(our_pid) (stop it with: scripts/containerd.sh stop)"
fi
say "ready: containerd://$SOCK"
