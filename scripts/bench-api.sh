#!/usr/bin/env bash
# Latency of GET /api/v1/vacancies/{id}/ranking with many households on PostgreSQL.
#
#   scripts/bench-api.sh [HOUSEHOLDS] [SECONDS]        (defaults: 20000, 20)
#
# Needs the Debian PostgreSQL binaries and wrk (apt-get install -y wrk). It starts a
# throwaway PostgreSQL cluster on loopback (the demo loads all households in one
# transaction, so the cluster gets a larger lock table), loads the demo data with the given
# number of households, starts `wohnbruecke serve` on loopback, creates a staff API token
# directly in the database (only its SHA-256 is stored, as the portal does) and runs
# `wrk -t2 -c8` for a bounded time against the ranking with ?limit=20 (and once more with
# If-None-Match). The server runs with API_RATE_LIMIT=0, so 429s cannot pass as throughput:
# a Lua script counts every non-2xx/304 answer and the script fails if there was one. It
# prints requests/s, p50 and p99. The database is dropped at the end.
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
export DATABASE_URL="$url" DATA_DIR="$work/data" LISTEN_ADDR="127.0.0.1:$port" LOG_FORMAT=json API_RATE_LIMIT=0
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

[ -n "${BENCH_PPROF:-}" ] && export PPROF_ADDR="127.0.0.1:${BENCH_PPROF_PORT:-6060}"
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

cat >"$work/check.lua" <<'LUA'
-- Counts answers that are neither 2xx nor 304 per thread and reports them at the end.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; etag = args[1] end
function request()
  if etag ~= nil and etag ~= "" then
    local h = {} -- wrk.format replaces wrk.headers (and -H) by the table it gets
    for k, v in pairs(wrk.headers) do h[k] = v end
    h["If-None-Match"] = etag
    return wrk.format(nil, nil, h)
  end
  return wrk.format()
end
function response(status, headers, body)
  if status ~= 304 and (status < 200 or status > 299) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("bad") end
  io.write(string.format("RESULT requests/s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d non_2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

bench() { # label, url, [etag]
  echo "$1:"
  out=$(wrk -t2 -c8 -d"${seconds}s" --latency -H "Authorization: Bearer $token" -s "$work/check.lua" "$2" -- "${3:-}")
  echo "$out" | grep -E 'Latency|Req/Sec|requests in|RESULT'
  if ! echo "$out" | grep -q 'non_2xx=0 socket_errors=0'; then
    echo "bench-api: $1 had failed requests" >&2
    exit 1
  fi
}
base="http://127.0.0.1:$port$path"
bench "top 20 (?limit=20)" "$base?limit=20"
top20=$out
etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" "$base?limit=20" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
bench "top 20, conditional (If-None-Match → 304)" "$base?limit=20" "$etag"
bench "healthz (the HTTP stack alone)" "http://127.0.0.1:$port/healthz"

# The anchor: the one-query SQL ranking (store.RankingBySQL, top 50 with all rules and the
# same score) on the same database, 1 and 8 at a time, while the server idles.
echo "SQL anchor (one query, top 50):"
anchor=$(WB_BENCH_DATABASE_URL="$url" go test -run '^$' -bench 'BenchmarkRankingSQLAnchor' -benchtime "${ANCHOR_SECONDS:-10}s" ./internal/ranking/ | grep -E '^Benchmark')
echo "$anchor"
api_rps=$(echo "$top20" | sed -n 's/.*requests\/s=\([0-9]*\).*/\1/p')
api_p50=$(echo "$top20" | sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p')
seq_ns=$(echo "$anchor" | awk '/sequential/ {print $3}')
par_ns=$(echo "$anchor" | awk '/parallel8/ {print $3}')
awk -v rps="$api_rps" -v p50="$api_p50" -v seq="$seq_ns" -v par="$par_ns" 'BEGIN {
  printf "RATIO anchor_ms=%.2f anchor_parallel8_per_s=%.0f api_per_s=%d throughput_ratio=%.1f latency_ratio_p50=%.1f\n",
    seq / 1e6, 1e9 / par, rps, rps / (1e9 / par), (seq / 1e6) / p50 }'
if [ -n "${BENCH_PPROF:-}" ]; then
  echo "CPU profile of the ranking under load → $BENCH_PPROF"
  wrk -t2 -c8 -d"${seconds}s" -H "Authorization: Bearer $token" "$base?limit=20" >/dev/null &
  wrk_pid=$!
  curl -s -o "$BENCH_PPROF" "http://127.0.0.1:${BENCH_PPROF_PORT:-6060}/debug/pprof/profile?seconds=$((seconds - 2))" || true
  wait "$wrk_pid"
fi
