#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's binaries, a temp directory, loopback only,
# trust auth (nothing but this machine's loopback can reach it, and it is deleted on stop).
#
#   eval "$(test/support/postgres-cluster.sh start)"   # exports DATABASE_URL and DEFUSE_PG_CLUSTER
#   npm run test:postgres
#   test/support/postgres-cluster.sh stop "$DEFUSE_PG_CLUSTER"
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (runuser).
# DEFUSE_PG_PORT (default 54329) is the first port tried; the next free one up to +50 is taken if it is busy.
set -euo pipefail

bin_dir() {
  local initdb
  initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$initdb" ]; then
    echo "postgres-cluster: no /usr/lib/postgresql/*/bin/initdb: apt-get install -y postgresql" >&2
    exit 1
  fi
  dirname "$initdb"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bin dir port first
  bin=$(bin_dir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/defuse-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  first=${DEFUSE_PG_PORT:-54329}
  port=$first
  while port_busy "$port"; do
    port=$((port + 1))
    if [ "$port" -gt $((first + 50)) ]; then
      echo "postgres-cluster: no free port" >&2
      exit 1
    fi
  done
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Tests create and drop a database per test file; fsync off: a throwaway cluster need not survive a crash.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export DEFUSE_PG_CLUSTER=$dir"
}

stop() {
  local dir=${1:-${DEFUSE_PG_CLUSTER:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "postgres-cluster: stop needs the cluster directory" >&2; exit 1; }
  case "$dir" in */defuse-pg.*) ;; *) echo "postgres-cluster: $dir is not a cluster made by this script" >&2; exit 1 ;; esac
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [dir]" >&2; exit 2 ;;
esac
