#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster from the Debian binaries and prints its URL.
# Usage: eval "$(scripts/pg-throwaway.sh start DIR PORT)"; ...; scripts/pg-throwaway.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "pg-throwaway: no PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres wohnbruecke_test
  echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/wohnbruecke_test?sslmode=disable'"
  ;;
stop)
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
