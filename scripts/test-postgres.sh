#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL cluster, for machines that have
# PostgreSQL installed (Debian's postgresql package) but no server running.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/wohnbruecke-pg.XXXXXX)
trap 'scripts/pg-throwaway.sh stop "$dir"' EXIT
eval "$(scripts/pg-throwaway.sh start "$dir" "${PGPORT_THROWAWAY:-54329}")"
export REQUIRE_POSTGRES=1
make test
