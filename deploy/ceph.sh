#!/usr/bin/env bash
# A single-node Ceph on 127.0.0.1 for tests and for trying hosod --content s3://
# (Debian's ceph-mon, ceph-osd, radosgw): one mon, one osd on bluestore in a
# sparse file, one radosgw with the S3 API, no mgr, no systemd. Runs as the
# current user (root not needed) and keeps everything in DIR: conf, logs, pid
# files, the mon's store and the osd's file. Nothing is written outside DIR.
#
#   deploy/ceph.sh start DIR [--port N] [--mon-port M] [--osd-size 20G]
#   deploy/ceph.sh stop DIR          TERM, then KILL after a bound; data kept
#   deploy/ceph.sh status DIR        pids and RSS; exit 1 when a daemon is down
#   deploy/ceph.sh restart-rgw DIR   kill -9 radosgw and start it again
#   deploy/ceph.sh kill-rgw DIR      kill -9 radosgw (crash tests)
#   deploy/ceph.sh start-rgw DIR     start radosgw again, wait for S3
#
# start is idempotent (daemons already running in DIR are left alone), waits
# until a signed S3 PUT succeeds, and writes DIR/credentials (AWS shared-
# credentials file, mode 600, the test user's keys) and DIR/s3.env:
#   HOSO_S3_ENDPOINT=http://127.0.0.1:PORT
#   HOSO_S3_CREDENTIALS=DIR/credentials
#   HOSO_S3_REGION=us-east-1
# --port is radosgw's S3 port (default 7480); --mon-port the mon's (default
# PORT+20000); both are remembered in DIR, the mon's cannot change later.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

die() {
  echo "ceph.sh: $*" >&2
  exit 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

cmd=${1:-}
case "$cmd" in
  -h | --help | help)
    usage
    exit 0
    ;;
  start | stop | status | restart-rgw | kill-rgw | start-rgw) ;;
  *)
    usage >&2
    exit 2
    ;;
esac
[ $# -ge 2 ] || die "$cmd needs DIR (see --help)"
mkdir -p "$2"
dir=$(cd "$2" && pwd)
shift 2

port="" mon_port="" osd_size=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?--port needs a number} && shift 2 ;;
    --mon-port) mon_port=${2:?--mon-port needs a number} && shift 2 ;;
    --osd-size) osd_size=${2:?--osd-size needs a size like 20G} && shift 2 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

conf="$dir/ceph.conf"
settings="$dir/cluster.env"
region=us-east-1
user_id=hoso-test
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

# The settings chosen at the first start; later options may change the S3
# port and nothing else.
load_settings() {
  local saved_port="" saved_mon_port="" saved_osd_size="" fsid=""
  if [ -f "$settings" ]; then
    saved_port=$(sed -n 's/^PORT=//p' "$settings")
    saved_mon_port=$(sed -n 's/^MON_PORT=//p' "$settings")
    saved_osd_size=$(sed -n 's/^OSD_SIZE=//p' "$settings")
    fsid=$(sed -n 's/^FSID=//p' "$settings")
  fi
  port=${port:-${saved_port:-7480}}
  mon_port=${mon_port:-${saved_mon_port:-$((port + 20000))}}
  osd_size=${osd_size:-${saved_osd_size:-20G}}
  [[ "$port" =~ ^[0-9]+$ && "$port" -gt 0 && "$port" -lt 65536 ]] || die "bad --port $port"
  [[ "$mon_port" =~ ^[0-9]+$ && "$mon_port" -gt 0 && "$mon_port" -lt 65536 ]] ||
    die "bad --mon-port $mon_port (the default is --port + 20000: give one below 65536)"
  if [ -n "$saved_mon_port" ] && [ "$mon_port" != "$saved_mon_port" ]; then
    die "the mon of $dir listens on $saved_mon_port since its creation; stop it and remove $dir for another port"
  fi
  FSID=${fsid:-$(uuidgen)}
  printf 'PORT=%s\nMON_PORT=%s\nOSD_SIZE=%s\nFSID=%s\n' "$port" "$mon_port" "$osd_size" "$FSID" >"$settings"
}

