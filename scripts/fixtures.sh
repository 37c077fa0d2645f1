#!/usr/bin/env bash
# Build, locally, the images that cdebug's tests use (nothing can be pulled on the build machines).
#
#   busybox:latest, cdebug-fixture/busybox:latest (one image)
#       Debian's static busybox in /bin with a symlink per applet; no /etc/passwd.
#       busybox:latest lets the default toolkit path run without a pull.
#   cdebug-fixture/distroless:latest
#       FROM scratch: a static C program /app (scripts/fixtures/target.c) that prints
#       "cdebug fixture target ready" and sleeps until SIGTERM/SIGINT; /etc/passwd with root and
#       nonroot (65532), /etc/group, /etc/fixture-release, /srv/README.fixture; WORKDIR /srv.
#       No shell, no tools: the thing cdebug exists for.
#   cdebug-fixture/nixkit:latest
#       A nixery-style toolkit: Debian's dynamic busybox under /nix/store/<hash>-busybox-<v>/bin,
#       patched to load its libc from /nix/store/<hash>-glibc-<v>/lib; /bin/<applet> are absolute
#       symlinks into the store. Its busybox cannot run where /nix is absent (e.g. chrooted
#       into a target), which is the case a toolkit-in-a-chroot design must handle.
#   cdebug-fixture/slowstty:latest
#       nixkit with /slow/stty (scripts/fixtures/slow-stty.sh) first on PATH: it reports a pty
#       without a size and takes a second to set one (Debian's dynamic busybox looks applets up
#       on PATH; the static one would run its own). The race of the entry script's sizing.
#
# Every run starts from scratch in a temporary folder and rebuilds every image; the image that a
# tag pointed to before is removed when nothing else uses it. Needs a Docker engine (see
# scripts/engine.sh), apt-get download (for Debian's busybox debs), and the packages of the
# "fixtures" need in scripts/needs.sh (installed through it when missing, as root).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
START=$SECONDS

say() { printf 'fixtures: %s\n' "$*"; }
die() {
  printf 'fixtures: ERROR: %s\n' "$*" >&2
  exit 1
}
# shellcheck disable=SC2154 # (_rc is set inside the trap)
trap '_rc=$?; printf "fixtures: ERROR: command failed (exit %s) at line %s: %s\n" "$_rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cdebug-fixtures.XXXXXX")
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT

command -v docker >/dev/null 2>&1 || die "the docker CLI is missing: run scripts/engine.sh first"
docker info >/dev/null 2>&1 || die "no Docker engine answers: run scripts/engine.sh first (it starts one)"
command -v gcc >/dev/null 2>&1 || bash "$ROOT/scripts/needs.sh" install fixtures || die "gcc is missing (scripts/needs.sh install fixtures)"

# Every throwaway container this script runs carries this label, so scripts/test.sh's
# clean-up finds any that a failure left behind.
RUN=(docker run --rm --network none --label io.cdebug.fixture=1)

# ---------------------------------------------------------------------------------------------
# helpers

# shellcheck source=scripts/lib/static-busybox.sh
. "$ROOT/scripts/lib/static-busybox.sh"

