#!/usr/bin/env bash
# Make sure an OpenSSH server and client are installed, for the tests of ssh:// engines
# (backend/test/engines/ssh.test.ts starts its own sshd on 127.0.0.1, with keys it makes; this
# script starts nothing). As root with apt-get, Debian's openssh-server is installed when
# /usr/sbin/sshd is missing; the package's own daemon is kept from starting.
set -euo pipefail

say() { printf 'ssh: %s\n' "$*"; }

if [[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1; then
  say "$(ssh -V 2>&1)"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ssh: /usr/sbin/sshd is missing and only root with apt-get can install it (apt-get install openssh-server)" >&2
  exit 1
fi

say "installing Debian's openssh-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
made_policy=
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  # no daemon on port 22: the tests start their own
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  made_policy=1
fi
log=/tmp/cdebug-ssh-apt.log
rc=0
{
  apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 openssh-server openssh-client >"$log" 2>&1 ||
    { apt-get update -qq >>"$log" 2>&1 && apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 openssh-server openssh-client >>"$log" 2>&1; }
} || rc=$?
[[ -n $made_policy ]] && rm -f /usr/sbin/policy-rc.d
if ((rc != 0)); then
  tail -n 30 "$log" >&2
  echo "ssh: apt-get could not install openssh-server (exit $rc; log: $log)" >&2
  exit 1
fi
say "installed $(ssh -V 2>&1)"
