#!/usr/bin/env bash
# Makes a Node.js base image from this machine's own files, for building the extension image
# where no image registry can be reached (the Dockerfile's NODE_IMAGE / RUNTIME_IMAGE).
#
#   docker/local-base.sh runtime TAG   node and the libraries it links, /etc/passwd, /tmp
#   docker/local-base.sh build TAG     the same, plus npm, a busybox shell (RUN steps) and this
#                                      machine's CA bundle when it has one (npm behind a TLS proxy)
#
# Needs: docker, node (the one on PATH is copied), ldd; for `build`, npm and a static busybox
# (Debian's busybox-static). Prints the image id. The image is made with `docker import`, so
# it has one layer and no history.
set -euo pipefail

usage() { echo "usage: $0 runtime|build TAG" >&2; exit 2; }
(($# == 2)) || usage
kind=$1 tag=$2
[[ $kind == runtime || $kind == build ]] || usage

root=$(mktemp -d /tmp/cdebug-base.XXXXXX)
trap 'rm -rf "$root" "$root.work"' EXIT

# node, and every shared library it loads (with the dynamic loader), at the same paths
node_bin=$(readlink -f "$(command -v node)")
install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
copy_libs() { # the libraries of one ELF file
  local lib
  while read -r lib; do
    [[ -n $lib && -e $lib ]] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done < <(ldd "$1" 2>/dev/null | grep -oE '(/[^ ]+)' | sort -u)
}
copy_libs "$node_bin"

mkdir -p "$root/etc" "$root/tmp" "$root/root" "$root/bin" "$root/usr/bin"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"

changes=(--change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV HOME=/root' --change 'CMD ["node"]')

if [[ $kind == build ]]; then
  # the rest of glibc, for native modules of the build tools (rolldown's needs librt)
  libdir=$(dirname "$(ldd "$node_bin" | grep -oE '/[^ ]+/libc\.so\.6')")
  for lib in librt.so.1 libutil.so.1 libresolv.so.2 libanl.so.1 libnss_files.so.2 libnss_dns.so.2; do
    [[ -e $libdir/$lib ]] && cp -L "$libdir/$lib" "$root$libdir/$lib"
  done
  # shellcheck source=scripts/lib/static-busybox.sh
  . "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/static-busybox.sh"
  busybox=$(static_busybox "$root.work") ||
    { echo "$0: a static busybox is needed for RUN steps (Debian's busybox-static: scripts/needs.sh install packaging)" >&2; exit 1; }
  install -m 0755 "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [[ -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
  ln -sf /bin/busybox "$root/usr/bin/env"

  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [[ -f $npm_dir/package.json ]] || { echo "$0: cannot find npm's package beside $(command -v npm)" >&2; exit 1; }
  mkdir -p "$root/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

  # Where the machine reaches the npm registry through a TLS-inspecting proxy, its CA bundle
  # is what makes npm trust it: the build container gets the same.
  ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
  if [[ -f $ca ]]; then
    install -D -m 0644 "$ca" "$root/etc/ssl/certs/ca-certificates.crt"
    changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
  fi
fi

tar -C "$root" -c . | docker import "${changes[@]}" - "$tag"