# apt_extract PACKAGE DIR: download PACKAGE's .deb (without installing it) and unpack it into DIR.
apt_extract() {
  local pkg=$1 dest=$2 dl="$WORK/debs-$1" deb
  mkdir -p "$dl" "$dest"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is needed to download Debian's $pkg package"
  if ! (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >"$WORK/apt.log" 2>&1); then
    if [[ $(id -u) -eq 0 ]]; then
      say "apt-get download $pkg failed; refreshing the package lists (apt-get update) and retrying"
      apt-get update -qq >>"$WORK/apt.log" 2>&1 || true
      (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >>"$WORK/apt.log" 2>&1) ||
        { cat "$WORK/apt.log" >&2; die "apt-get download $pkg failed"; }
    else
      cat "$WORK/apt.log" >&2
      die "apt-get download $pkg failed (run apt-get update as root?)"
    fi
  fi
  deb=$(find "$dl" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
  [[ -n $deb ]] || die "apt-get download $pkg produced no .deb"
  dpkg-deb -x "$deb" "$dest"
  dpkg-deb -f "$deb" Version
}

# upstream part of a Debian version: 1:1.35.0-4+b3 -> 1.35.0
upstream_version() {
  local v=${1#*:}
  printf '%s\n' "${v%%-*}"
}

image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

# Remove an image that a rebuild replaced, when no tag and no container refers to it any more.
drop_replaced() {
  local old=$1 new=$2 tags
  [[ -n $old && $old != "$new" ]] || return 0
  tags=$(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null || echo gone)
  [[ $tags == 0 ]] || return 0
  docker rmi "$old" >/dev/null 2>&1 || true # still used by a container: leave it
}

# docker build of TAG from the folder CTX (legacy builder: no BuildKit needed), in $id; the image
# the tag pointed to before goes when nothing uses it any more.
build_image() {
  local tag=$1 ctx=$2 old
  old=$(image_id "$tag")
  if ! DOCKER_BUILDKIT=0 docker build --no-cache --rm --force-rm -t "$tag" "$ctx" >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    die "docker build of $tag failed"
  fi
  id=$(image_id "$tag")
  drop_replaced "$old" "$id"
}

short() { printf '%s' "${1#sha256:}" | cut -c1-12; }

# ---------------------------------------------------------------------------------------------
# busybox:latest, cdebug-fixture/busybox:latest

bb=$(CDEBUG_STATIC_BUSYBOX=${CDEBUG_FIXTURE_STATIC_BUSYBOX:-} static_busybox "$WORK") || die "no static busybox for busybox:latest (see above)"
bb_version=$("$bb" 2>&1 | sed -n '1s/^BusyBox v\([0-9][0-9.]*\).*/\1/p')

dir="$WORK/busybox"
mkdir -p "$dir/bin" "$dir/tmp"
chmod 1777 "$dir/tmp"
cp "$bb" "$dir/bin/busybox"
chmod 755 "$dir/bin/busybox"
n=0
for applet in $("$dir/bin/busybox" --list); do
  [[ $applet == busybox ]] && continue
  ln -s busybox "$dir/bin/$applet"
  n=$((n + 1))
done
((n > 100)) || die "static busybox lists only $n applets"

old_fixture=$(image_id cdebug-fixture/busybox:latest)
old_plain=$(image_id busybox:latest)
id=$(tar -C "$dir" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["sh"]' \
    - cdebug-fixture/busybox:latest)
docker tag cdebug-fixture/busybox:latest busybox:latest
drop_replaced "$old_fixture" "$id"
drop_replaced "$old_plain" "$id"

out=$("${RUN[@]}" busybox:latest sh -c 'test ! -e /etc/passwd && echo ok')
[[ $out == ok ]] || die "busybox:latest does not run 'sh -c ...' (got: $out)"
say "built busybox:latest                    $(short "$id")  static BusyBox ${bb_version:-?}, $n applets in /bin, no /etc/passwd"
say "built cdebug-fixture/busybox:latest     $(short "$id")  (the same image)"

# ---------------------------------------------------------------------------------------------
# cdebug-fixture/distroless:latest

ctx="$WORK/distroless"
rootfs="$ctx/rootfs"
mkdir -p "$rootfs/etc" "$rootfs/srv" "$rootfs/tmp" "$rootfs/root" "$ctx/nonroot-home"
chmod 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
gcc -static -O2 -s -Wall -o "$rootfs/app" "$ROOT/scripts/fixtures/target.c"
is_static "$rootfs/app" || die "gcc -static produced a dynamic binary (is libc6-dev installed?)"
cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532::/home/nonroot:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
EOF
printf 'cdebug-fixture\n' >"$rootfs/etc/fixture-release"
cat >"$rootfs/srv/README.fixture" <<'EOF'
cdebug fixture: a distroless-like target.
This image has no shell and no tools: /app (a static program), /etc/passwd, /etc/group,
/etc/fixture-release and this file. If you can read this from a shell, cdebug works.
EOF
cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
COPY --chown=65532:65532 nonroot-home/ /home/nonroot/
ENV PATH=/usr/local/bin:/usr/bin:/bin
ENV FIXTURE_MODE=distroless
WORKDIR /srv
ENTRYPOINT ["/app"]
EOF

build_image cdebug-fixture/distroless:latest "$ctx"

# It must start, say it is ready, and stop at once on SIGTERM.
cid=$(docker run -d --network none --label io.cdebug.fixture=1 cdebug-fixture/distroless:latest)
ready=
for _ in $(seq 1 50); do
  if docker logs "$cid" 2>&1 | grep -q 'cdebug fixture target ready'; then ready=1; break; fi
  sleep 0.1
done
stop_start=$SECONDS
docker stop -t 10 "$cid" >/dev/null 2>&1 || true
stop_secs=$((SECONDS - stop_start))
code=$(docker inspect -f '{{.State.ExitCode}}' "$cid" 2>/dev/null || echo '?')
docker rm -f "$cid" >/dev/null 2>&1 || true
[[ -n $ready ]] || die "cdebug-fixture/distroless did not print its ready line"
[[ $code == 0 && $stop_secs -lt 5 ]] || die "cdebug-fixture/distroless did not exit 0 promptly on SIGTERM (exit $code after ${stop_secs}s)"
say "built cdebug-fixture/distroless:latest  $(short "$id")  FROM scratch, static /app, no shell"

# ---------------------------------------------------------------------------------------------
# cdebug-fixture/nixkit:latest

command -v patchelf >/dev/null 2>&1 ||
  bash "$ROOT/scripts/needs.sh" install fixtures || die "patchelf is missing (scripts/needs.sh install fixtures)"

deb_version=$(apt_extract busybox "$WORK/busybox-dyn-deb")
dyn=$(find "$WORK/busybox-dyn-deb" -type f -name busybox -perm -u+x | head -n 1)
[[ -n $dyn ]] || die "Debian's busybox package holds no busybox binary"
is_static "$dyn" && die "Debian's busybox package gave a static binary; expected a dynamic one"
bbv=$(upstream_version "$deb_version")
glibcv=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
[[ -n $glibcv ]] || glibcv=$(ldd --version | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')

# Fake nix store hashes (nix's base32 alphabet, 32 characters), fixed so paths are stable.
BB_HASH=0c4rwv5g8s1f2qyhx6k3dzmp9ajnbl7i
GLIBC_HASH=1jx8y2ks5fq0n4wdr7b6lhpcvmz3g9ai
bb_store="/nix/store/$BB_HASH-busybox-$bbv"
glibc_lib="/nix/store/$GLIBC_HASH-glibc-$glibcv/lib"

root="$WORK/nixkit"
mkdir -p "$root$bb_store/bin" "$root$glibc_lib" "$root/bin" "$root/tmp"
chmod 1777 "$root/tmp"
cp "$dyn" "$root$bb_store/bin/busybox"
chmod 755 "$root$bb_store/bin/busybox"

interp=$(patchelf --print-interpreter "$dyn")
libs=0
while read -r line; do
  path=
  case $line in
    *'=>'*) path=$(awk '{print $3}' <<<"$line") ;;
    /*) path=$(awk '{print $1}' <<<"$line") ;;
  esac
  [[ -n $path && $path == /* ]] || continue # linux-vdso.so.1 has no file
  cp -L "$path" "$root$glibc_lib/$(basename "$path")"
  libs=$((libs + 1))
done < <(LC_ALL=C ldd "$dyn")
[[ -e $root$glibc_lib/$(basename "$interp") ]] || cp -L "$interp" "$root$glibc_lib/$(basename "$interp")"
[[ -e $root$glibc_lib/libc.so.6 ]] || die "ldd listed no libc.so.6 for Debian's busybox"
chmod 755 "$root$glibc_lib"/*

patchelf --set-interpreter "$glibc_lib/$(basename "$interp")" --set-rpath "$glibc_lib" "$root$bb_store/bin/busybox"

# The point of the fixture: without /nix (on this host, or chrooted into a target) it cannot start.
if "$root$bb_store/bin/busybox" true >/dev/null 2>&1; then
  die "the nixkit busybox ran although $glibc_lib does not exist here: the fixture would prove nothing"
fi

ln -s "$bb_store/bin/busybox" "$root/bin/busybox"
n=0
for applet in $("$dyn" --list); do
  [[ $applet == busybox ]] && continue
  ln -s "$bb_store/bin/busybox" "$root/bin/$applet"
  n=$((n + 1))
done
((n > 100)) || die "dynamic busybox lists only $n applets"

old=$(image_id cdebug-fixture/nixkit:latest)
id=$(tar -C "$root" --numeric-owner --owner=0 --group=0 -c . |
  docker import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - cdebug-fixture/nixkit:latest)
drop_replaced "$old" "$id"

out=$("${RUN[@]}" cdebug-fixture/nixkit:latest sh -c 'ls /nix/store && echo ok')
[[ $out == *"-busybox-$bbv"* && $out == *"-glibc-$glibcv"* && $out == *ok ]] ||
  die "cdebug-fixture/nixkit does not run 'sh -c \"ls /nix/store && echo ok\"' (got: $out)"
target=$("${RUN[@]}" cdebug-fixture/nixkit:latest readlink /bin/sh)
[[ $target == "$bb_store/bin/busybox" ]] || die "/bin/sh in nixkit points to '$target', expected $bb_store/bin/busybox"
say "built cdebug-fixture/nixkit:latest      $(short "$id")  $bb_store (dynamic, $libs libs in $glibc_lib), $n absolute /bin links"

# ---------------------------------------------------------------------------------------------
# cdebug-fixture/slowstty:latest

ctx="$WORK/slowstty"
mkdir -p "$ctx"
cp "$ROOT/scripts/fixtures/slow-stty.sh" "$ctx/stty"
chmod 755 "$ctx/stty"
cat >"$ctx/Dockerfile" <<'EOF'
FROM cdebug-fixture/nixkit:latest
COPY stty /slow/stty
ENV PATH=/slow:/bin
EOF
build_image cdebug-fixture/slowstty:latest "$ctx"
out=$("${RUN[@]}" cdebug-fixture/slowstty:latest sh -c 'stty size; command -v stty')
[[ $out == $'0 0\n/slow/stty' ]] || die "cdebug-fixture/slowstty's shell does not find /slow/stty first (got: $out)"
say "built cdebug-fixture/slowstty:latest    $(short "$id")  nixkit + /slow/stty"

say "done in $((SECONDS - START)) s"
