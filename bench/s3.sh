#!/usr/bin/env bash
# Issue 17's speed targets, in one run against one radosgw (deploy/ceph.sh):
#  1. the benchmark corpus (bench/corpus, as ingest.sh uses it), then one
#     1 GiB file of random data, into: hosod on packs, hosod on Ceph
#     (--content s3://...), `s3cmd put --recursive` and `rclone copy` (each
#     from Debian, configured by a generated file against the same radosgw),
#     each tool into a plain bucket and into a versioned one like hosod's;
#     a fresh store (data dir, bucket) for every run; time, MB/s, and the
#     peak RSS (VmHWM) of hosod;
#  2. dossier build + download (zip and tar, bench/dossier.sh's steps) of the
#     corpus from Ceph against the same from packs;
#  3. two hosod processes (two data dirs, two buckets: two shards) ingesting
#     the corpus at once into the one radosgw, against one alone.
# Median (min-max) of RUNS runs; a sync before each. Prints markdown.
# Usage: bench/s3.sh [SCALE] [RUNS] [MIB]   (defaults 1.0, 3 and 1024)
#   S3_ONLY=dossier only part 2 (the dossier from packs, from Ceph, from
#                   Ceph with the cache warm, and radosgw's floor)
#   CORPUS=DIR      an existing corpus instead of generating one
#   S3_ENV=FILE     a running cluster's s3.env (deploy/ceph.sh); otherwise the
#                   script starts its own in its work dir on CEPH_PORT (7484)
#                   and CEPH_MON_PORT (6794) and stops it at the end
#   S3CMD_CHUNK_MB  s3cmd's --multipart-chunk-size-mb (default 64, see RESULTS.md)
#   RCLONE_FLAGS    extra flags for rclone copy (default: its own defaults)
# A hosod without --content (before issue 17's wire work) is measured on packs
# only; the rows it cannot fill say so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
bench_begin hoso-s3
scale=${1:-1.0}
runs=${2:-3}
mib=${3:-1024}
only=${S3_ONLY:-}
chunk_mb=${S3CMD_CHUNK_MB:-64}
read -r -a rclone_flags <<<"${RCLONE_FLAGS:-}"
need_tools s3cmd:s3cmd rclone:rclone bc:bc
declare -A rss  # name -> peak RSS of hosod in MiB, space-separated

cluster=
if [ -z "${S3_ENV:-}" ]; then
  cluster="$work/ceph"
  bash "$root/deploy/ceph.sh" start "$cluster" --port "${CEPH_PORT:-7484}" \
    --mon-port "${CEPH_MON_PORT:-6794}" >"$work/ceph-start.log" 2>&1 ||
    { cat "$work/ceph-start.log" >&2; exit 1; }
  S3_ENV="$cluster/s3.env"
fi
# The cluster is stopped after the servers (bench_begin's trap stops those).
trap '[ -n "$server" ] && { kill $server 2>/dev/null; wait $server 2>/dev/null; }
  [ -n "${server2:-}" ] && { kill $server2 2>/dev/null; wait $server2 2>/dev/null; }
  [ -n "$cluster" ] && bash "$root/deploy/ceph.sh" stop "$cluster" >/dev/null 2>&1
  rm -rf "$work"' EXIT
