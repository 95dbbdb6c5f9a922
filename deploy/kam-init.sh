#!/bin/sh
# kam-init: one-shot, idempotent initialisation of a KAM platform environment.
# Installed in the image as /usr/local/bin/kam-init; run by the compose `init`
# service and the Kubernetes Job `kam-init`.
#
#   1. creates the Kafka topics  (kamctl topics create --partitions N)
#   2. provisions, for each service, the DB role kam_<service> with its
#      password and the schema <service> owned by it (kamctl db provision).
#      Each service migrates its own schema when it starts.
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS        broker list, e.g. kafka:9092          (required)
#   KAM_ADMIN_DATABASE_URL         postgres://ADMIN:PASSWORD@HOST:5432/kam (required)
#   KAM_ORDERS_DB_PASSWORD         password for role kam_orders          (required)
#   KAM_CREDIT_DB_PASSWORD         password for role kam_credit          (required)
#   KAM_RECEIVABLES_DB_PASSWORD    password for role kam_receivables     (required)
#   KAM_PLANNING_DB_PASSWORD       password for role kam_planning        (required)
#   KAM_CONSOLE_DB_PASSWORD        password for role kam_console (optional: the console's
#                                  role and schema are provisioned only when it is set)
#   KAM_TOPIC_PARTITIONS           partitions per topic (default 6)
#   KAM_INIT_ATTEMPTS              tries per step while Kafka/PostgreSQL come up (default 30)
#   KAM_INIT_RETRY_SECONDS         pause between tries (default 2)
set -eu

log() { printf 'kam-init: %s\n' "$*" >&2; }

: "${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is not set}"
: "${KAM_ADMIN_DATABASE_URL:?KAM_ADMIN_DATABASE_URL is not set}"
partitions=${KAM_TOPIC_PARTITIONS:-6}
attempts=${KAM_INIT_ATTEMPTS:-30}
pause=${KAM_INIT_RETRY_SECONDS:-2}

# retry DESCRIPTION COMMAND...: run COMMAND until it succeeds or attempts run out.
retry() {
  what=$1
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      log "$what: failed after $n attempts"
      return 1
    fi
    log "$what: attempt $n failed, retrying in ${pause}s"
    n=$((n + 1))
    sleep "$pause"
  done
  log "$what: done"
}

# Check every password before touching anything.
for svc in orders credit receivables planning; do
  var="KAM_$(printf '%s' "$svc" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  eval "pw=\${$var:-}"
  if [ -z "$pw" ]; then
    log "$var is not set"
    exit 1
  fi
done

retry "topics create (partitions=$partitions)" \
  kamctl topics create --partitions "$partitions"

for svc in orders credit receivables planning; do
  var="KAM_$(printf '%s' "$svc" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  eval "pw=\${$var}"
  retry "db provision $svc" \
    kamctl db provision --admin-url "$KAM_ADMIN_DATABASE_URL" --service "$svc" --password "$pw"
done

# The console's role and schema, where the console is deployed.
if [ -n "${KAM_CONSOLE_DB_PASSWORD:-}" ]; then
  retry "db provision console" \
    kamctl db provision --admin-url "$KAM_ADMIN_DATABASE_URL" --service console --password "$KAM_CONSOLE_DB_PASSWORD"
fi

log "environment initialised"
