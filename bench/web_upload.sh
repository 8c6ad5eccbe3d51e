#!/usr/bin/env bash
# Issue 15: uploading through the browser against `hoso upload` of the same
# files, same run, on loopback. The browser path is the real upload page in
# Debian's chromium (bench/web_upload.mjs): hash-wasm in the page, tus PATCHes
# to hoso-web, hoso-web streaming each into hosod; timed from the submit click
# to the created item. `hoso upload` is timed as a teacher runs it. Each run
# starts from a fresh hosod (nothing to deduplicate) and a sync. Beside them,
# chromium alone sending the files to a sink (bench/browser_floor.mjs): the
# browser's own floor, which no server can lift.
# Then one large file through the web front, with the peak RSS (VmHWM) of
# hosod and hoso-web, both to stay under 200 MiB.
# Usage: bench/web_upload.sh [MIB_EACH] [FILES] [RUNS] [LARGE_MIB]   (defaults 128 4 5 1024)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
bench_begin hoso-web-upload
mib=${1:-128}
nfiles=${2:-4}
runs=${3:-5}
large_mib=${4:-1024}
need_tools bc:bc
hoso_web="$build/clients/web/hoso-web"
assets=${HOSO_WEB_ASSETS:-$build/web}
web=
trap '[ -n "$web" ] && kill $web 2>/dev/null; [ -n "$server" ] && kill $server 2>/dev/null; wait; rm -rf "$work"' EXIT

names=("Biên bản họp hội đồng trường" "Ảnh lễ khai giảng" "Sổ đầu bài" "Kế hoạch năm học"
  "Báo cáo tổng kết" "Danh sách học sinh" "Quyết định thành lập tổ" "Ảnh hoạt động ngoại khoá")
files=()
for i in $(seq 0 $((nfiles - 1))); do
  f="$work/${names[$((i % 8))]} $i.bin"
  head -c "${mib}M" /dev/urandom >"$f"
  files+=("$f")
done
bytes=$((mib * 1048576 * nfiles))

teacher() {  # a teacher of BENCH; prints their token
  "$hoso" user add gv.bench --school BENCH --role teacher --full-name "Giáo viên" >/dev/null
  "$hoso" token issue gv.bench 2>/dev/null | grep -o 'hoso_[0-9a-f]*'
}
start_web() {
  rm -f "$work/web.addr"
  "$hoso_web" --listen 127.0.0.1:0 --hosod "$HOSO_SERVER" --assets "$assets" \
    --addr-file "$work/web.addr" >/dev/null 2>"$work/web.log" &
  web=$!
  for _ in $(seq 100); do [ -s "$work/web.addr" ] && break; sleep 0.1; done
  [ -s "$work/web.addr" ] || { cat "$work/web.log" >&2; return 1; }
}
stop_web() { kill "$web"; wait "$web" 2>/dev/null || true; web=; }
cpu_secs() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }
hwm_mib() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
# web_run FILE...: one upload through chromium into a fresh hosod; sets secs.
web_run() {
  start_hosod
  teacher >/dev/null
  start_web
  local link
  link=$("$hoso" user login-link gv.bench --school BENCH --url "http://$(cat "$work/web.addr")" 2>/dev/null |
    grep -o 'http://[^ ]*#[^ ]*')
  sync
  ${BENCH_TIMELINE:+/usr/bin/time -f 'cpu s: chromium and node %U user %S system'} \
    node "$root/bench/web_upload.mjs" "$link" 1.1 "$@" >"$work/web.out" 2>"$work/web.err" ||
    { cat "$work/web.err" "$work/web.log" >&2; return 1; }
  secs=$(head -1 "$work/web.out")
  # BENCH_TIMELINE=1 (profiling): each file's states in the page, ms from
  # the first, and the CPU seconds hosod and hoso-web used so far.
  if [ -n "${BENCH_TIMELINE:-}" ]; then
    cat "$work/web.err" >&2
    echo "cpu s: hosod $(cpu_secs "$server"), hoso-web $(cpu_secs "$web")" >&2
    grep -h ' /files/' "$work/web.log" >&2 || true
  fi
}

floor_cpu=
for _ in $(seq "$runs"); do
  start_hosod
  token=$(teacher)
  sync
  times[cli]+="$(HOSO_TOKEN=$token t "$hoso" upload --school BENCH --criterion 1.1 --title "Bench upload" "${files[@]}") "
  stop_hosod
  web_run "${files[@]}"
  times[web]+="$secs "
  stop_web
  stop_hosod
  sync
  node "$root/bench/browser_floor.mjs" "${files[@]}" >"$work/floor.out" 2>"$work/floor.err" ||
    { cat "$work/floor.err" >&2; exit 1; }
  times[floor]+="$(head -1 "$work/floor.out") "
  floor_cpu+="$(sed -n 's/^chromium_cpu_s=//p' "$work/floor.out") "
done
c=$(med "${times[cli]}")
w=$(med "${times[web]}")
f=$(med "${times[floor]}")

head -c "${large_mib}M" /dev/urandom >"$work/Video lễ khai giảng.bin"
rm -f "${files[@]}"
web_run "$work/Video lễ khai giảng.bin"
large=$secs
hosod_hwm=$(hwm_mib "$server")
web_hwm=$(hwm_mib "$web")
stop_web
stop_hosod

echo "$nfiles files of $mib MiB of random data ($bytes bytes); $runs runs each, a fresh hosod for each upload."
echo
echo "| path | seconds, median (min–max) | MB/s | ÷ hoso upload's rate |"
echo "|---|---:|---:|---:|"
echo "| \`hoso upload\` (the CLI) | $(spread "${times[cli]}") | $(rate "$bytes" "$c") | 1× |"
echo "| the upload page in chromium, through hoso-web | $(spread "${times[web]}") | $(rate "$bytes" "$w") | $(ratio "$c" "$w")× |"
echo "| chromium alone, into a sink that discards the bytes (bench/browser_floor.mjs) | $(spread "${times[floor]}") | $(rate "$bytes" "$f") | $(ratio "$c" "$f")× |"
echo
echo "chromium's CPU seconds for the sink runs: $floor_cpu(the browser's own cost, before any server)."
echo
echo "One file of $large_mib MiB through the upload page: $(printf %.2f "$large") s,"
echo "$(rate $((large_mib * 1048576)) "$large") MB/s; peak RSS (VmHWM) hosod $hosod_hwm MiB, hoso-web $web_hwm MiB."
{
  echo "web_upload_cli=$c"
  echo "web_upload_web=$w"
  echo "web_upload_browser_floor=$f"
  echo "web_upload_large=$large"
  echo "web_upload_hosod_hwm=$hosod_hwm"
  echo "web_upload_web_hwm=$web_hwm"
} >>"$summary"
