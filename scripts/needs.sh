#!/usr/bin/env bash
# What the tests and `make run` need from the machine: the one list of Debian packages, by need.
# scripts/test.sh, scripts/start.mjs (make run), .ci/run and the set-up scripts (engine.sh,
# podman.sh, ssh.sh, browser.sh) all install through this file; no package is named elsewhere.
#
#   scripts/needs.sh install NEED...   install the packages of these needs that are missing
#                                      (root with apt-get; the packages' own daemons are kept
#                                      from starting). Exit 1, naming each package and why, when
#                                      one is missing and cannot be installed.
#   scripts/needs.sh missing NEED...   print "package: why" for each missing package; exit 1 if any
#   scripts/needs.sh packages NEED...  print the packages of these needs
#   scripts/needs.sh suite SUITE       print the needs of a test suite (scripts/test.sh's names)
#   NEED "all" stands for every need.
#
# Log: /tmp/cdebug-apt.log (CDEBUG_APT_LOG).
set -euo pipefail

APT_LOG=${CDEBUG_APT_LOG:-/tmp/cdebug-apt.log}

# need | package | how to tell it is there | why it is needed
# (the check is a path that the package installs; "dpkg" means ask dpkg)
LIST='
engine    | docker.io         | /usr/sbin/dockerd           | the Docker engine (dockerd, containerd, runc) that every Docker suite and `make run` use
engine    | ca-certificates   | /etc/ssl/certs/ca-certificates.crt | TLS to registries and to the tests'"'"' own TLS engines
fixtures  | busybox-static    | dpkg                        | the static busybox of busybox:latest, the default toolkit (scripts/fixtures.sh)
fixtures  | patchelf          | /usr/bin/patchelf           | the nix-style toolkit fixture (scripts/fixtures.sh)
fixtures  | gcc               | /usr/bin/gcc                | the static distroless target (scripts/fixtures/target.c)
fixtures  | libc6-dev         | dpkg                        | static glibc for that target (gcc -static)
terminal  | tmux              | /usr/bin/tmux               | a real pseudo-terminal for `cdebug exec -it` tests (backend/test/helpers/tmux.ts)
terminal  | procps            | /usr/bin/ps                 | process checks in the fault tests (ps, pkill)
terminal  | util-linux        | /usr/bin/setsid             | setsid, to start daemons out of the terminal'"'"'s process group
ssh       | openssh-server    | /usr/sbin/sshd              | the ssh:// engine tests start their own sshd on 127.0.0.1
ssh       | openssh-client    | /usr/bin/ssh                | the ssh:// engine tests dial through ssh
podman    | podman            | /usr/bin/podman             | the integration-podman suite runs against Podman'"'"'s Docker API
containerd | containerd       | /usr/bin/containerd         | the integration-containerd and integration-cri suites start their own containerd (scripts/containerd.sh)
browser   | chromium          | /usr/bin/chromium           | the e2e suite drives Debian'"'"'s Chromium with playwright-core
browser   | fonts-liberation  | dpkg                        | the fonts the screenshots are made with
browser   | fonts-dejavu-core | dpkg                        | the fonts the screenshots are made with
packaging | busybox-static    | dpkg                        | docker/local-base.sh: the shell for RUN steps of the extension'"'"'s local build base
'
NEEDS=(engine fixtures terminal ssh podman containerd browser packaging)

say() { printf 'needs: %s\n' "$*"; }
err() { printf 'needs: %s\n' "$*" >&2; }

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

# rows NEED...: "package|check|why" of these needs, each package once
rows() {
  local wanted=" $* " line need pkg check why seen=' '
  [[ $wanted == *' all '* ]] && wanted=" ${NEEDS[*]} "
  while IFS='|' read -r need pkg check why; do
    need=$(trim "$need")
    [[ -n $need && $wanted == *" $need "* ]] || continue
    pkg=$(trim "$pkg")
    [[ $seen == *" $pkg "* ]] && continue
    seen+="$pkg "
    printf '%s|%s|%s\n' "$pkg" "$(trim "$check")" "$(trim "$why")"
  done <<<"$LIST"
}

