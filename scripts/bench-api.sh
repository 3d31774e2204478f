#!/usr/bin/env bash
# Latency of GET /api/v1/vacancies/{id}/ranking with many households on PostgreSQL.
#
#   scripts/bench-api.sh [HOUSEHOLDS] [SECONDS]        (defaults: 20000, 20)
#
# Needs the Debian PostgreSQL binaries and wrk (apt-get install -y wrk). It starts a
# throwaway PostgreSQL cluster on loopback (the demo loads all households in one
# transaction, so the cluster gets a larger lock table), loads the demo data with the given
# number of households, starts `wohnbruecke serve` on loopback, creates a staff API token
# directly in the database (only its SHA-256 is stored, as the portal does) and runs wrk
# with two connections for a bounded time. The database is dropped at the end.
set -euo pipefail
households=${1:-20000}
seconds=${2:-20}
port=${BENCH_PORT:-18080}
pgport=${BENCH_PG_PORT:-54339}
work=$(mktemp -d)
[ "$(id -u)" = 0 ] && chmod 755 "$work"
server_pid=""
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  as_pg "$bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench-api: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
[ -n "$bin" ] || { echo "bench-api: no PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_pg "$bin/initdb" -D "$work/pg/data" -A trust -U postgres --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start \
  -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_locks_per_transaction=4096 -c shared_buffers=256MB" >/dev/null
as_pg "$bin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres wohnbruecke
url="postgres://postgres@127.0.0.1:$pgport/wohnbruecke?sslmode=disable"

go build -o "$work/wohnbruecke" ./cmd/wohnbruecke
export DATABASE_URL="$url" DATA_DIR="$work/data" LISTEN_ADDR="127.0.0.1:$port" LOG_FORMAT=json
echo "loading demo data with $households households …"
time "$work/wohnbruecke" demo --households "$households" >/dev/null

token="wb_bench_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
psql -q "$url" -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO api_tokens (name, token_hash, role, user_id, created_at)
SELECT 'Lasttest', '$hash', 'staff', id, now() FROM users WHERE role = 'staff' AND active ORDER BY id LIMIT 1;
SQL
vacancy=$(psql -qtA "$url" -c "SELECT id FROM vacancies WHERE status = 'published' ORDER BY id LIMIT 1")
echo "households: $(psql -qtA "$url" -c 'SELECT COUNT(*) FROM households'), vacancy $vacancy"

"$work/wohnbruecke" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
path="/api/v1/vacancies/$vacancy/ranking"
status=$(curl -s -o "$work/ranking.json" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
echo "warm-up: HTTP $status, $(wc -c <"$work/ranking.json") bytes"
[ "$status" = 200 ] || { cat "$work/server.log" >&2; exit 1; }

echo "full ranking (all candidates and excluded):"
wrk -t1 -c2 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path"
echo "top 20 (?limit=20):"
wrk -t1 -c2 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path?limit=20"
