#!/usr/bin/env bash
# One large new file (issue 14, finding 1): `hoso upload` into a fresh hosod
# over loopback, where the school holds nothing of its size, so the client
# hashes it while sending (one read; the server checks the hash declared at
# the end) against `openssl dgst -sha256` of it on one core, in the same run.
# Then the same file again into the same server, with --rehash: the size
# probe finds a likely duplicate, the client hashes first and sends nothing
# (dedup kept); and once more as a user would: the hash cache knows the file,
# so nothing is read to hash it and nothing is sent.
# Median (min-max) of RUNS runs; each starts from a fresh store and a `sync`.
# Usage: bench/large_file.sh [MIB] [RUNS]   (defaults 1024 and 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
bench_begin hoso-large
mib=${1:-1024}
runs=${2:-5}
need_tools bc:bc openssl:openssl

head -c "${mib}M" /dev/urandom >"$work/large.bin"
bytes=$(stat -c %s "$work/large.bin")

measure "openssl dgst -sha256 (one core)" ":" openssl dgst -sha256 "$work/large.bin"
for _ in $(seq "$runs"); do
  start_hosod
  sync
  times[new]+="$(t "$hoso" upload --criterion 1.1 --title large "$work/large.bin") "
  sync
  times[again]+="$(t "$hoso" upload --criterion 1.2 --title "large again" --rehash "$work/large.bin") "
  sync
  times[cached]+="$(t "$hoso" upload --criterion 1.3 --title "large cached" "$work/large.bin") "
  stop_hosod
done

o=$(med "${times[openssl dgst -sha256 (one core)]}")
n=$(med "${times[new]}")
a=$(med "${times[again]}")
c=$(med "${times[cached]}")
echo "One new file of $bytes bytes of random data; $runs runs each."
echo
echo "| | seconds, median (min–max) | MB/s | ÷ openssl rate |"
echo "|---|---:|---:|---:|"
echo "| hoso upload, new file (hashed while sent) | $(spread "${times[new]}") | $(rate "$bytes" "$n") | $(ratio "$o" "$n")× |"
echo "| hoso upload --rehash, the same file again (hashed first, nothing sent) | $(spread "${times[again]}") | $(rate "$bytes" "$a") | $(ratio "$o" "$a")× |"
echo "| hoso upload, the same file again (hash cache) | $(spread "${times[cached]}") | $(rate "$bytes" "$c") | $(ratio "$o" "$c")× |"
echo "| openssl dgst -sha256 (one core) | $(spread "${times[openssl dgst -sha256 (one core)]}") | $(rate "$bytes" "$o") | 1× |"
{
  echo "large_new=$n"
  echo "large_again=$a"
  echo "large_cached=$c"
  echo "large_file_openssl=$o"
} >>"$summary"
