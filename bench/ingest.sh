#!/usr/bin/env bash
# Scenarios 1 and 2 of issue 7, with the peers in the same run: ingest the
# shared corpus into an empty hosod over loopback (one `hoso upload` per
# folder), then ingest it again (everything stored: time and bytes sent),
# next to the hashing floor (sha256sum, openssl dgst), the write floor
# (cp -r + sync) and the content-addressed peers (restic, borg, casync, git)
# into fresh local stores. Median (min-max) of RUNS runs; a sync before each.
# Usage: bench/ingest.sh [SCALE] [RUNS]   (defaults 1.0 and 5)
# Installs restic, borgbackup and casync with apt-get when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
scale=${1:-1.0}
runs=${2:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-ingest.XXXXXX")
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
hoso="$build/clients/hoso"

missing=()
for tool in restic borg casync git bc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sed 's/^borg$/borgbackup/' | tr '\n' ' ')
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get install -y -q --no-install-recommends $pkgs >/dev/null
fi

python3 "$root/../shared/bench/make_corpus.py" "$work/corpus" --scale "$scale" >/dev/null
corpus="$work/corpus"
bytes=$(du -sb --apparent-size "$corpus" | cut -f1)
files=$(find "$corpus" -type f | wc -l)

# Seconds a command takes (output discarded; a failure stops the script).
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f (%.2f–%.2f)", m, a[1], a[NR]}'; }
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

start_hosod() {
  rm -rf "$work/data"
  "$build/services/hosod" --data "$work/data" --listen 127.0.0.1:0 --scrub-rate 0 >/dev/null 2>"$work/hosod.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/data/hosod.addr" ] && break; sleep 0.1; done
  export HOSO_SERVER=$(cat "$work/data/hosod.addr") HOSO_TOKEN=$(cat "$work/data/admin.token") HOSO_SCHOOL=BENCH
  "$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
}
stop_hosod() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
# One evidence item per folder; a folder whose names clash goes file by file.
hoso_ingest() {
  local dir criterion list f
  find "$corpus" -type f -printf '%h\n' | sort -u | while read -r dir; do
    criterion=$(echo "$dir" | grep -o 'Tiêu chí [0-9]*\.[0-9]*' | head -1 | cut -d' ' -f3)
    mapfile -d '' list < <(find "$dir" -maxdepth 1 -type f -print0)
    "$hoso" upload --criterion "$criterion" --title "${dir##*/}" "${list[@]}" 2>>"$work/sent.log" || \
      for f in "${list[@]}"; do
        "$hoso" upload --criterion "$criterion" --title "${f##*/}" "$f" 2>>"$work/sent.log"
      done
  done
}

declare -A times
measure() {  # name, prepare (untimed), command...
  local name=$1 prepare=$2; shift 2
  for _ in $(seq "$runs"); do
    eval "$prepare"
    sync
    times[$name]+="$(t "$@") "
  done
}

export RESTIC_PASSWORD=bench BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
measure "sha256sum" ":" sh -c "cd '$corpus' && find . -type f -print0 | xargs -0 sha256sum"
measure "openssl dgst -sha256" ":" sh -c "cd '$corpus' && find . -type f -print0 | xargs -0 openssl dgst -sha256"
measure "cp -r + sync" "rm -rf '$work/cp'" sh -c "cp -r '$corpus' '$work/cp' && sync"
measure "restic init + backup" "rm -rf '$work/restic'" sh -c "restic -q init -r '$work/restic' && restic -q -r '$work/restic' backup '$corpus'"
measure "borg init + create" "rm -rf '$work/borg'" sh -c "borg init -e none '$work/borg' && borg create '$work/borg::a' '$corpus'"
measure "casync make" "rm -rf '$work/ca'; mkdir -p '$work/ca'" casync make --store="$work/ca/store" "$work/ca/idx.caidx" "$corpus"
measure "git add + commit" "rm -rf '$work/git'" sh -c "git init -q '$work/git' && cd '$work/git' && git --work-tree='$corpus' add -A && git --work-tree='$corpus' -c user.name=b -c user.email=b@b commit -qm b"
rm -rf "$work/cp" "$work/restic" "$work/borg" "$work/ca" "$work/git"

again=""
for _ in $(seq "$runs"); do
  start_hosod
  sync
  times[hoso]+="$(t hoso_ingest) "
  : >"$work/sent.log"
  again+="$(t hoso_ingest) "
  stop_hosod
done
resent=$(grep -o 'sent [0-9.]* [KMG]*i*B' "$work/sent.log" | awk '{v=$2; u=$3; m=(u=="KiB")?1024:(u=="MiB")?1048576:(u=="GiB")?1073741824:1; s+=v*m} END {printf "%.0f", s}')

echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); corpus scale $scale: $files files, $bytes bytes; $runs runs"
echo
echo "| tool | seconds, median (min–max) | MB/s | hoso speed ÷ its speed |"
echo "|---|---:|---:|---:|"
hoso_med=$(echo "${times[hoso]}" | tr ' ' '\n' | grep . | med)
for name in "hoso" "sha256sum" "openssl dgst -sha256" "cp -r + sync" "restic init + backup" "borg init + create" "casync make" "git add + commit"; do
  m=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | med)
  echo "| $name | $(echo "${times[$name]}" | tr ' ' '\n' | grep . | median) | $(echo "$bytes / $m / 1000000" | bc) | $(echo "scale=2; $m / $hoso_med" | bc)× |"
done
again_med=$(echo "$again" | tr ' ' '\n' | grep . | med)
echo
echo "Re-ingest (everything stored): $(echo "$again" | tr ' ' '\n' | grep . | median) s, $(echo "scale=1; $hoso_med / $again_med" | bc)× faster than the first ingest; bytes sent in the last re-ingest: ${resent:-0} of $bytes."
