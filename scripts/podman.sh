#!/usr/bin/env bash
# Podman, serving the Docker API on a unix socket, for the integration-podman suite (the CLI's
# end-to-end tests run against it with DOCKER_HOST pointed at the socket).
#
#   scripts/podman.sh         make sure it answers: install Debian's podman when missing (root,
#                             apt-get), start `podman system service` in the background, load the
#                             fixture images from the Docker engine (run scripts/engine.sh and
#                             scripts/fixtures.sh first), and check that a container runs
#   scripts/podman.sh stop    remove the containers tests left in it (labels io.cdebug.session,
#                             io.cdebug.fixture), then stop the service this script started
#   scripts/podman.sh host    print its DOCKER_HOST (unix:///run/cdebug-podman.sock)
#
# The build machines need a configuration of their own, written to $CONF_DIR and given to
# every podman command through CONTAINERS_CONF / CONTAINERS_STORAGE_CONF:
#   - no CAP_SYS_RESOURCE: podman's default rlimits cannot be applied and every container fails
#     ("error setting rlimit type 7") unless default_ulimits stays within the current limits;
#   - no bridge network: containers default to netns "none" (the tests ask for --network none,
#     sidecars join their target's), so neither netavark nor CNI is needed;
#   - no systemd: cgroupfs, and events in a file (the events API reads them back);
#   - a storage root of its own (/var/lib/cdebug-podman), so that the driver can be chosen
#     freely (overlay, else vfs) and no one's podman images are touched.
# Log: /tmp/cdebug-podman.log, pid: /tmp/cdebug-podman.pid.
set -euo pipefail

SOCK=${CDEBUG_PODMAN_SOCK:-/run/cdebug-podman.sock}
HOST="unix://$SOCK"
LOG=${CDEBUG_PODMAN_LOG:-/tmp/cdebug-podman.log}
PIDFILE=${CDEBUG_PODMAN_PIDFILE:-/tmp/cdebug-podman.pid}
STATE=${CDEBUG_PODMAN_STATE:-/var/lib/cdebug-podman}
CONF_DIR=${CDEBUG_PODMAN_CONF:-/run/cdebug-podman}
WAIT_SECS=${CDEBUG_PODMAN_WAIT:-60}
IMAGES=(busybox:latest cdebug-fixture/busybox:latest cdebug-fixture/distroless:latest cdebug-fixture/nixkit:latest cdebug-fixture/slowstty:latest)

export CONTAINERS_CONF="$CONF_DIR/containers.conf"
export CONTAINERS_STORAGE_CONF="$CONF_DIR/storage.conf"

