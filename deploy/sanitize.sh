#!/usr/bin/env bash
# The second build of the test command: clang 14 with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-sanitize/. Runs the unit and service
# tests under them, then each libFuzzer target in fuzz/ for FUZZ_SECONDS
# (default 12) from its seed corpus. Fails on any test failure, sanitizer
# report or fuzzer crash.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SANITIZE_BUILD_DIR:-$root/build-sanitize}
seconds=${FUZZ_SECONDS:-12}

CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DHOSO_SANITIZE=ON -DHOSO_FUZZ=ON -DHOSO_BUILD_TESTS=ON \
  >/dev/null
fuzzers=(fuzz_plan_import fuzz_framework fuzz_evidence_code fuzz_request_validation fuzz_bag_verifier fuzz_office_reader)
cmake --build "$build" -j "$(nproc)" --target storage_tests service_tests "${fuzzers[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp
echo "sanitize: unit and service tests under ASan and UBSan"
"$build/tests/storage_tests" --gtest_brief=1
"$build/tests/service_tests" --gtest_brief=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
extra_seeds() {
  case "$1" in
    fuzz_plan_import) echo "$root/tests/data" ;;
    fuzz_framework) echo "$root/storage/frameworks" ;;
  esac
}
for f in "${fuzzers[@]}"; do
  mkdir -p "$work/$f"
  seeds=("$root/fuzz/corpus/${f#fuzz_}")
  extra=$(extra_seeds "$f")
  [ -n "$extra" ] && seeds+=("$extra")
  "$build/fuzz/$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/$f-crash-" \
    "$work/$f" "${seeds[@]}" 2>"$work/$f.log" || { tail -50 "$work/$f.log"; echo "sanitize: $f failed; the input is in $build/$f-crash-*"; exit 1; }
  echo "sanitize: $f: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$f.log" | awk '{print $2}') executions in ${seconds} s, no crash"
done
