#!/usr/bin/env bash
# Upload and download of one file of SIZE_MIB random bytes over loopback:
# wall time, MB/s (10^6 bytes/s) and peak RSS of hosod and hoso.
# Usage: bench/transfer.sh [SIZE_MIB] [RUNS]   (defaults 1024 and 3)
# Needs a Release build in ${BUILD_DIR:-build} and /usr/bin/time (package `time`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
size_mib=${1:-1024}
runs=${2:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-bench.XXXXXX")
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

head -c $((size_mib << 20)) /dev/urandom >"$work/file.bin"
bytes=$(stat -c %s "$work/file.bin")
echo "| run | upload s | upload MB/s | hoso RSS MiB (up) | download s | download MB/s | hoso RSS MiB (down) | hosod peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for run in $(seq "$runs"); do
  data="$work/data$run"
  "$build/services/hosod" --data "$data" --listen 127.0.0.1:0 >/dev/null 2>"$work/hosod.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$data/hosod.addr" ] && break; sleep 0.1; done
  export HOSO_SERVER=$(cat "$data/hosod.addr") HOSO_TOKEN=$(cat "$data/admin.token")
  "$build/clients/hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
  sync
  /usr/bin/time -f "%e %M" -o "$work/up.time" "$build/clients/hoso" upload --school BENCH \
    --criterion 1.1 --title "bench" "$work/file.bin" >/dev/null 2>"$work/up.err"
  read -r up_s up_kb <"$work/up.time"
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/down.time" "$build/clients/hoso" get 1 --school BENCH \
    -o "$work/out" 2>"$work/down.err"
  read -r down_s down_kb <"$work/down.time"
  cmp -s "$work/file.bin" "$work/out/file.bin" || { echo "download differs" >&2; exit 1; }
  server_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
  kill "$server"; wait "$server" || true
  rm -rf "$data" "$work/out"
  awk -v r="$run" -v b="$bytes" -v us="$up_s" -v uk="$up_kb" -v ds="$down_s" -v dk="$down_kb" \
      -v sk="$server_kb" 'BEGIN {
    printf "| %d | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f |\n",
      r, us, b / us / 1e6, uk / 1024, ds, b / ds / 1e6, dk / 1024, sk / 1024 }'
done
