#!/usr/bin/env bash
# The whole benchmark suite of issue 7 in one run, peers side by side, and
# bench/RESULTS.md written from it: the targets with their measured ratios,
# then each scenario's tables, the micro-suite, and bench/NOTES.md (what
# bounds each result, from profiles).
# Usage: bash bench/run.sh [SCALE] [RUNS]   (defaults 1.0 and 5; about 30 min)
# Needs a Release build in ${BUILD_DIR:-build} (bash deploy/build.sh), whose
# bench/hoso_corpus generates the corpus; installs the peers with apt-get.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
scale=${1:-1.0}
runs=${2:-5}
out=${RESULTS:-$root/bench/RESULTS.md}
# Smaller sizes for a quick try of the script itself (not for RESULTS.md).
transfer_mib=${TRANSFER_MIB:-4096}
scale_items=${SCALE_ITEMS:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-suite.XXXXXX")
trap 'rm -rf "$work"' EXIT
export BENCH_SUMMARY="$work/summary" BUILD_DIR="$build"
: >"$BENCH_SUMMARY"
source "$root/bench/lib.sh"
need_tools restic:restic borg:borgbackup casync:casync git:git bc:bc bsdtar:libarchive-tools \
  zip:zip /usr/bin/time:time

step() { echo "== $(date +%T) $*" >&2; }
step "corpus (scale $scale)"
make_corpus "$work/corpus" "$scale"
export CORPUS="$work/corpus"

step "1-2 ingest";      bash "$root/bench/ingest.sh" "$scale" "$runs" >"$work/ingest.md"
step "1 large new file"; bash "$root/bench/large_file.sh" 1024 "$runs" >"$work/large_file.md"
step "6 dossier";       bash "$root/bench/dossier.sh" "$scale" "$runs" >"$work/dossier.md"
rm -rf "$work/corpus"
step "3 4 GiB file";    bash "$root/bench/transfer.sh" "$transfer_mib" "$runs" >"$work/transfer.md"
step "4 concurrency";   bash "$root/bench/concurrency.sh" 64 40 "$runs" >"$work/concurrency.md"
step "5 scale";         bash "$root/bench/scale.sh" "$scale_items" 50 "$runs" >"$work/scale.md"
step "15 web upload";   bash "$root/bench/web_upload.sh" 128 4 "$runs" 1024 >"$work/web_upload.md"
step "micro-suite"
"$build/bench/hoso_micro" --benchmark_min_time=0.5 2>/dev/null | grep -E '^(BM_|Benchmark|-)' >"$work/micro.txt" || true

# ---------------------------------------------------------------- targets
get() { grep -F "$1=" "$BENCH_SUMMARY" | tail -1 | cut -d= -f2-; }
verdict() { [ "$(echo "scale=6; $1" | bc)" = 1 ] && echo "**met**" || echo "**missed**"; }
hoso=$(get "ingest[hoso upload]")
ing_bytes=$(get ingest_bytes)
targets="$work/targets.md"
{
  echo "| target | measured in this run | ratio | |"
  echo "|---|---|---:|---|"
  for peer in "restic backup" "borg create" "casync make" "git add + commit"; do
    p=$(get "ingest[$peer]")
    echo "| 1. ingest faster than $peer | hoso $(printf %.2f "$hoso") s, $peer $(printf %.2f "$p") s | $(ratio "$p" "$hoso")× | $(verdict "$p > $hoso") |"
  done
  lh=$(get large_hoso); lo=$(get large_openssl)
  echo "| 1. one large file: ≥ 0.5 × \`openssl dgst -sha256\` rate | hoso upload $(rate 1073741824 "$lh") MB/s, openssl $(rate 1073741824 "$lo") MB/s | $(ratio "$lo" "$lh")× | $(verdict "$lo / $lh >= 0.5") |"
  echo "| 1. (corpus ingest rate against the same openssl rate) | hoso $(rate "$ing_bytes" "$hoso") MB/s | $(echo "scale=2; $ing_bytes / $hoso / (1073741824 / $lo)" | bc | sed 's/^\./0./')× | (context) |"
  ln=$(get large_new); lfo=$(get large_file_openssl)
  echo "| 1. one large new file (hashed while sent): ≥ 0.5 × \`openssl dgst -sha256\` one core | hoso upload $(rate 1073741824 "$ln") MB/s, openssl $(rate 1073741824 "$lfo") MB/s | $(ratio "$lfo" "$ln")× | $(verdict "$lfo / $ln >= 0.5") |"
  tls=$(get "ingest[hoso upload (TLS)]")
  echo "| 1. ingest over TLS | $(printf %.2f "$tls") s, $(rate "$ing_bytes" "$tls") MB/s | plain ÷ TLS time $(ratio "$hoso" "$tls")× | (context) |"
  ri=$(get reingest); rs=$(get reingest_sent)
  echo "| 2. re-ingest: < 2 % of bytes resent | $rs of $ing_bytes bytes | $(echo "scale=3; 100 * $rs / $ing_bytes" | bc | sed 's/^\./0./') % | $(verdict "$rs * 50 < $ing_bytes") |"
  echo "| 2. re-ingest ≥ 10 × faster than the first | $(printf %.2f "$ri") s against $(printf %.2f "$hoso") s | $(ratio "$hoso" "$ri")× | $(verdict "$hoso / $ri >= 10") |"
  read -r hoso_rss hosod_rss < <(awk -F'|' '/^\| [0-9]+ \|/ {h = ($5 > h) ? $5 : h; h = ($8 > h) ? $8 : h; s = ($9 > s) ? $9 : s} END {print h + 0, s + 0}' "$work/transfer.md")
  echo "| 3. $transfer_mib MiB file: hosod and hoso < 200 MiB RSS | hosod ≤ $hosod_rss MiB, hoso ≤ $hoso_rss MiB | | $(verdict "$hosod_rss < 200 && $hoso_rss < 200") |"
  read -r errors ls99 show99 < <(awk -F'|' '/^\| 64 \|/ {e += $4 + $11; split($9, l, "/"); split($10, s, "/"); if (l[2] + 0 > lp) lp = l[2] + 0; if (s[2] + 0 > sp) sp = s[2] + 0} END {print e + 0, lp, sp}' "$work/concurrency.md")
  echo "| 4. 64 clients: no errors; small-RPC p99 < 50 ms | $errors errors; worst run p99 \`ls\` $ls99 ms, \`show\` $show99 ms | | $(verdict "$errors == 0 && $ls99 < 50 && $show99 < 50") |"
  lsp99=$(awk -F'|' '/^\| [0-9.]+ \| [0-9.]+ \|/ {print $3 + 0}' "$work/scale.md" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  start=$(grep -o 'listens with the index open):.*' "$work/scale.md" | cut -d: -f2 | tr ' ' '\n' | grep . | sort -n | tail -1)
  echo "| 5. $scale_items items: \`ls --criterion\` p99 < 20 ms | median of runs $lsp99 ms | | $(verdict "$lsp99 < 20") |"
  echo "| 5. server start < 2 s | slowest of $runs starts $(printf %.3f "$start") s | | $(verdict "$start < 2") |"
  bsd=$(get "dossier[bsdtar -cf]"); zp=$(get "dossier[zip -r -0]")
  for f in zip tar; do
    d=$(get "dossier[build + download ($f)]")
    echo "| 6. dossier build + download ($f) ≥ 0.7 × \`bsdtar -cf\` | $(printf %.2f "$d") s against $(printf %.2f "$bsd") s (\`zip -r -0\` $(printf %.2f "$zp") s) | $(ratio "$bsd" "$d")× | $(verdict "$bsd / $d >= 0.7") |"
  done
  v=$(get "dossier[hoso verify (zip)]"); c=$(get "dossier[sha256sum -c]")
  echo "| 6. \`hoso verify\` ≥ 0.8 × \`sha256sum -c\` | $(printf %.2f "$v") s against $(printf %.2f "$c") s | $(ratio "$c" "$v")× | $(verdict "$c / $v >= 0.8") |"
  wc=$(get web_upload_cli); ww=$(get web_upload_web)
  echo "| 15. upload page in chromium ≥ 0.5 × \`hoso upload\` of the same files | page $(printf %.2f "$ww") s, hoso upload $(printf %.2f "$wc") s | $(ratio "$wc" "$ww")× | $(verdict "$wc / $ww >= 0.5") |"
  wh=$(get web_upload_hosod_hwm); wf=$(get web_upload_web_hwm)
  echo "| 15. 1 GiB file through hoso-web: hosod and hoso-web < 200 MiB | hosod ≤ $wh MiB, hoso-web ≤ $wf MiB | | $(verdict "$wh < 200 && $wf < 200") |"
} >"$targets"

# ---------------------------------------------------------------- RESULTS.md
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh $scale $runs\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit"
  echo "\`$(git -C "$root" rev-parse --short HEAD)\`; every number below comes from that one run."
  echo "Machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, kernel $(uname -r),"
  echo "$(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}') on $(df "${TMPDIR:-/tmp}" | awk 'NR==2 {print $1}'). Release build. MB/s = 10^6 bytes/s."
  echo "Peers: $(restic version | cut -d' ' -f1-2), $(borg --version), casync $(casync --version 2>/dev/null | head -1 | awk '{print $NF}'),"
  echo "$(git --version), $(bsdtar --version | cut -d' ' -f1-2), $(zip -v | sed -n 2p | awk '{print "Info-ZIP zip", $4}'), $(openssl version | cut -d' ' -f1-2), coreutils $(sha256sum --version | head -1 | awk '{print $NF}')."
  echo
  echo "## Targets (issue 7), each a ratio from this run"
  echo
  cat "$targets"
  echo
  echo "## 1–2. Ingest and re-ingest, peers side by side"
  echo
  echo "Command: \`bash bench/ingest.sh $scale $runs\`. hoso: \`hoso upload CORPUS\` into a fresh \`hosod\` on"
  echo "127.0.0.1 (one item per folder; every file acknowledged only once synced), then again with"
  echo "everything stored. Peers into fresh local stores, their \`init\` untimed; \"again\" is each"
  echo "tool's own fast path for an unchanged tree (restic's parent snapshot, borg's files cache,"
  echo "git's index, hoso's hash cache)."
  echo
  cat "$work/ingest.md"
  echo
  echo "## 1. One large new file, hashed while sent"
  echo
  echo "Command: \`bash bench/large_file.sh 1024 $runs\` (a fresh \`hosod\` per run; the second upload of"
  echo "the same file finds its size held by the school, hashes first and sends nothing)."
  echo
  cat "$work/large_file.md"
  echo
  echo "## 3. One $transfer_mib MiB file, both ways"
  echo
  echo "Command: \`bash bench/transfer.sh $transfer_mib $runs\` (upload includes hashing, the dedup check and the"
  echo "synced commit; download includes writing, syncing and the hash check; RSS is peak resident memory)."
  echo
  cat "$work/transfer.md"
  echo
  echo "## 4. 64 teachers uploading minutes at once"
  echo
  echo "Command: \`bash bench/concurrency.sh 64 40 $runs\` (\`build/bench/hoso_load\`: 64 teachers with their own"
  echo "tokens and connections upload 40 minutes of 10–50 KB each while a secretary lists and opens items every 20 ms)."
  echo
  cat "$work/concurrency.md"
  echo
  echo "## 5. Metadata at scale"
  echo
  echo "Command: \`bash bench/scale.sh $scale_items 50 $runs\` (\`build/bench/hoso_scale\`: $scale_items items over 50 schools"
  echo "through the API, then 2,000 \`ls --criterion\` and \`coverage\` of every school per run, then restarts)."
  echo
  cat "$work/scale.md"
  echo
  echo "## 6. Dossier"
  echo
  echo "Command: \`bash bench/dossier.sh $scale $runs\`."
  echo
  cat "$work/dossier.md"
  echo
  echo "## 15. Uploading through the browser"
  echo
  echo "Command: \`bash bench/web_upload.sh 128 4 $runs 1024\` (the upload page in Debian's chromium, headless:"
  echo "hash-wasm in the page, tus through hoso-web into hosod; timed from the submit click to the created item)."
  echo
  cat "$work/web_upload.md"
  echo
  echo "## Micro-suite"
  echo
  echo "Command: \`build/bench/hoso_micro --benchmark_min_time=0.5\` (Google Benchmark; the hot paths of the profiles)."
  echo
  echo '```'
  cat "$work/micro.txt"
  echo '```'
  echo
  cat "$root/bench/NOTES.md"
} >"$out"
step "wrote $out"
