#!/usr/bin/env bash
# One command to a tested tree: installs dependencies, builds everything
# (with the tests) and runs every test with ctest. Fails when any test fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/deploy/install-deps.sh"
"$root/deploy/build.sh" -DHOSO_BUILD_TESTS=ON
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 300 -j 2
