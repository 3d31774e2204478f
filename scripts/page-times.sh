#!/usr/bin/env bash
# Measures how long every page of the staff workspace takes on a running instance (loopback
# only). Usage: scripts/page-times.sh [BASE_URL] [EMAIL] [PASSWORD] [RUNS]
# Prints the median and the slowest of RUNS requests per page, in milliseconds.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
email=${2:-akquise@wohnbruecke.demo}
password=${3:-Wohnbruecke-Demo-2026}
runs=${4:-7}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "email=$email" \
  --data-urlencode "password=$password" "$base/login"
first() { curl -s -b "$jar" "$base$1" | grep -o "$2" | head -1 | grep -o '[0-9]\+' | head -1; }
household=$(first "/haushalte" 'href="/haushalte/[0-9]*"')
vacancy=$(first "/arbeitsbereich/angebote" 'href="/arbeitsbereich/angebote/[0-9]*/rangliste"')
pages=(
  /arbeitsbereich /haushalte "/haushalte?track=fachstelle&sort=urgency&desc=1&page=3" "/haushalte?q=hh-&wait=365"
  "/haushalte/$household" "/haushalte/$household/bearbeiten" /haushalte/neu
  /arbeitsbereich/angebote "/arbeitsbereich/angebote/$vacancy" "/arbeitsbereich/angebote/$vacancy/rangliste"
  "/arbeitsbereich/angebote/$vacancy/rangliste?grund=kdu_exceeded" /arbeitsbereich/vorschlaege
  /arbeitsbereich/verteilung /arbeitsbereich/statistik "/arbeitsbereich/statistik.csv?tabelle=vermittlungen"
  /arbeitsbereich/postausgang /arbeitsbereich/vermieter
)
printf '%-70s %8s %8s\n' page median max
for p in "${pages[@]}"; do
  times=()
  for _ in $(seq "$runs"); do
    t=$(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "$base$p")
    [ "${t%% *}" = 200 ] || { echo "$p answered ${t%% *}" >&2; exit 1; }
    times+=("$(awk -v s="${t#* }" 'BEGIN{printf "%.1f", s*1000}')")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-70s %8s %8s\n' "$p" "$median" "$(echo "$sorted" | tail -1)"
done
