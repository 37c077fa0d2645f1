# shellcheck shell=bash
# Sourced by scripts/fixtures.sh and docker/local-base.sh: a static busybox binary, wherever this
# machine has one. Debian's busybox-static installs one at /bin/busybox; where the dynamic
# `busybox` package holds that path instead (the two conflict, and scripts/needs.sh will not
# replace a user's busybox), the binary is taken from busybox-static's .deb without installing it.

# is_static FILE: an ELF without a program interpreter
is_static() {
  local out
  out=$(LC_ALL=C ldd "$1" 2>&1 || true)
  [[ $out == *"not a dynamic executable"* || $out == *"statically linked"* ]]
}

# static_busybox WORKDIR: print the path of a static busybox (CDEBUG_STATIC_BUSYBOX, /bin/busybox,
# the busybox on PATH, else one unpacked into WORKDIR); on failure print why on stderr, return 1.
static_busybox() {
  local work=$1 candidate deb
  for candidate in "${CDEBUG_STATIC_BUSYBOX:-}" /bin/busybox "$(command -v busybox || true)"; do
    [[ -n $candidate && -x $candidate ]] && is_static "$candidate" && { printf '%s\n' "$candidate"; return 0; }
  done
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no static busybox here and no apt-get to fetch one: install Debian's busybox-static (or set CDEBUG_STATIC_BUSYBOX)" >&2
    return 1
  fi
  mkdir -p "$work/busybox-static-deb"
  if ! (cd "$work/busybox-static-deb" && apt-get download -qq -o APT::Sandbox::User=root busybox-static) >"$work/busybox-apt.log" 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
      apt-get update -qq >>"$work/busybox-apt.log" 2>&1 || true
      (cd "$work/busybox-static-deb" && apt-get download -qq -o APT::Sandbox::User=root busybox-static) >>"$work/busybox-apt.log" 2>&1
    fi || {
      cat "$work/busybox-apt.log" >&2
      echo "apt-get download busybox-static failed: install Debian's busybox-static (or set CDEBUG_STATIC_BUSYBOX)" >&2
      return 1
    }
  fi
  deb=$(find "$work/busybox-static-deb" -maxdepth 1 -name 'busybox-static_*.deb' | head -n 1)
  [[ -n $deb ]] || { echo "apt-get download busybox-static produced no .deb" >&2; return 1; }
  dpkg-deb -x "$deb" "$work/busybox-static-deb/root"
  candidate=$(find "$work/busybox-static-deb/root" -type f -name busybox -perm -u+x | head -n 1)
  [[ -n $candidate ]] && is_static "$candidate" || { echo "busybox-static's package holds no static busybox" >&2; return 1; }
  printf '%s\n' "$candidate"
}