source "$S3_ENV"
key() { sed -n "s/^ *$1 *= *//p" "$HOSO_S3_CREDENTIALS" | head -1; }
access_key=$(key aws_access_key_id)
secret_key=$(key aws_secret_access_key)
hostport=${HOSO_S3_ENDPOINT#http://}
cat >"$work/s3cfg" <<EOF
[default]
access_key = $access_key
secret_key = $secret_key
host_base = $hostport
host_bucket = $hostport
use_https = False
signature_v2 = False
bucket_location = ${HOSO_S3_REGION:-us-east-1}
multipart_chunk_size_mb = $chunk_mb
progress_meter = False
EOF
cat >"$work/rclone.conf" <<EOF
[ceph]
type = s3
provider = Ceph
access_key_id = $access_key
secret_access_key = $secret_key
endpoint = $HOSO_S3_ENDPOINT
region = ${HOSO_S3_REGION:-us-east-1}
force_path_style = true
EOF
chmod 600 "$work/s3cfg" "$work/rclone.conf"
s3cmd=(s3cmd -c "$work/s3cfg" -q)
# rclone refuses a plain-http endpoint when a CA bundle is set for AWS tools.
unset AWS_CA_BUNDLE
rclone=(rclone --config "$work/rclone.conf" -q)

# ceph: as an operator starts it (a 2 GiB chunk cache under DATA/cache);
# ceph-nocache: --s3-cache-size 0, every read goes to radosgw.
modes="packs ceph ceph-nocache"
[[ "$("$build/services/hosod" --help 2>&1)" == *--content* ]] || modes=packs
use_corpus "$scale"
head -c "${mib}M" /dev/urandom >"$work/large.bin"
large_bytes=$(stat -c %s "$work/large.bin")
bucket() { echo "bench-$1-$(date +%s%N | tail -c 9)"; }
drop_bucket() { "${rclone[@]}" purge "ceph:$1" >/dev/null 2>&1 || true; }

# hosod_up DATA [BUCKET [FLAGS...]]: a fresh hosod on DATA (packs, or content
# in BUCKET on the cluster, with FLAGS); sets pid.
hosod_up() {
  local data=$1 content=()
  rm -rf "$data"
  [ -n "${2:-}" ] && content=(--content "s3://$2" --s3-endpoint "$HOSO_S3_ENDPOINT"
    --s3-credentials "$HOSO_S3_CREDENTIALS" --s3-region "${HOSO_S3_REGION:-us-east-1}" "${@:3}")
  "$build/services/hosod" --data "$data" --listen 127.0.0.1:0 --scrub-rate 0 "${content[@]}" \
    >/dev/null 2>>"$work/hosod.log" &
  pid=$!
  for _ in $(seq 300); do [ -s "$data/hosod.addr" ] && break; sleep 0.1; done
  [ -s "$data/hosod.addr" ] || { cat "$work/hosod.log" >&2; exit 1; }
  HOSO_SERVER=$(cat "$data/hosod.addr") HOSO_TOKEN=$(cat "$data/admin.token") \
    "$hoso" school add BENCH --name "Bench" --framework tt18-2018 >/dev/null
}
client_env() {  # DATA: the client's environment for the hosod on DATA
  export HOSO_SERVER=$(cat "$1/hosod.addr") HOSO_TOKEN=$(cat "$1/admin.token") HOSO_SCHOOL=BENCH
  export XDG_CACHE_HOME="$1.cache"
  rm -rf "$XDG_CACHE_HOME"
}
peak_mib() { awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$1/status"; }
hosod_down() { kill "$1"; wait "$1" 2>/dev/null || true; }
upload_tree() { "$hoso" upload "$corpus" >/dev/null 2>"$work/upload.err"; }

# 1. The same files, the same radosgw, four ways.
[ "$only" = dossier ] || for run in $(seq "$runs"); do
  for mode in $modes; do
    name="hosod on $mode"
    b=; flags=(); [ $mode != packs ] && b=$(bucket hosod)
    [ $mode = ceph-nocache ] && flags=(--s3-cache-size 0)
    hosod_up "$work/data" "$b" "${flags[@]}"; server=$pid
    client_env "$work/data"
    sync
    times[$name]+="$(t upload_tree) "
    sync
    times[$name, large]+="$(t "$hoso" upload --criterion 1.1 --title large "$work/large.bin") "
    rss[$name]+="$(peak_mib "$server") "
    hosod_down "$server"; server=
    [ -n "$b" ] && drop_bucket "$b"
  done
  # Each tool into a plain bucket and into a versioned one: hosod versions
  # the bucket it writes (a deleted chunk stays recoverable), and radosgw
  # writes a versioned object with more RADOS operations.
  for kind in plain versioned; do
    suffix=; [ $kind = versioned ] && suffix=" (versioned)"
    b=$(bucket s3cmd)
    "${rclone[@]}" mkdir "ceph:$b"
    [ $kind = versioned ] && "${rclone[@]}" backend versioning "ceph:$b" Enabled >/dev/null
    sync
    times[s3cmd put$suffix]+="$(t "${s3cmd[@]}" put --recursive "$corpus/" "s3://$b/corpus/") "
    sync
    times[s3cmd put$suffix, large]+="$(t "${s3cmd[@]}" put "$work/large.bin" "s3://$b/large.bin") "
    drop_bucket "$b"
    b=$(bucket rclone)
    "${rclone[@]}" mkdir "ceph:$b"
    [ $kind = versioned ] && "${rclone[@]}" backend versioning "ceph:$b" Enabled >/dev/null
    sync
    times[rclone copy$suffix]+="$(t "${rclone[@]}" copy "${rclone_flags[@]}" "$corpus" "ceph:$b/corpus") "
    sync
    times[rclone copy$suffix, large]+="$(t "${rclone[@]}" copy "${rclone_flags[@]}" "$work/large.bin" "ceph:$b") "
    drop_bucket "$b"
  done
done

# 2. Dossier build + download, from packs and from Ceph (no chunk cache:
# what was just uploaded would otherwise be read back from local disk).
build_and_download() {  # FORMAT
  "$hoso" dossier build >/dev/null
  "$hoso" dossier download 1 --format "$1" -o "$work/d.$1"
}
# ceph-cached: as an operator runs it (the chunk cache holds what was just
# uploaded). rclone copying the bucket's objects down with as many transfers
# as hosod has requests in flight is this radosgw's floor for reading them.
[ "$modes" = packs ] || for mode in packs ceph ceph-cached; do
  b=; [ $mode != packs ] && b=$(bucket dossier)
  cache=(--s3-cache-size 0); [ $mode = ceph-cached ] && cache=()
  hosod_up "$work/data" "$b" "${cache[@]}"; server=$pid
  client_env "$work/data"
  "$hoso" school set BENCH --dossier-items all >/dev/null
  upload_tree
  "$hoso" dossier build >/dev/null
  measure "dossier zip, $mode" "rm -f '$work/d.zip'" build_and_download zip
  measure "dossier tar, $mode" "rm -f '$work/d.tar'" build_and_download tar
  rss[dossier, $mode]=$(peak_mib "$server")
  hosod_down "$server"; server=
  if [ $mode = ceph ]; then
    measure "rclone down" "rm -rf '$work/down'" "${rclone[@]}" copy --transfers "${S3_PARALLEL:-16}" \
      --checkers "${S3_PARALLEL:-16}" "ceph:$b" "$work/down"
    rm -rf "$work/down"
  fi
  [ -n "$b" ] && drop_bucket "$b"
  payload=$(stat -c %s "$work/d.tar")
done

# 3. Two shards at once against one alone (both on Ceph, each its own bucket).
[ "$modes" = packs ] || [ "$only" = dossier ] || for run in $(seq "$runs"); do
  b=$(bucket one)
  hosod_up "$work/data" "$b"; server=$pid
  client_env "$work/data"
  sync
  times[one shard]+="$(t upload_tree) "
  hosod_down "$server"; server=
  drop_bucket "$b"
  b1=$(bucket shard1); b2=$(bucket shard2)
  hosod_up "$work/data" "$b1"; server=$pid
  hosod_up "$work/data2" "$b2"; server2=$pid
  sync
  s=$(date +%s.%N)
  (client_env "$work/data"; upload_tree) &
  c1=$!
  (client_env "$work/data2"; "$hoso" upload "$corpus" >/dev/null 2>"$work/upload2.err") &
  c2=$!
  wait $c1 && wait $c2 || { cat "$work/upload.err" "$work/upload2.err" >&2; exit 1; }
  times[two shards]+="$(echo "$(date +%s.%N) - $s" | bc) "
  rss[two shards]+="$(peak_mib "$server") $(peak_mib "$server2") "
  hosod_down "$server"; server=
  hosod_down "$server2"; server2=
  drop_bucket "$b1"; drop_bucket "$b2"
done

maxof() { echo "$1" | tr ' ' '\n' | grep . | sort -n | tail -1; }
echo "Corpus: $files files, $bytes bytes (scale $scale); one file of $large_bytes bytes; $runs runs"
echo "each, a fresh data dir or bucket per run. radosgw at $HOSO_S3_ENDPOINT ($S3_ENV)."
echo "s3cmd: --multipart-chunk-size-mb=$chunk_mb; rclone: ${RCLONE_FLAGS:-its defaults}."
echo
if [ "$only" != dossier ]; then
echo "| into | corpus s, median (min–max) | MB/s | files/s | 1 file s, median (min–max) | MB/s | hosod peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for name in "hosod on packs" "hosod on ceph" "hosod on ceph-nocache" "s3cmd put" "rclone copy" \
  "s3cmd put (versioned)" "rclone copy (versioned)"; do
  [ -n "${times[$name]:-}" ] || { echo "| $name | not measured: this hosod has no --content | | | | | |"; continue; }
  m=$(med "${times[$name]}"); l=$(med "${times[$name, large]}")
  r=${rss[$name]:-}; [ -n "$r" ] && r=$(maxof "$r")
  echo "| $name | $(spread "${times[$name]}") | $(rate "$bytes" "$m") | $(echo "$files / $m" | bc) |" \
    "$(spread "${times[$name, large]}") | $(rate "$large_bytes" "$l") | ${r:-} |"
done
fastest() {  # KIND SUFFIX: the smaller median of the two tools into that kind of bucket
  local a b; a=$(med "${times[s3cmd put$1$2]}"); b=$(med "${times[rclone copy$1$2]}")
  if (( $(echo "$a < $b" | bc) )); then echo "s3cmd put$1|$a"; else echo "rclone copy$1|$b"; fi
}
echo
[ "$modes" = packs ] && { echo "(hosod on Ceph not measured: this hosod has no --content.)"; exit 0; }
for kind in "" " (versioned)"; do
  IFS='|' read -r tool_c tool_c_s <<<"$(fastest "$kind" "")"
  IFS='|' read -r tool_l tool_l_s <<<"$(fastest "$kind" ", large")"
  label=plain; [ -n "$kind" ] && label=versioned
  echo "hosod on Ceph ÷ the fastest tool into a $label bucket (speed ratio," \
    "target ≥ 1): corpus $(ratio "$tool_c_s" "$(med "${times[hosod on ceph]}")")× (against $tool_c)," \
    "1 file $(ratio "$tool_l_s" "$(med "${times[hosod on ceph, large]}")")× (against $tool_l)."
done
fi
echo
echo "Dossier of the corpus (every file; tar $payload bytes): \`hoso dossier build\` then"
echo "\`hoso dossier download\`, $runs runs each; from Ceph with --s3-cache-size 0 (every chunk"
echo "read from radosgw)."
echo
echo "| | from packs s | MB/s | from Ceph s | MB/s | Ceph ÷ packs (target ≥ 0.7) | from Ceph, cache warm s | ÷ packs |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for f in zip tar; do
  p=$(med "${times[dossier $f, packs]}"); c=$(med "${times[dossier $f, ceph]}")
  w=$(med "${times[dossier $f, ceph-cached]}")
  echo "| build + download ($f) | $(spread "${times[dossier $f, packs]}") | $(rate "$bytes" "$p") |" \
    "$(spread "${times[dossier $f, ceph]}") | $(rate "$bytes" "$c") | $(ratio "$p" "$c")× |" \
    "$(spread "${times[dossier $f, ceph-cached]}") | $(ratio "$p" "$w")× |"
done
echo
r=$(med "${times[rclone down]}")
echo "The floor of this radosgw: \`rclone copy --transfers ${S3_PARALLEL:-16}\` of the same bucket's objects"
echo "down: $(spread "${times[rclone down]}") s; hosod's tar from Ceph ÷ that: $(ratio "$r" "$(med "${times[dossier tar, ceph]}")")×."
echo
echo "hosod peak RSS in the dossier runs: packs ${rss[dossier, packs]} MiB, Ceph ${rss[dossier, ceph]} MiB," \
  "Ceph with the cache ${rss[dossier, ceph-cached]} MiB."
[ "$only" = dossier ] && exit 0
echo
one=$(med "${times[one shard]}"); two=$(med "${times[two shards]}")
echo "Two shards: two hosod (own data dir, own bucket) each ingesting the corpus at once."
echo
echo "| | wall s, median (min–max) | uploads (files)/s in all | MB/s in all |"
echo "|---|---:|---:|---:|"
echo "| one hosod on Ceph | $(spread "${times[one shard]}") | $(echo "$files / $one" | bc) | $(rate "$bytes" "$one") |"
echo "| two hosod on Ceph at once | $(spread "${times[two shards]}") | $(echo "2 * $files / $two" | bc) | $(rate "$((2 * bytes))" "$two") |"
echo
echo "Two ÷ one, throughput: $(ratio "$(echo "2 * $one" | bc)" "$two")×; peak RSS of each hosod $(maxof "${rss[two shards]}") MiB at most."
