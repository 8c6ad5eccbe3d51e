#!/usr/bin/env bash
# Dossier packaging against its floors on the same files: ingest the shared
# corpus, then time build+download (zip, tar) and offline verify, next to
# `bsdtar -cf` and `sha256sum` / `sha256sum -c` over the same files.
# Usage: bench/dossier.sh [SCALE]   (1.0 ≈ 1 GiB; needs ../shared/bench/make_corpus.py)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
scale=${1:-1.0}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-dossier-bench.XXXXXX")
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
hoso="$build/clients/hoso"

python3 "$root/../shared/bench/make_corpus.py" "$work/corpus" --scale "$scale" >/dev/null
bytes=$(du -sb --apparent-size "$work/corpus" | cut -f1)
files=$(find "$work/corpus" -type f | wc -l)
"$build/services/hosod" --data "$work/data" --listen 127.0.0.1:0 >/dev/null 2>"$work/hosod.log" &
server=$!
for _ in $(seq 100); do [ -s "$work/data/hosod.addr" ] && break; sleep 0.1; done
export HOSO_SERVER=$(cat "$work/data/hosod.addr") HOSO_TOKEN=$(cat "$work/data/admin.token") HOSO_SCHOOL=BENCH
"$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null

# Seconds a command takes (its output discarded).
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }
# One evidence item per folder (its files); a folder whose names clash goes file by file.
ingest() {
  local dir criterion list f
  find "$work/corpus" -type f -printf '%h\n' | sort -u | while read -r dir; do
    criterion=$(echo "$dir" | grep -o 'Tiêu chí [0-9]*\.[0-9]*' | head -1 | cut -d' ' -f3)
    mapfile -d '' list < <(find "$dir" -maxdepth 1 -type f -print0)
    "$hoso" upload --criterion "$criterion" --title "${dir##*/}" "${list[@]}" >/dev/null 2>&1 || \
      for f in "${list[@]}"; do
        "$hoso" upload --criterion "$criterion" --title "${f##*/}" "$f" >/dev/null 2>&1
      done
  done
}
sync
ingest_s=$(t ingest)
build_s=$(t "$hoso" dossier build)
# The principal's seal (an ECDSA P-256 key): signature check plus the digests
# of both archives.
(cd "$work" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout k.pem -out c.pem -subj "/CN=Bench principal" -days 2 >/dev/null 2>&1)
seal_s=$(t "$hoso" dossier seal 1 --key "$work/k.pem" --cert "$work/c.pem")
zip_s=$(t "$hoso" dossier download 1 -o "$work/d.zip")
tar_s=$(t "$hoso" dossier download 1 --format tar -o "$work/d.tar")
verify_s=$(t "$hoso" verify "$work/d.zip")
"$hoso" verify "$work/d.zip" | head -1 || true
rm -f "$work/d.zip"
bsdtar_s=$(t bsdtar -cf "$work/p.tar" -C "$work/corpus" .)
rm -f "$work/p.tar"
sum_s=$(t sh -c "cd '$work/corpus' && find . -type f -print0 | xargs -0 sha256sum > '$work/sums'")
check_s=$(t sh -c "cd '$work/corpus' && sha256sum --quiet -c '$work/sums'")
payload=$(stat -c %s "$work/d.tar")
cat <<EOT
corpus: $files files, $bytes bytes (scale $scale); dossier tar $payload bytes
| step | seconds | MB/s |
|---|---:|---:|
EOT
row() { echo "| $1 | $(printf %.2f "$2") | $(echo "$bytes / $2 / 1000000" | bc) |"; }
row "hoso upload, one item per folder (ingest)" "$ingest_s"
row "hoso dossier build" "$build_s"
row "hoso dossier seal (signature check, zip and tar digests)" "$seal_s"
row "hoso dossier download (zip)" "$zip_s"
row "hoso dossier download (tar)" "$tar_s"
row "build + download (zip)" "$(echo "$build_s + $zip_s" | bc)"
row "bsdtar -cf" "$bsdtar_s"
row "hoso verify (zip)" "$verify_s"
row "sha256sum (make the list)" "$sum_s"
row "sha256sum -c" "$check_s"
