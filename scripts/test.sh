#!/usr/bin/env bash
# `make test`: installs what is missing, builds once, starts a private broker and
# PostgreSQL on their own ports, runs the whole suite against them, stops them.
set -euo pipefail
STACK_NAME=test
source "$(dirname "$0")/lib.sh"

bash "$ROOT/scripts/setup.sh"
RUN="$ROOT/.run/test"
mkdir -p "$RUN"

PG_PORT=${KAM_TEST_PG_PORT:-55532}
KAFKA_PORT=${KAM_TEST_KAFKA_PORT:-19092}
PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

cleanup() {
  # Service processes a failed test may have left behind.
  [ -n "${KAM_TEST_BIN_DIR:-}" ] && pkill -KILL -f "^$KAM_TEST_BIN_DIR/(orders|credit|receivables|planning|console)\$" 2>/dev/null || true
  stop_pidfile "$RUN/broker.pid" 5
  pg_destroy "$RUN"
  # Brokers and clusters the fault-injection tests started for themselves.
  local d
  for d in "$RUN"/fault-*; do
    [ -d "$d" ] || continue
    stop_pidfile "$d/broker.pid" 5
    pg_destroy "$d"
    rm -rf "$d"
  done
}
trap cleanup EXIT
cleanup

# deploy/ against the code: alert rule tests, compose and Kubernetes lint (seconds).
log "checking deploy/ (scripts/lint-deploy.sh)"
set +e
bash "$ROOT/scripts/lint-deploy.sh" >"$RUN/deploy-lint.log" 2>&1
deploy_status=$?
set -e
cat "$RUN/deploy-lint.log"

log "building (debug, tests included)"
start=$(date +%s)
swift_build --build-tests
log "build took $(( $(date +%s) - start )) s"

log "starting PostgreSQL on $PG_PORT and the broker on $KAFKA_PORT"
pg_start "$RUN" "$PG_PORT" "$PASSWORD"
broker_start "$RUN" "$KAFKA_PORT"

export KAM_TEST_REQUIRE_STACK=1
export KAM_TEST_KAFKA="127.0.0.1:$KAFKA_PORT"
export KAM_TEST_DATABASE_URL="postgres://kam_admin:$PASSWORD@127.0.0.1:$PG_PORT/kam"
export KAM_TEST_BIN_DIR=$(bin_dir)
# Fault-injection tests start brokers and PostgreSQL clusters of their own with lib.sh,
# under this folder (cleaned up above).
export KAM_TEST_ROOT="$ROOT"
export KAM_TEST_SCHEMATHESIS_DIR=${SCHEMATHESIS_DIR:-/opt/kam/schemathesis}
export KAM_TEST_RUN_DIR="$RUN"

cd "$ROOT"
set +e
swift test --skip-build "$@" 2>&1 | tee "$RUN/output.log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line at the very end, whatever the runner printed before it; the
# deploy checks count in it (one each).
total=$(grep -oE 'Test run with [0-9]+ tests?' "$RUN/output.log" | tail -1 | grep -oE '[0-9]+' || true)
failed=$(grep -E '^✘ Test ' "$RUN/output.log" | grep -v 'Test run with' | grep -c ' failed after' || true)
read -r deploy_passed deploy_failed < <(sed -nE 's/^deploy: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$RUN/deploy-lint.log" | tail -1) || true
deploy_passed=${deploy_passed:-0} deploy_failed=${deploy_failed:-1}
if [ "$deploy_status" -ne 0 ]; then
  log "deploy/ checks FAILED (above, and $RUN/deploy-lint.log)"
  [ "$status" -ne 0 ] || status=1
fi
[ -n "$total" ] && echo "$((total - failed + deploy_passed)) passed, $((failed + deploy_failed)) failed"
exit "$status"
