#!/usr/bin/env bash
# Installs hoso's build and test dependencies from Debian bookworm packages.
# Idempotent: packages already present are left alone. Needs root or sudo.
# ceph-mon, ceph-osd, radosgw and ceph-common run the single-node test cluster
# (deploy/ceph.sh); s3cmd and rclone are what bench/ compares hosod on Ceph with.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev libarchive-dev libssl-dev libicu-dev libcli11-dev
  libgtest-dev libgmock-dev libxxhash-dev libxlsxwriter-dev libbenchmark-dev
  libexpat1-dev libsodium-dev libmicrohttpd-dev golang-github-gogo-googleapis-dev libcurl4-openssl-dev
  chromium fonts-dejavu-core
  openssl libarchive-tools unzip python3-docx python3-openpyxl
  clang-14 libclang-rt-14-dev clang-format
  ceph-mon ceph-osd radosgw ceph-common
  s3cmd rclone
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the web app's packages: Debian's (Node 18) on a fresh
# machine; a Node installed from elsewhere (which brings its own npm, and on
# which `apt-get install npm` fails) is used as it is.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The web app's npm packages, exactly as web/package-lock.json pins them;
# again only when the lock changed since the last install.
root=$(cd "$(dirname "$0")/.." && pwd)
stamp="$root/web/node_modules/.hoso-lock"
if ! cmp -s "$root/web/package-lock.json" "$stamp"; then
  echo "install-deps: npm ci in web/ (node $(node --version), npm $(npm --version))"
  (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/web/package-lock.json" "$stamp"
fi
