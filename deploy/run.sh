#!/usr/bin/env bash
# One command to a running server: installs dependencies, builds (the web
# app's assets too), starts hosod in the background on 127.0.0.1:50051 with
# its data in ${HOSO_DATA:-~/.local/share/hoso} and the web front hoso-web on
# ${HOSO_WEB_LISTEN:-127.0.0.1:8080} against it, and prints the web app's URL,
# the admin's one-time login link and how to reach hosod with hoso.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
"$root/deploy/build.sh" -DHOSO_BUILD_TESTS=OFF

data=${HOSO_DATA:-$HOME/.local/share/hoso}
listen=${HOSO_LISTEN:-127.0.0.1:50051}
web_listen=${HOSO_WEB_LISTEN:-127.0.0.1:8080}
mkdir -p "$data"

# start NAME ADDR_FILE COMMAND...: starts NAME in the background unless its
# pid file names a live process, and waits until it wrote ADDR_FILE.
start() {
  local name=$1 addr=$2
  shift 2
  if [ -f "$data/$name.pid" ] && kill -0 "$(cat "$data/$name.pid")" 2>/dev/null; then
    echo "$name is already running (pid $(cat "$data/$name.pid")); stop it with: kill $(cat "$data/$name.pid")"
    return
  fi
  rm -f "$addr"
  nohup "$@" >>"$data/$name.log" 2>&1 </dev/null &
  echo $! >"$data/$name.pid"
  for _ in $(seq 100); do [ -s "$addr" ] && break; sleep 0.1; done
  if [ ! -s "$addr" ]; then
    echo "$name did not start; see $data/$name.log" >&2
    tail -5 "$data/$name.log" >&2
    exit 1
  fi
}

start hosod "$data/hosod.addr" "$root/build/services/hosod" --data "$data" --listen "$listen"
# hoso-web: a client of hosod like hoso, stateless; plain HTTP on loopback only.
start hoso-web "$data/hoso-web.addr" "$root/build/clients/web/hoso-web" --listen "$web_listen" \
  --hosod "$(cat "$data/hosod.addr")" --assets "$root/build/web" --addr-file "$data/hoso-web.addr"
url="http://$(cat "$data/hoso-web.addr")"
# A fresh one-time link each run: single use, valid for a day.
link=$(HOSO_SERVER=$(cat "$data/hosod.addr") HOSO_TOKEN=$(cat "$data/admin.token") \
  "$root/build/clients/hoso" user login-link admin --url "$url" 2>/dev/null | grep -o 'http[^ ]*#[^ ]*' | head -1)

cat <<MSG

The web app is at $url (pid $(cat "$data/hoso-web.pid"), log $data/hoso-web.log)
  log in as admin, once, with: $link
  (another link: hoso user login-link admin --url $url)
  stop it:      kill \$(cat $data/hoso-web.pid)

hosod is running on $(cat "$data/hosod.addr") (pid $(cat "$data/hosod.pid")), data in $data
  log:          $data/hosod.log
  admin token:  $data/admin.token (keep it secret)
  stop it:      kill \$(cat $data/hosod.pid)

Try it:
  export PATH="$root/build/clients:\$PATH"
  export HOSO_SERVER=$(cat "$data/hosod.addr")
  export HOSO_TOKEN=\$(cat $data/admin.token)
  hoso school add LQD --name "Trường Tiểu học Lê Quý Đôn" --framework tt17-2018
  hoso upload --school LQD --criterion 1.1 --title "Kế hoạch chiến lược" FILE.pdf
  hoso ls --school LQD
  hoso whoami
People, roles and TLS: see "People, roles and review" in README.md.
MSG
