#!/usr/bin/env bash
# Make sure the browser that the e2e suite drives is here: Debian's Chromium at /usr/bin/chromium
# (or CDEBUG_CHROMIUM), driven by playwright-core. Nothing downloads a browser of its own.
# When it is missing, scripts/needs.sh installs it (need "browser": chromium and the fonts the
# screenshots are made with), or says how.
set -euo pipefail

CHROMIUM=${CDEBUG_CHROMIUM:-/usr/bin/chromium}

say() { printf 'browser: %s\n' "$*"; }
version() { "$CHROMIUM" --version 2>/dev/null | head -n 1 || true; }

if [[ -x $CHROMIUM ]]; then
  say "$CHROMIUM: $(version)"
  exit 0
fi
if [[ -n ${CDEBUG_CHROMIUM:-} ]]; then
  say "CDEBUG_CHROMIUM=$CHROMIUM is not an executable: point it at a Chromium/Chrome binary" >&2
  exit 1
fi
bash "$(dirname "${BASH_SOURCE[0]}")/needs.sh" install browser
say "installed: $(version)"
