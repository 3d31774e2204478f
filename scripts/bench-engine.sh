#!/usr/bin/env bash
# Benchmarks of the matching engine against its anchors (docs/design.md §4.5 "Performance").
# Usage: scripts/bench-engine.sh [COUNT]   (default 6 repetitions of each benchmark)
#
# - BenchmarkRankVsFloor100k(Top50): Rank and the honest floor (matching/floor_test.go) on
#   100,000 households, timed back to back in each iteration; reports engine/floor.
# - BenchmarkAllocate2000x50000: whole Allocate at city scale (target: under 1.5 s).
# - BenchmarkLemonAnchor1000x20000: whole Allocate and LEMON's network simplex on the same
#   instance, same optimum checked; reports lemon/allocate (skips without g++ and
#   liblemon-dev).
# - the plain benchmarks (Rank, floors, Allocate) with benchstat when it is installed
#   (go install golang.org/x/perf/cmd/benchstat@latest).
#
# The machine's cores are shared: the ratios come from one run each, the times vary with load.
set -euo pipefail
count=${1:-6}
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/matching.test" ./matching
cd matching # the LEMON anchor builds testdata/lemon/lemon_alloc.cc
echo "== GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin/matching.test" -test.run '^$' -test.count "$count" \
  -test.bench 'RankVsFloor100k|Allocate2000x50000|LemonAnchor1000x20000' | tee "$bin/pairs.txt"
"$bin/matching.test" -test.run '^$' -test.count "$count" -test.benchmem \
  -test.bench '^Benchmark(Rank100k|FloorRank100k|Rank100kTop50|FloorRank100kTop50|Allocate1000x20000)$' > "$bin/plain.txt"
benchstat=$(command -v benchstat || echo "$(go env GOPATH)/bin/benchstat")
if [ -x "$benchstat" ]; then
  "$benchstat" "$bin/plain.txt"
  "$benchstat" "$bin/pairs.txt"
else
  cat "$bin/plain.txt"
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
