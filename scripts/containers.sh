#!/usr/bin/env bash
# The platform as containers on this machine, with podman (DESIGN §3): no Docker engine
# and no image registry here, so every base image is made locally.
#
#   scripts/containers.sh images   `make images`: the base images and kam-platform
#   scripts/containers.sh up       `make up-containers`: PostgreSQL, the broker, the init
#                                  step and the four services in one pod; waits until every
#                                  /health/ready answers; writes .run/containers/stack.env
#   scripts/containers.sh down     `make down-containers`: stops it (PostgreSQL's volume kept)
#   scripts/containers.sh clean    also removes the volume, the secrets and the images' cache
#   scripts/containers.sh status   the pod's containers and their health
#   scripts/containers.sh test     `make test-containers`: up, the order flow end to end
#                                  (kamctl simulate --check), lag drained, down
#   scripts/containers.sh setup    installs podman, buildah, runc, debootstrap, catatonit
#
# Images (all localhost/…): local/debian:12 (debootstrap --variant=minbase bookworm),
# local/swift-builder:6.3 (the build stage's base; the Swift toolchain and package copies
# are mounted from /opt), local/postgres:15, local/tansu (the dev broker) and
# kam-platform:local, built from deploy/Dockerfile with its public defaults swapped by
# build arguments. Ports (127.0.0.1) differ from `make up`'s: broker 9192, PostgreSQL
# 55632, console 8180, orders 8181, credit 8182, receivables 8183, planning 8184 (KAM_CONTAINERS_*_PORT).
set -euo pipefail
STACK_NAME=containers
source "$(dirname "$0")/lib.sh"

export CONTAINERS_CONF="$ROOT/deploy/local/containers.conf"
RUN="$ROOT/.run/containers"
ENV_FILE="$RUN/stack.env"
POD=${KAM_POD:-kam-containers}
PG_VOLUME="$POD-pg"
BASE_IMAGE=localhost/local/debian:12
BUILDER_IMAGE=localhost/local/swift-builder:6.3
PG_IMAGE=localhost/local/postgres:15
BROKER_IMAGE=localhost/local/tansu:0.6
IMAGE=${KAM_IMAGE:-localhost/kam-platform:local}
SWIFT_DIR=${KAM_SWIFT_DIR:-/opt/swift}
PACKAGES_DIR=${KAM_SWIFT_PACKAGES_DIR:-/opt/swift-packages}
PG_PORT=${KAM_CONTAINERS_PG_PORT:-55632}
KAFKA_PORT=${KAM_CONTAINERS_KAFKA_PORT:-9192}
SERVICES=(orders credit receivables planning console)
declare -A PORTS=(
  [orders]=${KAM_CONTAINERS_ORDERS_PORT:-8181} [credit]=${KAM_CONTAINERS_CREDIT_PORT:-8182}
  [receivables]=${KAM_CONTAINERS_RECEIVABLES_PORT:-8183} [planning]=${KAM_CONTAINERS_PLANNING_PORT:-8184}
  [console]=${KAM_CONTAINERS_CONSOLE_PORT:-8180}
)
READY_TIMEOUT=${KAM_READY_TIMEOUT:-120}