write_conf() {
  mkdir -p "$dir/run" "$dir/log" "$dir/mon" "$dir/osd/0" "$dir/rgw" "$dir/crash"
  cat >"$conf" <<CONF
# Written by deploy/ceph.sh at each start; edit the script, not this file.
[global]
fsid = $FSID
mon_initial_members = a
mon_host = [v2:127.0.0.1:$mon_port]
ms_bind_msgr1 = false
# Loopback only and no cephx: with auth none the mon's default "secure"
# messenger mode has no session key and radosgw hangs, hence crc first.
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc secure
ms_mon_service_mode = crc secure
ms_mon_cluster_mode = crc secure
keyring = $dir/keyring
run_dir = $dir/run
crash_dir = $dir/crash
pid_file = $dir/run/\$name.pid
admin_socket = $dir/run/\$name.asok
log_file = $dir/log/\$name.log
mon_cluster_log_file = $dir/log/cluster.log
# One osd: every pool has one copy and a few placement groups; no mgr.
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
# Without it the mon batches changes for a second and start takes 18 s.
paxos_propose_interval = 0.1

[client]
admin_socket =
log_file = $dir/log/client.log

[mon.a]
mon_data = $dir/mon/a

[osd.0]
osd_data = $dir/osd/0
osd_objectstore = bluestore
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
# The device is a sparse file; a small fixed cache keeps the osd's RSS low.
bluestore_block_path = $dir/osd/0.block
bluestore_block_create = true
bluestore_block_size = $osd_size
bluestore_cache_autotune = false
bluestore_cache_size = 134217728
osd_memory_target = 939524096
bluestore_rocksdb_options = compression=kNoCompression,max_write_buffer_number=2,min_write_buffer_number_to_merge=1,recycle_log_file_num=2,write_buffer_size=33554432,writable_file_max_buffer_size=0,compaction_readahead_size=2097152,max_background_compactions=2,max_total_wal_size=268435456

[client.rgw.a]
admin_socket = $dir/run/client.rgw.a.asok
log_file = $dir/log/client.rgw.a.log
rgw_frontends = beast endpoint=127.0.0.1:$port
rgw_data = $dir/rgw
rgw_thread_pool_size = 64
CONF
}

