#!/usr/bin/env bash
# Scenario 4 of issue 7: CLIENTS teachers (each with their own token and
# connection) upload FILES small minutes (10-50 KB) each at once, while a
# secretary lists by criterion and opens items in a loop. A fresh hosod per
# run; prints one table row per run (bench/load.cc does the measuring).
# Usage: bench/concurrency.sh [CLIENTS] [FILES] [RUNS]   (defaults 64 40 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
clients=${1:-64}
files=${2:-40}
runs=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-load.XXXXXX")
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for run in $(seq "$runs"); do
  data="$work/data$run"
  "$build/services/hosod" --data "$data" --listen 127.0.0.1:0 >/dev/null 2>"$work/hosod.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$data/hosod.addr" ] && break; sleep 0.1; done
  sync
  "$build/bench/hoso_load" --server "$(cat "$data/hosod.addr")" --token "$(cat "$data/admin.token")" \
    --clients "$clients" --files "$files" | { [ "$run" = 1 ] && cat || tail -1; }
  kill "$server"; wait "$server" || true
  rm -rf "$data"
done
