#!/usr/bin/env bash
# One large new file (issue 14, finding 1): `hoso upload` into a fresh hosod
# over loopback, where the school holds nothing of its size, so the client
# hashes it while sending (one read; the server checks the hash declared at
# the end) against `openssl dgst -sha256` of it on one core, in the same run.
# Then the same file again into the same server: the size probe finds a
# likely duplicate, the client hashes first and sends nothing (dedup kept).
# Median (min-max) of RUNS runs; each starts from a fresh store and a `sync`.
# Usage: bench/large_file.sh [MIB] [RUNS]   (defaults 1024 and 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
mib=${1:-1024}
runs=${2:-5}
summary=${BENCH_SUMMARY:-/dev/null}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-large.XXXXXX")
server=
trap '[ -n "$server" ] && { kill $server 2>/dev/null; wait $server 2>/dev/null; }; rm -rf "$work"' EXIT
hoso="$build/clients/hoso"
source "$root/bench/lib.sh"
need_tools bc:bc openssl:openssl

head -c "${mib}M" /dev/urandom >"$work/large.bin"
bytes=$(stat -c %s "$work/large.bin")
declare -A times

start_hosod() {
  rm -rf "$work/data" "$work/cache"
  "$build/services/hosod" --data "$work/data" --listen 127.0.0.1:0 --scrub-rate 0 \
    >/dev/null 2>"$work/hosod.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/data/hosod.addr" ] && break; sleep 0.1; done
  export HOSO_SERVER=$(cat "$work/data/hosod.addr") HOSO_TOKEN=$(cat "$work/data/admin.token")
  export HOSO_SCHOOL=BENCH XDG_CACHE_HOME="$work/cache"
  "$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
}
stop_hosod() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }

measure "openssl dgst -sha256 (one core)" ":" openssl dgst -sha256 "$work/large.bin"
for _ in $(seq "$runs"); do
  start_hosod
  sync
  times[new]+="$(t "$hoso" upload --criterion 1.1 --title large "$work/large.bin") "
  sync
  times[again]+="$(t "$hoso" upload --criterion 1.2 --title "large again" "$work/large.bin") "
  stop_hosod
done

o=$(med "${times[openssl dgst -sha256 (one core)]}")
n=$(med "${times[new]}")
a=$(med "${times[again]}")
echo "One new file of $bytes bytes of random data; $runs runs each."
echo
echo "| | seconds, median (min–max) | MB/s | ÷ openssl rate |"
echo "|---|---:|---:|---:|"
echo "| hoso upload, new file (hashed while sent) | $(spread "${times[new]}") | $(rate "$bytes" "$n") | $(ratio "$o" "$n")× |"
echo "| hoso upload, the same file again (hashed first, nothing sent) | $(spread "${times[again]}") | $(rate "$bytes" "$a") | $(ratio "$o" "$a")× |"
echo "| openssl dgst -sha256 (one core) | $(spread "${times[openssl dgst -sha256 (one core)]}") | $(rate "$bytes" "$o") | 1× |"
{
  echo "large_new=$n"
  echo "large_again=$a"
  echo "large_file_openssl=$o"
} >>"$summary"
