#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for the tests and prints its connection string (Npgsql form).
# Usage: eval "$(.ci/postgres.sh start)"   -> exports DESK_TEST_POSTGRES and DESK_TEST_PG_DIR
#        .ci/postgres.sh stop "$DESK_TEST_PG_DIR"
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
bin=/usr/lib/postgresql/15/bin

# initdb and the server refuse to run as root: run them as the postgres user then.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  if [ ! -x "$bin/initdb" ]; then
    echo "==> installing Debian PostgreSQL 15 for the tests" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  dir=$(mktemp -d /tmp/desk-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
  # A throwaway cluster: durability off, enough connections for test classes running in parallel.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null
  echo "export DESK_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres' DESK_TEST_PG_DIR='$dir'"
  ;;
stop)
  dir=${2:?the cluster folder}
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start | stop DIR" >&2
  exit 2
  ;;
esac
