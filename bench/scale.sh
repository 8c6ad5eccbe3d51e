#!/usr/bin/env bash
# Scenario 5 of issue 7: metadata at scale. Loads ITEMS evidence items over
# SCHOOLS schools through the API (bench/scale.cc), measures ls --criterion
# and coverage, then stops hosod and times RUNS restarts (until it serves)
# and reports the index size; also RUNS×20 timed `hoso ls --criterion` (the
# CLI, process start included) of one school.
# Usage: bench/scale.sh [ITEMS] [SCHOOLS] [RUNS] [BATCH]   (defaults 100000 50 5 1)
#   BATCH > 1 loads BATCH items per CreateEvidenceBatch call (one synced write,
#   as `hoso upload FOLDER` does): how 1,000,000 items load in minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
items=${1:-100000}
schools=${2:-50}
runs=${3:-5}
batch=${4:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-scale.XXXXXX")
trap 'kill $server 2>/dev/null && wait $server 2>/dev/null; rm -rf "$work"' EXIT
data="$work/data"

start_server() {
  rm -f "$data/hosod.addr"
  local t0=$(date +%s.%N)
  "$build/services/hosod" --data "$data" --listen 127.0.0.1:0 >/dev/null 2>>"$work/hosod.log" &
  server=$!
  while [ ! -s "$data/hosod.addr" ]; do sleep 0.01; done
  echo "$(date +%s.%N) - $t0" | bc >"$work/start.s"
}
stop_server() { kill "$server"; wait "$server" || true; }

echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
start_server
token=$(cat "$data/admin.token")
"$build/bench/hoso_scale" --server "$(cat "$data/hosod.addr")" --token "$token" --schools "$schools" \
  load --items "$items" --batch "$batch"
for run in $(seq "$runs"); do
  "$build/bench/hoso_scale" --server "$(cat "$data/hosod.addr")" --token "$token" \
    --schools "$schools" measure | { [ "$run" = 1 ] && cat || tail -1; }
done
# The CLI as a person runs it: one process per listing.
ls_times=()
for _ in $(seq $((runs * 20))); do
  t0=$(date +%s%N)
  HOSO_SERVER=$(cat "$data/hosod.addr") HOSO_TOKEN=$token "$build/clients/hoso" ls --school SC07 \
    --criterion 1.3 >/dev/null
  ls_times+=($(( ($(date +%s%N) - t0) / 1000 )))
done
printf '%s\n' "${ls_times[@]}" | sort -n | awk '{a[NR]=$1} END {
  p99 = int(NR * 0.99) + 1; if (p99 > NR) p99 = NR
  printf "hoso ls --school SC07 --criterion 1.3 (CLI, %d runs): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    NR, a[int(NR * 0.5) + 1] / 1000, a[p99] / 1000, a[NR] / 1000}'
HOSO_SERVER=$(cat "$data/hosod.addr") HOSO_TOKEN=$token "$build/clients/hoso" ls --school SC07 \
  --criterion 1.3 | wc -l | xargs echo "  lines of that listing:"
stop_server
echo "index (RocksDB) size: $(du -sh "$data/db" | cut -f1) ($(du -sb "$data/db" | cut -f1) bytes);" \
  "packs: $(du -sh "$data/packs" | cut -f1)"
echo -n "server start (s, until it listens with the index open):"
for run in $(seq "$runs"); do
  start_server
  echo -n " $(cat "$work/start.s")"
  stop_server
done
echo