# --- setup -------------------------------------------------------------------------------
setup() {
  # iptables: netavark sets up container networks with it (only Suggested by podman).
  local pkgs=(podman buildah runc debootstrap catatonit netavark aardvark-dns uidmap iptables)
  local missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [ "$(id -u)" -eq 0 ] || die "must run as root to install ${missing[*]}"
  log "apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# podman without systemd (these machines) says on every start that it cannot add timers
# for health checks; the scripts run the checks themselves (`podman healthcheck run`).
podman() { command podman "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }

# --- images ------------------------------------------------------------------------------
image_exists() { podman image exists "$1"; }

# The mirror apt already uses (first deb.debian.org-like URI of the system's sources).
debian_mirror() {
  local uri
  uri=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | head -1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

# local/debian:12 — a minbase Debian 12 made slim the way the registry's -slim images are:
# no documentation, manual pages or translations (also for packages installed later).
base_image() {
  image_exists "$BASE_IMAGE" && return 0
  local mirror rootfs
  mirror=$(debian_mirror)
  rootfs=$(mktemp -d /var/tmp/kam-rootfs.XXXXXX)
  log "debootstrap --variant=minbase bookworm from $mirror (about a minute)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$RUN/debootstrap.log" 2>&1 \
    || { rm -rf "$rootfs"; die "debootstrap failed: see $RUN/debootstrap.log"; }
  cat >"$rootfs/etc/apt/sources.list" <<SRC
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian*}/debian-security bookworm-security main
SRC
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/kam-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
CFG
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  rm -rf "$rootfs"/usr/share/{man,info,locale,lintian}/* "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "imported $BASE_IMAGE"
}

# podman build with no registry: every FROM is a local image. The build stage's layers are
# untagged: pruning dangling images would throw away its cache, so nothing is pruned.
build() { podman build --pull=never --layers "$@" >>"$RUN/images.log" 2>&1 || die "podman build $* failed: see $RUN/images.log"; }

images() {
  setup
  bash "$ROOT/scripts/setup.sh"   # the Tansu binary for the broker image
  [ -x "$SWIFT_DIR/usr/bin/swift" ] || die "no Swift toolchain in $SWIFT_DIR (KAM_SWIFT_DIR)"
  [ -d "$PACKAGES_DIR" ] || die "no Swift package copies in $PACKAGES_DIR (KAM_SWIFT_PACKAGES_DIR)"
  mkdir -p "$RUN"
  : >"$RUN/images.log"
  local started=$SECONDS
  base_image
  log "building $BUILDER_IMAGE, $PG_IMAGE and $BROKER_IMAGE"
  build -f "$ROOT/deploy/local/swift-builder.Containerfile" -t "$BUILDER_IMAGE" "$ROOT/deploy/local"
  build -f "$ROOT/deploy/local/postgres.Containerfile" -t "$PG_IMAGE" "$ROOT/deploy/local"
  local ctx="$RUN/broker-context"
  mkdir -p "$ctx"
  cmp -s "$TANSU_BIN" "$ctx/tansu" || cp "$TANSU_BIN" "$ctx/tansu"
  build -f "$ROOT/deploy/local/broker.Containerfile" -t "$BROKER_IMAGE" "$ctx"
  log "building $IMAGE from deploy/Dockerfile (a cold build compiles librdkafka and every product in release mode)"
  build -f "$ROOT/deploy/Dockerfile" --format docker \
    --build-arg SWIFT_IMAGE="$BUILDER_IMAGE" --build-arg RUNTIME_IMAGE="$BASE_IMAGE" \
    -v "$SWIFT_DIR:$SWIFT_DIR:ro" -v "$PACKAGES_DIR:$PACKAGES_DIR:ro" \
    -t "$IMAGE" "$ROOT"
  log "images ready in $((SECONDS - started)) s:"
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
    | grep -E "^(${BASE_IMAGE%:*}|${BUILDER_IMAGE%:*}|${PG_IMAGE%:*}|${BROKER_IMAGE%:*}|${IMAGE%:*}):" \
    | sed 's/^/    /' >&2
}

# --- up ----------------------------------------------------------------------------------
ctr() { echo "$POD-$1"; }
pod_exists() { podman pod exists "$POD"; }
running() { [ "$(podman inspect -f '{{.State.Running}}' "$(ctr "$1")" 2>/dev/null)" = true ]; }
ready_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${PORTS[$1]}/health/ready" || true; }

wait_for() { # seconds what command...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
  log "$what"
}

# Ready when the service's own health check (curl of /health/ready inside the container)
# passes and its published port answers 200; failed when the container stopped.
service_state() {
  local s=$1
  if ! running "$s"; then
    READY_STATE="exited ($(podman inspect -f '{{.State.ExitCode}}' "$(ctr "$s")"))"
  elif podman healthcheck run "$(ctr "$s")" >/dev/null 2>&1 && [ "$(ready_code "$s")" = 200 ]; then
    READY_STATE=ready
  fi
}
service_log() { podman logs --tail 15 "$(ctr "$1")"; }

start_service() { # name password
  local s=$1 pw=$2 extra=()
  podman rm -f "$(ctr "$s")" >/dev/null 2>&1 || true
  # The console calls the services over HTTP, inside the pod.
  [ "$s" = console ] && extra=(-e ORDERS_URL="http://127.0.0.1:${PORTS[orders]}" -e CREDIT_URL="http://127.0.0.1:${PORTS[credit]}"
                               -e RECEIVABLES_URL="http://127.0.0.1:${PORTS[receivables]}"
                               -e PLANNING_URL="http://127.0.0.1:${PORTS[planning]}")
  # The image's HEALTHCHECK curls /health/ready on HTTP_PORT; the root filesystem is
  # read-only and the process may not gain privileges, as in deploy/compose.yaml.
  podman run -d --pod "$POD" --name "$(ctr "$s")" --read-only --tmpfs /tmp \
    --security-opt no-new-privileges --stop-timeout 35 \
    -e DATABASE_URL="postgres://kam_$s:$pw@127.0.0.1:$PG_PORT/kam" \
    -e KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    -e HTTP_PORT="${PORTS[$s]}" \
    -e KAM_JWT_SECRET="$JWT_SECRET" -e KAM_TIMEZONE="$TIMEZONE" \
    -e KAM_SERVICE_INSTANCE="$(ctr "$s")" \
    -e KAFKA_FETCH_WAIT_MAX_MS=50 -e KAFKA_SESSION_TIMEOUT_MS=6000 -e LOG_LEVEL=info "${extra[@]}" \
    "$IMAGE" "$s" >/dev/null
}

up() {
  setup
  mkdir -p "$RUN"
  image_exists "$IMAGE" && image_exists "$PG_IMAGE" && image_exists "$BROKER_IMAGE" || images
  # A volume kept from a stack whose secrets are gone (a new clone, .run removed) has
  # passwords nobody knows: start PostgreSQL afresh.
  if [ ! -s "$RUN/secrets/admin" ] && podman volume exists "$PG_VOLUME"; then
    log "volume $PG_VOLUME belongs to a stack whose secrets are gone; removing it"
    pod_exists && podman pod rm -f "$POD" >/dev/null
    podman volume rm -f "$PG_VOLUME" >/dev/null
  fi
  JWT_SECRET=${KAM_JWT_SECRET:-$(secret jwt 32)}
  TIMEZONE=${KAM_TIMEZONE:-Europe/Moscow}
  local admin_pw s
  admin_pw=$(secret admin 12)

  if ! pod_exists; then
    local publish=(-p "127.0.0.1:$KAFKA_PORT:$KAFKA_PORT" -p "127.0.0.1:$PG_PORT:$PG_PORT")
    for s in "${SERVICES[@]}"; do
      port_open "${PORTS[$s]}" && die "port ${PORTS[$s]} ($s) is in use; set KAM_CONTAINERS_${s^^}_PORT to another"
      publish+=(-p "127.0.0.1:${PORTS[$s]}:${PORTS[$s]}")
    done
    port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is in use; set KAM_CONTAINERS_KAFKA_PORT to another"
    port_open "$PG_PORT" && die "port $PG_PORT is in use; set KAM_CONTAINERS_PG_PORT to another"
    # One pod: its containers share one network namespace, so the broker can advertise
    # 127.0.0.1:$KAFKA_PORT to the services inside and to tools on the host alike.
    podman pod create --name "$POD" "${publish[@]}" >/dev/null
    log "pod $POD created"
  fi
  podman pod start "$POD" >/dev/null 2>&1 || true

  if ! running postgres; then
    podman rm -f "$(ctr postgres)" >/dev/null 2>&1 || true
    podman volume exists "$PG_VOLUME" || podman volume create "$PG_VOLUME" >/dev/null
    podman run -d --pod "$POD" --name "$(ctr postgres)" --stop-timeout 30 \
      -v "$PG_VOLUME:/var/lib/postgresql/data" -e POSTGRES_PASSWORD="$admin_pw" -e PGPORT="$PG_PORT" \
      --health-cmd "pg_isready -q -h 127.0.0.1 -p $PG_PORT" --health-interval 5s \
      "$PG_IMAGE" >/dev/null
  fi
  wait_for 60 "PostgreSQL is ready on $PG_PORT" podman healthcheck run "$(ctr postgres)" \
    || { podman logs --tail 20 "$(ctr postgres)" >&2; die "PostgreSQL did not become ready"; }

  if ! running broker; then
    podman rm -f "$(ctr broker)" >/dev/null 2>&1 || true
    podman run -d --pod "$POD" --name "$(ctr broker)" --init --stop-timeout 5 \
      --health-cmd "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT'" --health-interval 5s \
      "$BROKER_IMAGE" --listener-url "tcp://0.0.0.0:$KAFKA_PORT" \
      --advertised-listener-url "tcp://127.0.0.1:$KAFKA_PORT" --storage-engine memory://tansu/ >/dev/null
  fi
  wait_for 30 "the broker is ready on $KAFKA_PORT" podman healthcheck run "$(ctr broker)" \
    || { podman logs --tail 20 "$(ctr broker)" >&2; die "the broker did not become ready"; }

  # The one-shot init (deploy/kam-init.sh): topics, then a role and schema per service.
  local init_env=(-e KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
                  -e KAM_ADMIN_DATABASE_URL="postgres://kam_admin:$admin_pw@127.0.0.1:$PG_PORT/kam"
                  -e KAM_TOPIC_PARTITIONS=6)
  for s in "${SERVICES[@]}"; do init_env+=(-e "KAM_${s^^}_DB_PASSWORD=$(secret "$s" 12)"); done
  podman rm -f "$(ctr init)" >/dev/null 2>&1 || true
  podman run --rm --pod "$POD" --name "$(ctr init)" --read-only --tmpfs /tmp --no-healthcheck \
    "${init_env[@]}" "$IMAGE" kam-init >"$RUN/init.log" 2>&1 \
    || { tail -20 "$RUN/init.log" >&2; die "kam-init failed: see $RUN/init.log"; }
  log "init done (topics, roles and schemas)"

  for s in "${SERVICES[@]}"; do
    running "$s" || start_service "$s" "$(secret "$s" 12)"
  done
  log "waiting for /health/ready (up to $READY_TIMEOUT s)"
  wait_services_ready service_state service_log || die "the services did not come up (make down-containers stops what runs)"

  (umask 077; cat >"$ENV_FILE.tmp" <<ENV
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
DATABASE_URL=postgres://kam_admin:$admin_pw@127.0.0.1:$PG_PORT/kam
ORDERS_URL=http://127.0.0.1:${PORTS[orders]}
CREDIT_URL=http://127.0.0.1:${PORTS[credit]}
RECEIVABLES_URL=http://127.0.0.1:${PORTS[receivables]}
PLANNING_URL=http://127.0.0.1:${PORTS[planning]}
CONSOLE_URL=http://127.0.0.1:${PORTS[console]}
KAM_JWT_SECRET=$JWT_SECRET
KAM_TIMEZONE=$TIMEZONE
ENV
  )
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  log "up: addresses in $ENV_FILE (KAM_STACK_ENV=$ENV_FILE kamctl lag)"
  log "console: http://127.0.0.1:${PORTS[console]}; add who may sign in with KAM_STACK_ENV=$ENV_FILE kamctl users add"
}

# --- down --------------------------------------------------------------------------------
down() {
  rm -f "$ENV_FILE"
  pod_exists || { log "no pod $POD"; return 0; }
  local s names=()
  # The services first, together (SIGTERM: finish the message, commit, leave, flush),
  # then the broker and PostgreSQL they talk to while stopping.
  for s in "${SERVICES[@]}"; do podman container exists "$(ctr "$s")" && names+=("$(ctr "$s")"); done
  ((${#names[@]} == 0)) || podman stop -t 35 "${names[@]}" >/dev/null 2>&1 || true
  podman pod stop -t 30 "$POD" >/dev/null 2>&1 || true
  podman pod rm -f "$POD" >/dev/null
  log "stopped and removed pod $POD (PostgreSQL's data kept in volume $PG_VOLUME; clean removes it)"
}

clean() {
  down
  podman volume rm -f "$PG_VOLUME" >/dev/null 2>&1 || true
  rm -rf "$RUN"
  log "removed volume $PG_VOLUME and $RUN"
}

status() {
  if ! pod_exists; then echo "no pod $POD"; exit 3; fi
  podman ps -a --pod --filter "pod=$POD" --format '{{.Names}}\t{{.Status}}\t{{.Image}}' | column -t -s $'\t'
  local s ok=1
  for s in "${SERVICES[@]}"; do [ "$(ready_code "$s")" = 200 ] || ok=0; done
  ((ok == 1)) && [ -f "$ENV_FILE" ] || exit 3
}

# --- test --------------------------------------------------------------------------------
# The order flow end to end against the containers, with the host's kamctl reading
# .run/containers/stack.env: a day of ERP traffic whose every order must end in exactly
# one OrderConfirmed or OrderRejected (the head deciding the holds over HTTP), then no lag.
test_stack() {
  local orders=${KAM_CONTAINERS_TEST_ORDERS:-60} started=$SECONDS rc=0
  images
  log "building kamctl on the host"
  swift_build --product kamctl
  local kamctl; kamctl="$(bin_dir)/kamctl"
  trap 'down' EXIT
  # From a clean state: no pod, no data of an earlier run.
  down
  podman volume rm -f "$PG_VOLUME" >/dev/null 2>&1 || true
  up
  export KAM_STACK_ENV="$ENV_FILE"
  log "kamctl simulate --orders $orders --check"
  "$kamctl" simulate --orders "$orders" --check --timeout 180 | tee "$RUN/simulate.log" || rc=$?
  if ((rc == 0)); then
    log "kamctl lag --max-lag 0 (the services caught up)"
    local i
    for ((i = 0; i < 60; i++)); do "$kamctl" lag --max-lag 0 >"$RUN/lag.log" 2>&1 && break; sleep 1; done
    cat "$RUN/lag.log"
    "$kamctl" lag --max-lag 0 >/dev/null || rc=$?
  fi
  local s
  if ((rc == 0)); then
    log "test-containers passed in $((SECONDS - started)) s"
  else
    log "test-containers FAILED after $((SECONDS - started)) s; the services' last log lines:"
    for s in "${SERVICES[@]}"; do podman logs --tail 20 "$(ctr "$s")" 2>&1 | sed "s/^/    $s: /" >&2; done
  fi
  return "$rc"
}

case "${1:-}" in
  setup) setup ;;
  images) images ;;
  up) up ;;
  down) down ;;
  clean) clean ;;
  status) status ;;
  test) test_stack ;;
  *) echo "usage: $0 images|up|down|clean|status|test|setup" >&2; exit 2 ;;
esac
