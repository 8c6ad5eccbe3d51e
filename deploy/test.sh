#!/usr/bin/env bash
# One command to a tested tree: installs dependencies, checks every C++ file
# is formatted as .clang-format says (deploy/check-format.sh), builds everything
# (with the tests) and runs every test with ctest (the browser tests too:
# label browser, Debian's chromium headless on loopback; label ceph against a
# single-node Ceph that ctest's fixture starts with deploy/ceph.sh in
# build/ceph-test, reusing or restarting one left by an earlier run, and stops
# at the end; HOSO_CEPH_TEST_PORT=N moves its radosgw off 17480), then the sanitizer build:
# unit and service tests under ASan and UBSan, and each fuzz target briefly
# (deploy/sanitize.sh; SKIP_SANITIZE=1 skips it). Fails when anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
"$root/deploy/check-format.sh"
"$root/deploy/build.sh" -DHOSO_BUILD_TESTS=ON ${HOSO_CEPH_TEST_PORT:+-DHOSO_CEPH_TEST_PORT=$HOSO_CEPH_TEST_PORT}
(cd "${BUILD_DIR:-$root/build}" && ctest --output-on-failure --timeout 300 -j 2)
if [ "${SKIP_SANITIZE:-0}" != 1 ]; then
  "$root/deploy/sanitize.sh"
fi
