# Helpers shared by the benchmark scripts (sourced).
declare -A times  # name -> seconds of each run, space-separated

# Installs what is missing: need_tools COMMAND:PACKAGE ...
need_tools() {
  local pkgs=() spec
  for spec in "$@"; do command -v "${spec%%:*}" >/dev/null || pkgs+=("${spec#*:}"); done
  [ ${#pkgs[@]} -eq 0 ] && return
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null
}
# Seconds a command takes, its output discarded; a failure stops the script.
t() {
  local s; s=$(date +%s.%N)
  if ! "$@" >/dev/null 2>"${work:-/tmp}/t.err"; then
    echo "failed: $*" >&2; cat "${work:-/tmp}/t.err" >&2; return 1
  fi
  echo "$(date +%s.%N) - $s" | bc
}
# measure NAME PREPARE COMMAND...: RUNS runs, PREPARE (untimed, eval'd) and a sync before each.
measure() {
  local name=$1 prepare=$2; shift 2
  for _ in $(seq "$runs"); do
    eval "$prepare" >/dev/null 2>&1
    sync
    times[$name]+="$(t "$@") "
  done
}
# Median of a space-separated list.
med() { echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
# "median (min–max)" of a list, two decimals.
spread() {
  echo "$1" | tr ' ' '\n' | grep . | sort -n |
    awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f (%.2f–%.2f)", m, a[1], a[NR]}'
}
rate() { echo "$1 / $2 / 1000000" | bc; }            # bytes seconds -> MB/s
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }  # a ÷ b
json_field() { grep -o "\"$1\":[0-9]*" "$2" | head -1 | cut -d: -f2; }
# make_corpus DIR SCALE: the benchmark corpus (bench/corpus/, seed 20240601)
# into DIR, by the hoso_corpus of the build in ${BUILD_DIR:-build}.
make_corpus() {
  local gen="${BUILD_DIR:-$root/build}/bench/hoso_corpus"
  if [ ! -x "$gen" ]; then
    echo "no $gen: build it first (bash deploy/build.sh, or ninja -C ${BUILD_DIR:-build} hoso_corpus)" >&2
    return 1
  fi
  "$gen" "$1" --scale "$2" >/dev/null
}
# The corpus: $CORPUS when set, else generated at SCALE under $work/corpus.
# Sets corpus, bytes and files.
use_corpus() {
  corpus=${CORPUS:-}
  if [ -z "$corpus" ]; then
    make_corpus "$work/corpus" "$1"
    corpus="$work/corpus"
  fi
  bytes=$(du -sb --apparent-size "$corpus" | cut -f1)
  files=$(find "$corpus" -type f | wc -l)
}
# bench_begin NAME: what the hosod benchmarks share. Sets build, hoso, summary
# (BENCH_SUMMARY or /dev/null) and work (a new temporary folder), and on exit
# stops the hosod start_hosod left running and removes work.
bench_begin() {
  build=${BUILD_DIR:-$root/build}
  hoso="$build/clients/hoso"
  summary=${BENCH_SUMMARY:-/dev/null}
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  server=
  trap '[ -n "$server" ] && { kill $server 2>/dev/null; wait $server 2>/dev/null; }; rm -rf "$work"' EXIT
}
# start_hosod [tls]: a fresh hosod on loopback (TLS with the certificates in
# $work/tls, from deploy/dev-ca.sh, when "tls"), a fresh client hash cache,
# and the school BENCH; the client's environment points at them.
start_hosod() {
  rm -rf "$work/data" "$work/cache"
  local tls=()
  unset HOSO_CA
  if [ "${1:-}" = tls ]; then
    tls=(--tls-cert "$work/tls/server.pem" --tls-key "$work/tls/server.key")
    export HOSO_CA="$work/tls/ca.pem"
  fi
  "$build/services/hosod" --data "$work/data" --listen 127.0.0.1:0 --scrub-rate 0 "${tls[@]}" \
    >/dev/null 2>"$work/hosod.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/data/hosod.addr" ] && break; sleep 0.1; done
  export HOSO_SERVER=$(cat "$work/data/hosod.addr") HOSO_TOKEN=$(cat "$work/data/admin.token")
  export HOSO_SCHOOL=BENCH XDG_CACHE_HOME="$work/cache"
  "$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
}
stop_hosod() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
