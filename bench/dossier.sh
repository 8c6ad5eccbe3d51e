#!/usr/bin/env bash
# Scenario 6 of issue 7: the dossier of the corpus against its peers on the
# same files. Ingests the corpus once (`hoso upload CORPUS`, every item in
# the dossier), builds and seals a dossier, then RUNS times: build + download
# as zip and as tar, `hoso verify` of the zip, next to `bsdtar -cf` and
# `zip -r -0` of the corpus and `sha256sum -c` of its files. Median
# (min-max); a sync before each run. Prints markdown; with
# BENCH_SUMMARY=FILE appends key=value lines.
# Usage: bench/dossier.sh [SCALE] [RUNS]   (defaults 1.0 and 5; CORPUS=DIR to reuse one)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
scale=${1:-1.0}
runs=${2:-5}
summary=${BENCH_SUMMARY:-/dev/null}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-dossier-bench.XXXXXX")
server=
trap '[ -n "$server" ] && { kill $server 2>/dev/null; wait $server 2>/dev/null; }; rm -rf "$work"' EXIT
hoso="$build/clients/hoso"
source "$root/bench/lib.sh"
need_tools bsdtar:libarchive-tools zip:zip bc:bc

use_corpus "$scale"
"$build/services/hosod" --data "$work/data" --listen 127.0.0.1:0 --scrub-rate 0 >/dev/null 2>"$work/hosod.log" &
server=$!
for _ in $(seq 100); do [ -s "$work/data/hosod.addr" ] && break; sleep 0.1; done
export HOSO_SERVER=$(cat "$work/data/hosod.addr") HOSO_TOKEN=$(cat "$work/data/admin.token")
export HOSO_SCHOOL=BENCH XDG_CACHE_HOME="$work/cache"
"$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
"$hoso" school set BENCH --dossier-items all >/dev/null
"$hoso" upload "$corpus" >/dev/null 2>"$work/upload.err"
# The principal's seal (an ECDSA P-256 key).
(cd "$work" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout k.pem -out c.pem -subj "/CN=Bench principal" -days 2 >/dev/null 2>&1)
sync
"$hoso" dossier build >/dev/null
times[seal]="$(t "$hoso" dossier seal 1 --key "$work/k.pem" --cert "$work/c.pem") "
(cd "$corpus" && find . -type f -print0 | xargs -0 sha256sum >"$work/sums")

build_and_download() {  # FORMAT
  "$hoso" dossier build >/dev/null
  "$hoso" dossier download 1 --format "$1" -o "$work/d.$1"
}
measure "build + download (zip)" "rm -f '$work/d.zip'" build_and_download zip
measure "build + download (tar)" "rm -f '$work/d.tar'" build_and_download tar
measure "bsdtar -cf" "rm -f '$work/p.tar'" bsdtar -cf "$work/p.tar" -C "$corpus" .
rm -f "$work/p.tar"
measure "zip -r -0" "rm -f '$work/p.zip'" sh -c "cd '$corpus' && zip -r -0 -q '$work/p.zip' ."
rm -f "$work/p.zip"
# Trusting the principal by fingerprint: without an anchor verify says INTACT, exit 9.
fingerprint=$(openssl x509 -in "$work/c.pem" -outform DER | sha256sum | cut -c1-64)
measure "hoso verify (zip)" ":" "$hoso" verify "$work/d.zip" --signer-sha256 "$fingerprint"
measure "sha256sum -c" ":" sh -c "cd '$corpus' && sha256sum --quiet -c '$work/sums'"
payload=$(stat -c %s "$work/d.tar")

echo "Corpus: $files files, $bytes bytes (scale $scale), every file in the dossier; tar $payload bytes;"
echo "$runs runs each. Build + download: \`hoso dossier build\` then \`hoso dossier download\` of the"
echo "sealed dossier into a new file. Sealing once (signature check, zip and tar digests): $(spread "${times[seal]}") s."
echo
echo "| step | seconds, median (min–max) | MB/s |"
echo "|---|---:|---:|"
for name in "build + download (zip)" "build + download (tar)" "bsdtar -cf" "zip -r -0" \
    "hoso verify (zip)" "sha256sum -c"; do
  echo "| $name | $(spread "${times[$name]}") | $(rate "$bytes" "$(med "${times[$name]}")") |"
done
{
  for name in "build + download (zip)" "build + download (tar)" "bsdtar -cf" "zip -r -0" \
      "hoso verify (zip)" "sha256sum -c"; do
    echo "dossier[$name]=$(med "${times[$name]}")"
  done
} >>"$summary"
