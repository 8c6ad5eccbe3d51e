#!/usr/bin/env bash
# Scenario 5 of issue 7: metadata at scale. Loads ITEMS evidence items over
# SCHOOLS schools through the API (bench/scale.cc), measures ls --criterion
# and coverage, then stops hosod and times RUNS restarts (until it serves)
# and reports the index size.
# Usage: bench/scale.sh [ITEMS] [SCHOOLS] [RUNS]   (defaults 100000 50 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
items=${1:-100000}
schools=${2:-50}
runs=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-scale.XXXXXX")
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
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
  load --items "$items"
for run in $(seq "$runs"); do
  "$build/bench/hoso_scale" --server "$(cat "$data/hosod.addr")" --token "$token" \
    --schools "$schools" measure | { [ "$run" = 1 ] && cat || tail -1; }
done
stop_server
echo "index (RocksDB) size: $(du -sh "$data/db" | cut -f1); packs: $(du -sh "$data/packs" | cut -f1)"
echo -n "server start (s, until it listens with the index open):"
for run in $(seq "$runs"); do
  start_server
  echo -n " $(cat "$work/start.s")"
  stop_server
done
echo