say() { printf 'podman: %s\n' "$*"; }
die() {
  printf 'podman: ERROR: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=scripts/lib/daemon.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"
our_pid() { daemon_pid "$PIDFILE" podman; }

# the Docker API on the socket answers (through the docker CLI, which the tests use too)
answers() { DOCKER_HOST=$HOST DOCKER_CONTEXT='' docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
dk() { DOCKER_HOST=$HOST DOCKER_CONTEXT='' docker "$@"; }

remove_test_containers() {
  command -v podman >/dev/null 2>&1 || return 0
  [[ -f $CONTAINERS_CONF ]] || return 0
  local label ids
  for label in io.cdebug.session io.cdebug.fixture; do
    ids=$(podman ps -aq --filter "label=$label" 2>/dev/null || true)
    [[ -n $ids ]] || continue
    [[ $label == io.cdebug.session ]] && printf 'podman: LEFT BEHIND: %s cdebug sidecar(s) in Podman outlived the tests: a clean-up bug.\n' "$(wc -w <<<"$ids")" >&2
    # shellcheck disable=SC2086
    podman rm -f $ids >/dev/null 2>&1 || true
  done
}

stop_ours() {
  remove_test_containers
  local pid
  pid=$(our_pid)
  if [[ -z $pid ]]; then
    say "no podman service started by scripts/podman.sh is running (pid file: $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  stop_daemon "$pid" 10 || printf 'podman: the service (pid %s) was still alive after 10 s: it was sent SIGKILL\n' "$pid" >&2
  rm -f "$PIDFILE" "$SOCK"
  say "stopped the service (pid $pid)"
}

install_podman() {
  say "podman is not installed: installing it (scripts/needs.sh install podman)"
  bash "$(dirname "${BASH_SOURCE[0]}")/needs.sh" install podman || die "podman could not be installed (see above)"
  say "installed podman $(podman --version | awk '{print $3}')"
}

write_config() { # write_config DRIVER
  mkdir -p "$CONF_DIR" "$STATE"
  # Raising a limit needs CAP_SYS_RESOURCE: nofile at most this shell's hard limit; nproc
  # 32768, which the build machines accept (65536 is refused there although below the hard
  # limit, "error setting rlimit type 6")
  local nofile nproc=32768
  nofile=$(ulimit -Hn)
  [[ $nofile == unlimited || $nofile -gt 1048576 ]] && nofile=1048576
  [[ $(ulimit -Hu) != unlimited && $(ulimit -Hu) -lt $nproc ]] && nproc=$(ulimit -Hu)
  cat >"$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
netns = "none"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$STATE/events.log"
EOF
  cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "$1"
runroot = "$CONF_DIR/storage"
graphroot = "$STATE/storage-$1"
EOF
}

# a container runs with this storage driver (podman itself, not the service)
driver_works() {
  write_config "$1"
  podman info >/dev/null 2>&1 || return 1
  local out
  out=$(podman run --rm --network none --label io.cdebug.fixture=1 busybox:latest echo ok 2>&1) && [[ $out == ok ]]
}

start_service() {
  rm -f "$SOCK"
  : >"$LOG"
  # in /: a daemon keeps the directory it started in, and conmon fails every container once that
  # directory is gone (a removed checkout or worktree): "Failed to get working directory"
  (cd / && exec setsid podman system service --time=0 "$HOST") >>"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + WAIT_SECS))
  until answers; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG" >&2; rm -f "$PIDFILE"; die "podman system service exited before answering"; }
    ((SECONDS < deadline)) || { tail -n 30 "$LOG" >&2; die "podman system service (pid $pid) did not answer within ${WAIT_SECS} s"; }
    sleep 0.25
  done
  say "service answers at $HOST (pid $pid; stop it with: scripts/podman.sh stop)"
}

load_fixtures() {
  docker image inspect "${IMAGES[@]}" >/dev/null 2>&1 || die "the fixture images are missing from the Docker engine: run scripts/fixtures.sh first"
  # docker save | podman load names the images localhost/...; a user's podman has them under
  # their registry's name (docker.io/...), so tag them so too.
  docker save "${IMAGES[@]}" | podman load -q >/dev/null
  local image
  for image in "${IMAGES[@]}"; do
    local full=$image
    [[ $image == */* ]] || full="library/$image"
    podman tag "localhost/$image" "docker.io/$full" >/dev/null
  done
  podman image prune -f >/dev/null 2>&1 || true # the images these loads replaced
  say "loaded ${IMAGES[*]}"
}

case ${1:-up} in
  stop) stop_ours; exit 0 ;;
  host) echo "$HOST"; exit 0 ;;
  up | start | '') ;;
  *) echo "usage: $0 [stop|host]" >&2; exit 2 ;;
esac

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 ||
  die "no Docker engine answers: run scripts/engine.sh and scripts/fixtures.sh first (the fixture images come from it)"
command -v podman >/dev/null 2>&1 || install_podman

if [[ -z $(our_pid) ]] || ! answers; then
  [[ -n $(our_pid) ]] && stop_ours
  driver=
  for candidate in overlay vfs; do
    write_config "$candidate"
    load_fixtures
    if driver_works "$candidate"; then driver=$candidate; break; fi
    say "storage driver $candidate cannot run containers here: trying the next"
  done
  [[ -n $driver ]] || die "podman cannot run a container here with overlay or vfs storage (try: CONTAINERS_CONF=$CONTAINERS_CONF podman run --rm busybox:latest true)"
  say "podman $(podman --version | awk '{print $3}'), storage $driver, cgroups $(podman info --format '{{.Host.CgroupsVersion}}')"
  start_service
else
  say "service already answers at $HOST (pid $(our_pid))"
  load_fixtures
fi

out=$(dk run --rm --network none --label io.cdebug.fixture=1 cdebug-fixture/busybox:latest sh -c 'echo ok')
[[ $out == ok ]] || die "a container does not run through the service's Docker API (got: $out)"
say "ready: DOCKER_HOST=$HOST"
