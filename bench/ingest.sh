#!/usr/bin/env bash
# Scenarios 1 and 2 of issue 7, with the peers in the same run:
#  1. ingest the corpus with `hoso upload CORPUS` (one process, one item per
#     folder) into an empty hosod over loopback, plain text and TLS;
#  2. ingest it again (everything stored): time and bytes sent;
# next to the hashing floor (sha256sum, openssl dgst), the write floor
# (cp -r + sync) and the content-addressed peers (restic, borg, casync, git)
# into fresh local stores (their init is untimed), and their own re-ingest.
# Also one large file: `hoso upload` against `openssl dgst -sha256` of it.
# Median (min-max) of RUNS runs; every run starts from a fresh store and a
# `sync`. Prints markdown; with BENCH_SUMMARY=FILE appends key=value lines.
# Usage: bench/ingest.sh [SCALE] [RUNS]   (defaults 1.0 and 5)
#   CORPUS=DIR uses an existing corpus instead of generating one.
# Installs restic, borgbackup and casync with apt-get when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
bench_begin hoso-ingest
scale=${1:-1.0}
runs=${2:-5}

need_tools restic:restic borg:borgbackup casync:casync git:git bc:bc

use_corpus "$scale"
head -c 1G /dev/urandom >"$work/large.bin"
large_bytes=$(stat -c %s "$work/large.bin")
bash "$root/deploy/dev-ca.sh" "$work/tls" >/dev/null

upload_tree() { "$hoso" --json upload "$corpus" >"$work/upload.json" 2>"$work/upload.err"; }

export RESTIC_PASSWORD=bench BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
gitc=(git -c gc.auto=0 -c maintenance.auto=false -c user.name=b -c user.email=b@b)
measure "sha256sum" ":" sh -c "cd '$corpus' && find . -type f -print0 | xargs -0 sha256sum"
measure "openssl dgst -sha256" ":" sh -c "cd '$corpus' && find . -type f -print0 | xargs -0 openssl dgst -sha256"
measure "cp -r + sync" "rm -rf '$work/cp'" sh -c "cp -r '$corpus' '$work/cp' && sync"
rm -rf "$work/cp"
measure "restic backup" "rm -rf '$work/restic'; restic -q init -r '$work/restic'" \
  restic -q -r "$work/restic" backup "$corpus"
measure "restic backup (again)" ":" restic -q -r "$work/restic" backup "$corpus"
rm -rf "$work/restic"
measure "borg create" "rm -rf '$work/borg'; borg init -e none '$work/borg'" borg create "$work/borg::a" "$corpus"
measure "borg create (again)" "borg delete '$work/borg::b' 2>/dev/null || true" borg create "$work/borg::b" "$corpus"
rm -rf "$work/borg"
measure "casync make" "rm -rf '$work/ca'; mkdir -p '$work/ca'" casync make --store="$work/ca/store" "$work/ca/idx.caidx" "$corpus"
rm -rf "$work/ca"
measure "git add + commit" "rm -rf '$work/git'; git init -q --bare '$work/git'" \
  sh -c "cd '$corpus' && ${gitc[*]} --git-dir='$work/git' --work-tree=. add -A && ${gitc[*]} --git-dir='$work/git' --work-tree=. commit -qm b"
measure "git add + commit (again)" ":" \
  sh -c "cd '$corpus' && ${gitc[*]} --git-dir='$work/git' --work-tree=. add -A && ${gitc[*]} --git-dir='$work/git' --work-tree=. commit -qm c --allow-empty"
rm -rf "$work/git"

resent=0
for mode in plain tls; do
  name="hoso upload"; [ $mode = tls ] && name="hoso upload (TLS)"
  for _ in $(seq "$runs"); do
    start_hosod $mode
    sync
    times[$name]+="$(t upload_tree) "
    grep -q '"items_created"' "$work/upload.json" || { cat "$work/upload.err" >&2; exit 1; }
    sync
    times[$name (again)]+="$(t upload_tree) "
    sent=$(json_field bytes_sent "$work/upload.json")
    [ "$sent" -gt "$resent" ] && resent=$sent
    stop_hosod
  done
done
measure "openssl dgst -sha256, one 1 GiB file" ":" openssl dgst -sha256 "$work/large.bin"
for _ in $(seq "$runs"); do
  start_hosod plain
  sync
  times[hoso upload, one 1 GiB file]+="$(t "$hoso" upload --criterion 1.1 --title large "$work/large.bin") "
  stop_hosod
done

echo "Corpus: \`hoso_corpus --scale $scale\`, $files files, $bytes bytes; $runs runs each."
echo
echo "| tool | seconds, median (min–max) | MB/s | hoso speed ÷ its speed |"
echo "|---|---:|---:|---:|"
hoso_med=$(med "${times[hoso upload]}")
for name in "hoso upload" "hoso upload (TLS)" "sha256sum" "openssl dgst -sha256" "cp -r + sync" \
    "restic backup" "borg create" "casync make" "git add + commit"; do
  m=$(med "${times[$name]}")
  echo "| $name | $(spread "${times[$name]}") | $(rate "$bytes" "$m") | $(ratio "$m" "$hoso_med")× |"
done
echo
echo "Re-ingest of the unchanged corpus (scenario 2):"
echo
echo "| tool | seconds, median (min–max) | first ingest ÷ this |"
echo "|---|---:|---:|"
for name in "hoso upload" "hoso upload (TLS)" "restic backup" "borg create" "git add + commit"; do
  echo "| $name (again) | $(spread "${times[$name (again)]}") | $(ratio "$(med "${times[$name]}")" "$(med "${times[$name (again)]}")") |"
done
echo
echo "Bytes sent by hoso re-ingests: at most $resent of $bytes ($(echo "scale=3; 100 * $resent / $bytes" | bc) %)."
echo
echo "One large file ($large_bytes bytes of random data):"
echo
echo "| | seconds, median (min–max) | MB/s |"
echo "|---|---:|---:|"
for name in "hoso upload, one 1 GiB file" "openssl dgst -sha256, one 1 GiB file"; do
  echo "| $name | $(spread "${times[$name]}") | $(rate "$large_bytes" "$(med "${times[$name]}")") |"
done

{
  echo "ingest_bytes=$bytes"
  for name in "hoso upload" "hoso upload (TLS)" "restic backup" "borg create" "casync make" "git add + commit" "openssl dgst -sha256"; do
    echo "ingest[$name]=$(med "${times[$name]}")"
  done
  echo "reingest=$(med "${times[hoso upload (again)]}")"
  echo "reingest_sent=$resent"
  echo "large_hoso=$(med "${times[hoso upload, one 1 GiB file]}")"
  echo "large_openssl=$(med "${times[openssl dgst -sha256, one 1 GiB file]}")"
} >>"$summary"
