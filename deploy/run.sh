#!/usr/bin/env bash
# One command to a running server: installs dependencies, builds, starts
# hosod in the background on 127.0.0.1:50051 with its data in
# ${HOSO_DATA:-~/.local/share/hoso}, and prints how to reach it with hoso.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
"$root/deploy/build.sh" -DHOSO_BUILD_TESTS=OFF

data=${HOSO_DATA:-$HOME/.local/share/hoso}
listen=${HOSO_LISTEN:-127.0.0.1:50051}
mkdir -p "$data"
if [ -f "$data/hosod.pid" ] && kill -0 "$(cat "$data/hosod.pid")" 2>/dev/null; then
  echo "hosod is already running (pid $(cat "$data/hosod.pid")); stop it with: kill $(cat "$data/hosod.pid")"
else
  rm -f "$data/hosod.addr"
  nohup "$root/build/services/hosod" --data "$data" --listen "$listen" \
    >>"$data/hosod.log" 2>&1 </dev/null &
  echo $! >"$data/hosod.pid"
  for _ in $(seq 100); do [ -s "$data/hosod.addr" ] && break; sleep 0.1; done
  if [ ! -s "$data/hosod.addr" ]; then
    echo "hosod did not start; see $data/hosod.log" >&2
    tail -5 "$data/hosod.log" >&2
    exit 1
  fi
fi
cat <<MSG

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
