#!/usr/bin/env bash
# `make up` / `make down` / `make status` / `make clean`: the local dev stack (PostgreSQL,
# the in-memory broker and the four services) running in the background, with its state in
# .run/dev and its addresses in .run/stack.env (SPEC §8).
#
# `up` starts whatever is not running (everything the first time) and ends with every
# service ready and stack.env written; on a first start that fails it stops what it
# started, keeping the logs (KAM_STACK_KEEP=1 leaves the pieces running for debugging).
# `down` stops everything and keeps PostgreSQL's data; `clean` also removes it.
#
# Other stacks (scripts/bench.sh) set KAM_STACK=<name>: state in .run/<name>, addresses in
# .run/<name>/stack.env; with the KAM_*_PORT variables below for their own ports and
# KAM_BUILD_CONFIG=release for optimised binaries. Unset, this is the dev stack as before.
set -euo pipefail
STACK_NAME=${KAM_STACK:-dev}
[[ $STACK_NAME =~ ^[a-z][a-z0-9-]*$ ]] || { echo "KAM_STACK must be a lower-case name" >&2; exit 2; }
source "$(dirname "$0")/lib.sh"

RUN="$ROOT/.run/$STACK_NAME"
if [ "$STACK_NAME" = dev ]; then ENV_FILE="$ROOT/.run/stack.env"; else ENV_FILE="$RUN/stack.env"; fi
BUILD_CONFIG=${KAM_BUILD_CONFIG:-debug}
[[ $BUILD_CONFIG == debug || $BUILD_CONFIG == release ]] || { echo "KAM_BUILD_CONFIG must be debug or release" >&2; exit 2; }
PG_PORT=${KAM_PG_PORT:-55432}
KAFKA_PORT=${KAM_KAFKA_PORT:-9092}
# The console is started like the services; it reads and acts through their HTTP APIs.
SERVICES=(orders credit receivables planning console)
declare -A PORTS=(
  [orders]=${KAM_ORDERS_PORT:-8081} [credit]=${KAM_CREDIT_PORT:-8082}
  [receivables]=${KAM_RECEIVABLES_PORT:-8083} [planning]=${KAM_PLANNING_PORT:-8084}
  [console]=${KAM_CONSOLE_PORT:-8080}
)
READY_TIMEOUT=${KAM_READY_TIMEOUT:-90}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
ready_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${PORTS[$1]}/health/ready" || true; }
pg_running() { [ -f "$(pg_data "$RUN")/db/PG_VERSION" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

# Prints how many of the stack's processes are running, out of how many.
count_running() {
  local n=0 s
  pg_running && n=$((n + 1))
  alive "$RUN/broker.pid" && n=$((n + 1))
  for s in "${SERVICES[@]}"; do alive "$RUN/$s.pid" && n=$((n + 1)); done
  echo "$n $(( ${#SERVICES[@]} + 2 ))"
}

stop_all() {
  local s stoppers=()
  # In parallel: each service finishes its message, commits and flushes (SIGTERM, up to 30 s).
  for s in "${SERVICES[@]}"; do
    if alive "$RUN/$s.pid"; then
      (stop_pidfile "$RUN/$s.pid" 35; log "stopped $s") &
      stoppers+=($!)
    else
      rm -f "$RUN/$s.pid"
    fi
  done
  # Only the stoppers: a bare `wait` would also wait for the broker when `up` started it.
  ((${#stoppers[@]} == 0)) || wait "${stoppers[@]}"
  # The broker and the database go last: the services talk to both while stopping.
  if alive "$RUN/broker.pid"; then stop_pidfile "$RUN/broker.pid" 5; log "stopped the broker"; fi
  rm -f "$RUN/broker.pid"
  if pg_running_in "$RUN"; then pg_stop "$RUN"; log "stopped PostgreSQL (data kept in $RUN/pg; make clean removes it)"; fi
  rm -f "$ENV_FILE"
}

# --- up --------------------------------------------------------------------------------
start_service() { # name bin-dir password
  local s=$1 bin=$2 pw=$3
  # One env file per service (mode 600), so a single service can be restarted by hand.
  (umask 077; cat >"$RUN/$s.env" <<ENV
DATABASE_URL=postgres://kam_$s:$pw@127.0.0.1:$PG_PORT/kam
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
HTTP_HOST=127.0.0.1
HTTP_PORT=${PORTS[$s]}
KAM_JWT_SECRET=$JWT_SECRET
KAM_TIMEZONE=$TIMEZONE
KAFKA_FETCH_WAIT_MAX_MS=${KAM_FETCH_WAIT_MAX_MS:-50}
KAFKA_SESSION_TIMEOUT_MS=6000
LOG_LEVEL=info
ENV
  )
  if [ "$s" = console ]; then
    cat >>"$RUN/$s.env" <<ENV
ORDERS_URL=http://127.0.0.1:${PORTS[orders]}
CREDIT_URL=http://127.0.0.1:${PORTS[credit]}
RECEIVABLES_URL=http://127.0.0.1:${PORTS[receivables]}
PLANNING_URL=http://127.0.0.1:${PORTS[planning]}
ENV
  fi
  # `exec` keeps the subshell's pid, so the pid file names the service itself.
  (set -a; source "$RUN/$s.env"; set +a; exec nohup "$bin/$s") </dev/null >>"$RUN/$s.log" 2>&1 &
  echo $! >"$RUN/$s.pid"
}

# Ready when /health/ready answers 200; failed when the process exited.
service_state() {
  local s=$1 pid rc
  pid=$(cat "$RUN/$s.pid")
  if [ "$(ready_code "$s")" = 200 ]; then
    READY_STATE=ready
  elif ! kill -0 "$pid" 2>/dev/null; then
    rc=0; wait "$pid" 2>/dev/null || rc=$?
    READY_STATE="exited with status $rc before it was ready"; rm -f "$RUN/$s.pid"
  fi
}
service_log() { tail -n 15 "$RUN/$1.log"; }
wait_ready() { wait_services_ready service_state service_log; }

on_up_failure() {
  if [ "${KAM_STACK_KEEP:-0}" = 1 ]; then
    log "leaving what runs for debugging (KAM_STACK_KEEP=1); stop it with: make down"
  else
    log "stopping what was started; logs stay in $RUN"
    stop_all
  fi
}

# Starts whatever part of the stack is down (all of it the first time) and keeps the data.
up() {
  mkdir -p "$RUN"
  read -r running total < <(count_running)
  if ((running == total)) && [ -f "$ENV_FILE" ]; then
    log "already up (see $ENV_FILE)"; exit 0
  fi
  ((running == 0)) || log "$running of $total processes run; starting the rest"

  JWT_SECRET=${KAM_JWT_SECRET:-$(secret jwt 32)}
  TIMEZONE=${KAM_TIMEZONE:-Europe/Moscow}
  bash "$ROOT/scripts/setup.sh"
  local s
  for s in "${SERVICES[@]}"; do
    alive "$RUN/$s.pid" && continue
    rm -f "$RUN/$s.pid"
    port_open "${PORTS[$s]}" && die "port ${PORTS[$s]} ($s) is in use; set KAM_${s^^}_PORT to another"
  done
  log "building (swift build -c $BUILD_CONFIG -j 2)"
  swift_build -c "$BUILD_CONFIG"
  local bin; bin=$(cd "$ROOT" && swift build -c "$BUILD_CONFIG" --show-bin-path)
  for s in kamctl "${SERVICES[@]}"; do [ -x "$bin/$s" ] || die "$bin/$s was not built"; done

  ((running == 0)) && trap on_up_failure EXIT
  local admin_pw; admin_pw=$(secret admin 12)
  local admin_url="postgres://kam_admin:$admin_pw@127.0.0.1:$PG_PORT/kam"
  if pg_running; then
    log "PostgreSQL runs on $PG_PORT"
  else
    log "starting PostgreSQL on $PG_PORT (data: $RUN/pg)"
    pg_start "$RUN" "$PG_PORT" "$admin_pw"
  fi
  if alive "$RUN/broker.pid"; then
    log "the broker runs on $KAFKA_PORT"
  else
    rm -f "$RUN/broker.pid"
    log "starting the broker on $KAFKA_PORT"
    broker_start "$RUN" "$KAFKA_PORT"
  fi
  "$bin/kamctl" topics create --bootstrap "127.0.0.1:$KAFKA_PORT" --partitions 6 >&2

  for s in "${SERVICES[@]}"; do
    alive "$RUN/$s.pid" && continue
    local pw; pw=$(secret "$s" 12)
    "$bin/kamctl" db provision --admin-url "$admin_url" --service "$s" --password "$pw" >&2
    start_service "$s" "$bin" "$pw"
  done
  log "waiting for /health/ready (up to $READY_TIMEOUT s)"
  wait_ready || die "the stack did not come up"
  demo_users "$bin"

  (umask 077; cat >"$ENV_FILE.tmp" <<ENV
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
DATABASE_URL=$admin_url
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
  trap - EXIT
  log "up: addresses in $ENV_FILE; a token: $bin/kamctl token --role head"
  log "console: http://127.0.0.1:${PORTS[console]}; sign in as head (head of sales) or kam-ivanova, kam-petrov,"
  log "  kam-smirnova, kam-kuznetsov (KAMs), password $(cat "$RUN/secrets/console-demo"); more: kamctl users add"
}

# The demo's head of sales, the simulated day's four KAMs and an operator, created once per
# stack (so a user disabled later stays disabled), all with the stack's demo password.
demo_users() { # bin-dir
  local bin=$1 pw u
  [ -f "$RUN/secrets/console-users-created" ] && return 0
  pw=$(secret console-demo 8)
  local admin_url="postgres://kam_admin:$(secret admin 12)@127.0.0.1:$PG_PORT/kam"
  "$bin/kamctl" users add head --role head --name "Руководитель продаж" --password "$pw" --database-url "$admin_url" >&2
  "$bin/kamctl" users add ops --role ops --name "Дежурный инженер" --password "$pw" --database-url "$admin_url" >&2
  for u in ivanova:Иванова petrov:Петров smirnova:Смирнова kuznetsov:Кузнецов; do
    "$bin/kamctl" users add "kam-${u%%:*}" --role kam --kam-id "kam-${u%%:*}" --name "${u#*:}" --password "$pw" \
      --database-url "$admin_url" >&2
  done
  touch "$RUN/secrets/console-users-created"
}

# Stops everything and removes the stack's data, logs and secrets.
clean() {
  stop_all
  pg_destroy "$RUN"
  rm -rf "$RUN"
  log "removed $RUN"
}

# --- status ----------------------------------------------------------------------------
row() { printf '%-12s %-8s %-8s %s\n' "$@" | sed 's/ *$//'; }

status() {
  local s pid code
  row COMPONENT PID STATE DETAIL
  if pg_running; then
    row postgresql "$(head -1 "$(pg_data "$RUN")/db/postmaster.pid" 2>/dev/null || echo -)" up "127.0.0.1:$PG_PORT"
  else
    row postgresql - down
  fi
  if alive "$RUN/broker.pid"; then row broker "$(cat "$RUN/broker.pid")" up "127.0.0.1:$KAFKA_PORT"; else row broker - down; fi
  for s in "${SERVICES[@]}"; do
    if alive "$RUN/$s.pid"; then
      code=$(ready_code "$s")
      row "$s" "$(cat "$RUN/$s.pid")" "$([ "$code" = 200 ] && echo ready || echo unready)" \
        "http://127.0.0.1:${PORTS[$s]} (/health/ready: $code)"
    else
      row "$s" - down "log: $RUN/$s.log"
    fi
  done
  read -r running total < <(count_running)
  # LSB status codes: 0 running, 3 not (fully) running.
  ((running == total)) && [ -f "$ENV_FILE" ] || exit 3
}

case "${1:-}" in
  up) up ;;
  down) mkdir -p "$RUN"; stop_all; log "down" ;;
  clean) mkdir -p "$RUN"; clean ;;
  status) status ;;
  *) echo "usage: $0 up|down|status|clean" >&2; exit 2 ;;
esac
