#!/usr/bin/env bash
# Make sure the browser that the e2e suite drives is here: Debian's Chromium at /usr/bin/chromium
# (or CDEBUG_CHROMIUM), driven by playwright-core. Nothing downloads a browser of its own.
#
# When it is missing: as root on a machine with apt-get, Debian's chromium package is installed
# quietly with the fonts the screenshots are made with (log: /tmp/cdebug-browser-apt.log);
# otherwise this prints how to get it and exits 1.
set -euo pipefail

CHROMIUM=${CDEBUG_CHROMIUM:-/usr/bin/chromium}
APTLOG=${CDEBUG_BROWSER_APT_LOG:-/tmp/cdebug-browser-apt.log}

say() { printf 'browser: %s\n' "$*"; }
err() { printf 'browser: %s\n' "$*" >&2; }

version() { "$CHROMIUM" --version 2>/dev/null | head -n 1 || true; }

if [[ -x $CHROMIUM ]]; then
  say "$CHROMIUM: $(version)"
  exit 0
fi

if [[ $(id -u) -ne 0 || -n ${CDEBUG_CHROMIUM:-} ]] || ! command -v apt-get >/dev/null 2>&1; then
  err "$CHROMIUM is missing: the e2e suite needs a Chromium that playwright-core can drive."
  err "Install Debian's package as root: apt-get install -y chromium"
  err "(or point CDEBUG_CHROMIUM at a Chromium/Chrome binary)."
  exit 1
fi

say "$CHROMIUM is missing: installing Debian's chromium with apt-get (log: $APTLOG)"
export DEBIAN_FRONTEND=noninteractive
rc=0
{
  apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 chromium fonts-liberation fonts-dejavu-core
} >"$APTLOG" 2>&1 || rc=$?
if [[ $rc -ne 0 || ! -x $CHROMIUM ]]; then
  tail -n 30 "$APTLOG" >&2 || true
  err "apt-get could not install chromium (exit $rc; full log: $APTLOG)"
  exit 1
fi
say "installed chromium $(dpkg-query -W -f '${Version}' chromium 2>/dev/null || true): $(version)"