# The pid of daemon NAME (mon.a, osd.0, client.rgw.a) of this DIR, when it
# runs: the pid file's process must be one started with this DIR's conf.
daemon_pid() {
  local pid
  pid=$(cat "$dir/run/$1.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "-c $conf" || return 1
  echo "$pid"
}

rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

print_daemons() {
  local name pid down=0
  for name in mon.a osd.0 client.rgw.a; do
    if pid=$(daemon_pid "$name"); then
      printf '  %-13s pid %-8s RSS %s MiB\n' "$name" "$pid" "$(rss_mib "$pid")"
    else
      printf '  %-13s stopped\n' "$name"
      down=1
    fi
  done
  return $down
}

# Whether something accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Before anything starts: the ports of the daemons not running yet are free.
check_ports() {
  local name listen
  for name in mon.a client.rgw.a; do
    listen=$port
    [ "$name" = mon.a ] && listen=$mon_port
    if ! daemon_pid "$name" >/dev/null && port_busy "$listen"; then
      die "127.0.0.1:$listen is taken by another process (another cluster?); give another --port (or --mon-port to a new DIR)"
    fi
  done
}

# Starts a daemon unless it runs; ceph daemons fork once they are set up.
start_daemon() {  # NAME BINARY ARGS...
  local name=$1 bin=$2
  shift 2
  daemon_pid "$name" >/dev/null && return 0
  rm -f "$dir/run/$name.pid"
  "$bin" -c "$conf" "$@" </dev/null >>"$dir/log/$name.out" 2>&1 ||
    die "$bin did not start; see $dir/log/$name.out and $dir/log/$name.log"
}

ceph_cli() { timeout 60 ceph -c "$conf" --connect-timeout 30 "$@" 2>>"$dir/log/client.out"; }

bootstrap_mon() {
  [ -f "$dir/mon/a.made" ] && return 0
  rm -rf "$dir/mon/a" "$dir/monmap"
  monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
  ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring" \
    >>"$dir/log/mon.a.out" 2>&1 || die "ceph-mon --mkfs failed; see $dir/log/mon.a.out"
  touch "$dir/mon/a.made"
}

# The osd's id and bluestore are made once; the marker says mkfs completed.
bootstrap_osd() {
  [ -f "$dir/osd/0.made" ] && return 0
  local uuid id
  [ -s "$dir/osd/0.uuid" ] || uuidgen >"$dir/osd/0.uuid"
  uuid=$(cat "$dir/osd/0.uuid")
  id=$(ceph_cli osd new "$uuid") || die "ceph osd new failed; see $dir/log/client.out"
  [ "$id" = 0 ] || die "the mon gave osd id $id, expected 0"
  rm -rf "$dir/osd/0" && mkdir -p "$dir/osd/0"
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$uuid" >>"$dir/log/osd.0.out" 2>&1 ||
    die "ceph-osd --mkfs failed; see $dir/log/osd.0.out"
  touch "$dir/osd/0.made"
}

# The test user's keys, made once and kept in DIR/credentials (mode 600).
ensure_credentials() {
  local creds="$dir/credentials" json keys
  if [ ! -s "$creds" ]; then
    json=$(timeout 120 radosgw-admin -c "$conf" user info --uid="$user_id" 2>/dev/null) ||
      json=$(timeout 120 radosgw-admin -c "$conf" user create --uid="$user_id" \
        --display-name="hoso tests" 2>>"$dir/log/client.out") ||
      die "radosgw-admin user create failed; see $dir/log/client.out"
    keys=$(printf '%s' "$json" | /usr/bin/python3 -c \
      'import json, sys; k = json.load(sys.stdin)["keys"][0]; print(k["access_key"], k["secret_key"])')
    (
      umask 077
      printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
        "${keys% *}" "${keys#* }" >"$creds.new"
    )
    mv "$creds.new" "$creds"
  fi
  chmod 600 "$creds"
  printf 'HOSO_S3_ENDPOINT=http://127.0.0.1:%s\nHOSO_S3_CREDENTIALS=%s\nHOSO_S3_REGION=%s\n' \
    "$port" "$creds" "$region" >"$dir/s3.env"
}

# A signed S3 request with the test user's keys (given to curl on stdin, not
# on its command line); prints the HTTP status.
s3_status() {  # METHOD PATH [BODY_FILE]
  local method=$1 path=$2 body=${3:-} sha=$empty_sha256 ak sk
  ak=$(awk -F' *= *' '$1 == "aws_access_key_id" { print $2 }' "$dir/credentials")
  sk=$(awk -F' *= *' '$1 == "aws_secret_access_key" { print $2 }' "$dir/credentials")
  local data=()
  if [ -n "$body" ]; then
    sha=$(sha256sum "$body" | cut -d' ' -f1)
    data=(--data-binary "@$body")
  fi
  printf 'user = "%s:%s"\n' "$ak" "$sk" |
    curl -K - -sS -o /dev/null -w '%{http_code}' --max-time 5 -X "$method" \
      --aws-sigv4 "aws:amz:$region:s3" -H "x-amz-content-sha256: $sha" "${data[@]}" \
      "http://127.0.0.1:$port$path" 2>/dev/null || true
}

# Waits until radosgw takes a signed PUT of an object (bucket hoso-probe).
wait_for_s3() {
  local deadline=$((SECONDS + ${HOSO_CEPH_START_TIMEOUT:-180})) code
  printf 'hoso ceph.sh probe\n' >"$dir/run/probe.txt"
  while [ $SECONDS -lt $deadline ]; do
    code=$(s3_status PUT /hoso-probe)
    if [ "$code" = 200 ] || [ "$code" = 409 ]; then
      [ "$(s3_status PUT /hoso-probe/probe.txt "$dir/run/probe.txt")" = 200 ] && return 0
    fi
    daemon_pid client.rgw.a >/dev/null || die "radosgw stopped; see $dir/log/client.rgw.a.log"
    sleep 0.2
  done
  die "no S3 PUT succeeded on 127.0.0.1:$port within ${HOSO_CEPH_START_TIMEOUT:-180} s; see $dir/log/"
}

start_rgw() { start_daemon client.rgw.a radosgw -n client.rgw.a; }

report_started() {  # T0
  echo "ceph.sh: S3 on http://127.0.0.1:$port ready in $(elapsed "$1") s (DIR $dir)"
  print_daemons || true
  echo "  environment: $dir/s3.env"
}

# Stops a daemon: TERM, then KILL after BOUND seconds; waits until gone.
stop_daemon() {  # NAME BOUND
  local pid i
  pid=$(daemon_pid "$1") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "ceph.sh: $1 (pid $pid) ignored TERM for $2 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

kill_rgw() {
  local pid
  pid=$(daemon_pid client.rgw.a) || return 0
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

case "$cmd" in
  start)
    t0=$(now)
    command -v ceph-mon >/dev/null || die "ceph-mon is missing: run deploy/install-deps.sh"
    if [ -f "$settings" ] && print_daemons >/dev/null && [ -s "$dir/credentials" ]; then
      running_port=$(sed -n 's/^PORT=//p' "$settings")
      [ -z "$port" ] || [ "$port" = "$running_port" ] ||
        die "already running in $dir with S3 on port $running_port; stop it first for port $port"
      load_settings
      write_conf
      ensure_credentials
      echo "ceph.sh: already running in $dir"
      print_daemons
      exit 0
    fi
    load_settings
    check_ports
    write_conf
    bootstrap_mon
    start_daemon mon.a ceph-mon -i a
    bootstrap_osd
    start_daemon osd.0 ceph-osd -i 0
    start_rgw
    ensure_credentials
    wait_for_s3
    report_started "$t0"
    ;;
  stop)
    [ -f "$conf" ] || exit 0
    # radosgw keeps no state of its own; the osd tells the mon it goes down.
    stop_daemon client.rgw.a 5
    stop_daemon osd.0 30
    stop_daemon mon.a 20
    echo "ceph.sh: stopped (data kept in $dir)"
    ;;
  status)
    [ -f "$settings" ] || die "no cluster in $dir"
    load_settings
    echo "ceph.sh: $dir, S3 on http://127.0.0.1:$port, mon on 127.0.0.1:$mon_port"
    print_daemons
    ;;
  kill-rgw)
    kill_rgw
    ;;
  start-rgw | restart-rgw)
    [ -f "$settings" ] || die "no cluster in $dir"
    t0=$(now)
    load_settings
    [ "$cmd" = start-rgw ] || kill_rgw
    check_ports
    start_rgw
    wait_for_s3
    report_started "$t0"
    ;;
esac