present() { # present PACKAGE CHECK
  if [[ $2 == dpkg ]]; then
    [[ $(dpkg-query -W -f '${Status}' "$1" 2>/dev/null || true) == 'install ok installed' ]]
  else
    [[ -s $2 ]] # a non-empty file: a path that exists but holds nothing does not count
  fi
}

# the static busybox can also come as a dynamic `busybox` package's replacement: installing
# busybox-static would remove a user's busybox, so where busybox is installed it is left alone
# and scripts/lib/static-busybox.sh takes the binary from busybox-static's .deb instead.
skippable() { # skippable PACKAGE
  [[ $1 == busybox-static ]] && [[ $(dpkg-query -W -f '${Status}' busybox 2>/dev/null || true) == 'install ok installed' ]]
}

missing_rows() {
  local pkg check why
  while IFS='|' read -r pkg check why; do
    [[ -n $pkg ]] || continue
    present "$pkg" "$check" && continue
    skippable "$pkg" && continue
    printf '%s|%s\n' "$pkg" "$why"
  done < <(rows "$@")
}

check_needs() {
  local n
  for n in "$@"; do
    [[ $n == all || " ${NEEDS[*]} " == *" $n "* ]] || { err "unknown need '$n' (needs: ${NEEDS[*]} all)"; exit 2; }
  done
}

install() {
  local missing pkgs=() pkg why
  missing=$(missing_rows "$@")
  [[ -n $missing ]] || return 0
  while IFS='|' read -r pkg why; do pkgs+=("$pkg"); done <<<"$missing"
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    err "missing, and only root with apt-get can install them here:"
    while IFS='|' read -r pkg why; do err "  $pkg: $why"; done <<<"$missing"
    err "install them with: apt-get install ${pkgs[*]}"
    return 1
  fi
  say "apt-get install ${pkgs[*]} (log: $APT_LOG)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' init scripts from starting daemons (docker.io would start a dockerd with a
  # bridge and iptables, openssh-server an sshd on port 22): the scripts start what tests need.
  local made_policy= rc=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  {
    apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${pkgs[@]}" ||
      { apt-get update -qq && apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${pkgs[@]}"; }
  } >>"$APT_LOG" 2>&1 || rc=$?
  [[ -n $made_policy ]] && rm -f /usr/sbin/policy-rc.d
  missing=$(missing_rows "$@")
  if ((rc != 0)) || [[ -n $missing ]]; then
    tail -n 20 "$APT_LOG" >&2 || true
    err "apt-get could not install everything (exit $rc; full log: $APT_LOG). Still missing:"
    while IFS='|' read -r pkg why; do err "  $pkg: $why"; done <<<"$missing"
    return 1
  fi
  say "installed ${pkgs[*]}"
}

# The needs of each suite of scripts/test.sh (unit and ui need Node.js only).
suite_needs() {
  case $1 in
    unit | ui) ;;
    integration) echo engine fixtures terminal ssh ;;
    integration-podman) echo engine fixtures terminal podman ;;
    integration-containerd) echo engine fixtures terminal containerd ;;
    integration-cri) echo engine fixtures terminal containerd ;;
    e2e) echo engine fixtures browser ;;
    packaging) echo engine packaging browser ;;
    run) echo engine ;;
    *) err "unknown suite '$1'"; exit 2 ;;
  esac
}

cmd=${1:-}
(($# > 0)) && shift
case $cmd in
  install) check_needs "$@"; install "$@" ;;
  missing)
    check_needs "$@"
    out=$(missing_rows "$@")
    [[ -z $out ]] && exit 0
    while IFS='|' read -r pkg why; do printf '%s: %s\n' "$pkg" "$why"; done <<<"$out"
    exit 1
    ;;
  packages) check_needs "$@"; rows "$@" | cut -d'|' -f1 ;;
  suite) suite_needs "${1:?usage: $0 suite SUITE}" ;;
  *) err "usage: $0 install|missing|packages NEED... | suite SUITE   (needs: ${NEEDS[*]} all)"; exit 2 ;;
esac
