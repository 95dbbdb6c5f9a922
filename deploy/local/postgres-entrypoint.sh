#!/bin/sh
# Entry point of the local PostgreSQL image: creates the cluster and the database kam on
# the first start, then runs the server in the foreground (it is PID 1: SIGTERM is a
# smart shutdown, SIGINT a fast one).
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set}"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U kam_admin --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Clients come through the pod's published port, from the host's side of the bridge.
  echo 'host all all 0.0.0.0/0 scram-sha-256' >>"$PGDATA/pg_hba.conf"
  echo 'CREATE DATABASE kam' | postgres --single -D "$PGDATA" postgres >/dev/null
  echo "kam-postgres: cluster created in $PGDATA" >&2
fi
exec postgres -D "$PGDATA" -p "$PGPORT" -c listen_addresses='*' -c max_connections=200 \
  -c unix_socket_directories=/tmp
