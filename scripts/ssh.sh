#!/usr/bin/env bash
# Make sure an OpenSSH server and client are installed, for the tests of ssh:// engines
# (backend/test/engines/ssh.test.ts starts its own sshd on 127.0.0.1, with keys it makes; this
# script starts nothing). Missing packages come through scripts/needs.sh (need "ssh"), which
# keeps the package's own daemon from starting.
set -euo pipefail

if [[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1; then
  printf 'ssh: %s\n' "$(ssh -V 2>&1)"
  exit 0
fi
bash "$(dirname "${BASH_SOURCE[0]}")/needs.sh" install ssh
printf 'ssh: installed %s\n' "$(ssh -V 2>&1)"
