#!/usr/bin/env bash
# Builds librdkafka 2.8.0 from Debian 13's signed source package, with the fixes in
# scripts/librdkafka-patches (each explains itself), into PREFIX (default /usr/local).
# Used by scripts/setup.sh on the machine and by deploy/Dockerfile in the image's build
# stage, so both carry the same library. Needs root, apt, the build tools and the -dev
# packages of librdkafka's dependencies (setup.sh and the Dockerfile install them).
#
# Idempotent: a stamp beside the library names the patch set, and a library that is there
# with the same patch set is left alone (well under a second).
#
#   scripts/librdkafka.sh [PREFIX]
#   LIBRDKAFKA_PATCHES=DIR   where the *.patch files are (default: beside this script)
set -euo pipefail

RDKAFKA_VERSION=2.8.0
PREFIX=${1:-${RDKAFKA_PREFIX:-/usr/local}}
PATCH_DIR=${LIBRDKAFKA_PATCHES:-"$(cd "$(dirname "$0")" && pwd)/librdkafka-patches"}
PATCH_STAMP="$PREFIX/share/kam/librdkafka-patches.sha256"

log() { printf '[librdkafka] %s\n' "$*" >&2; }

patch_set_id() { cat "$PATCH_DIR"/*.patch | sha256sum | cut -d' ' -f1; }

installed() {
  local v
  v=$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka 2>/dev/null || true)
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$RDKAFKA_VERSION" "$v" | sort -V | head -1)" = "$RDKAFKA_VERSION" ] \
    && [ "$(cat "$PATCH_STAMP" 2>/dev/null)" = "$(patch_set_id)" ]
}

ls "$PATCH_DIR"/*.patch >/dev/null 2>&1 || { log "no patches in $PATCH_DIR"; exit 1; }
if installed; then
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { log "must run as root to build librdkafka into $PREFIX"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/src"
# A private sources list: the system's apt configuration stays Debian 12.
cat >"$work/trixie-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_opts=(-o "Dir::Etc::SourceList=$work/trixie-src.sources" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
log "fetching librdkafka $RDKAFKA_VERSION source (Debian 13)"
apt-get "${apt_opts[@]}" update -qq >/dev/null
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only -qq "librdkafka=${RDKAFKA_VERSION}-1" >/dev/null)
tar -xf "$work"/src/librdkafka_${RDKAFKA_VERSION}.orig.tar.* -C "$work/src"
srcdir=$(find "$work/src" -maxdepth 1 -type d -name 'librdkafka-*' | head -1)
for p in "$PATCH_DIR"/*.patch; do
  log "patching: $(basename "$p")"
  patch -s -p1 -d "$srcdir" <"$p"
done
log "building librdkafka $RDKAFKA_VERSION into $PREFIX"
(cd "$srcdir" && ./configure --prefix="$PREFIX" --disable-curl >/dev/null \
   && make -s -j"$(nproc)" -C src >/dev/null 2>&1 && make -s -C src install >/dev/null)
ldconfig
mkdir -p "$(dirname "$PATCH_STAMP")"
patch_set_id >"$PATCH_STAMP"
installed || { log "librdkafka $RDKAFKA_VERSION did not install"; exit 1; }
log "librdkafka $(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka) with patch set $(patch_set_id | cut -c1-12) in $PREFIX"
