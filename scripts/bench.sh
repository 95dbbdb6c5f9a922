#!/usr/bin/env bash
# `make bench`: throughput and latency figures (SPEC §8). Builds the release configuration,
# starts a separate stack for it (its own ports, state in .run/bench; the dev stack of
# `make up` is left alone), drives orders through it with `kamctl bench`, and stops that
# stack again whatever happens. Arguments go to `kamctl bench` (e.g. --orders 5000); without
# any, it prints the whole table: a burst of 100,000 orders, 1,000 orders/s for 30 s, and a
# backlog of 100,000 orders drained after the services were stopped.
# `bench.sh ageing [ARGS]` (make bench-ageing) instead seeds the bench stack's receivables
# schema and times GET /ageing: `kamctl ageing-bench --reset ARGS` (e.g. --clients 1000
# --documents 100000).
set -euo pipefail
STACK_NAME=bench
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

export KAM_STACK=bench KAM_BUILD_CONFIG=release
# pg_stat_statements for `kamctl bench --pg-statements N`; KAM_BENCH_PG_OPTIONS adds server settings
# to try (e.g. "-c shared_buffers=1GB").
export KAM_PG_EXTRA_OPTIONS="-c shared_preload_libraries=pg_stat_statements ${KAM_BENCH_PG_OPTIONS:-}"
export KAM_PG_PORT=${KAM_BENCH_PG_PORT:-55632} KAM_KAFKA_PORT=${KAM_BENCH_KAFKA_PORT:-9192}
export KAM_ORDERS_PORT=${KAM_BENCH_ORDERS_PORT:-8181} KAM_CREDIT_PORT=${KAM_BENCH_CREDIT_PORT:-8182}
export KAM_RECEIVABLES_PORT=${KAM_BENCH_RECEIVABLES_PORT:-8183} KAM_PLANNING_PORT=${KAM_BENCH_PLANNING_PORT:-8184}
# The bench stack's own secret: never the dev stack's.
unset KAM_JWT_SECRET

bash scripts/setup.sh
log "building the release configuration (swift build -c release -j 2)"
started=$SECONDS
swift_build -c release
log "release build took $((SECONDS - started)) s"
BIN=$(swift build -c release --show-bin-path)

[ -f .run/stack.env ] && log "note: the dev stack is up too; it shares the machine's CPUs with the bench"
bash scripts/stack.sh down >/dev/null 2>&1 || true # leftovers of an interrupted bench
trap 'bash scripts/stack.sh down' EXIT
bash scripts/stack.sh up

# The bench stack's addresses win over any dev-stack .run/stack.env kamctl would find.
bench() { (set -a; source .run/bench/stack.env; set +a; exec "$BIN/kamctl" bench --run-dir "$ROOT/.run/bench" "$@"); }
if [ "${1:-}" = ageing ]; then
  shift
  (set -a; source .run/bench/stack.env; set +a; exec "$BIN/kamctl" ageing-bench --reset "$@")
elif (($# > 0)); then
  bench "$@"
else
  bench --mode burst --orders 100000 --raw-records 200000 --pg-statements 8
  bench --mode paced --rate 1000 --seconds 30 --raw-records 0
  bench --mode backlog --orders 100000 --raw-records 0
fi
