#!/usr/bin/env bash
# Fails when a C++ file of the repository differs from .clang-format (the
# style of the tree), naming each one. `deploy/check-format.sh --fix`
# formats them in place instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h' | grep -v '^fuzz/corpus/')
else  # an unpacked tarball: every source file below the root
  mapfile -t files < <(find . -path ./build -prune -o -path './build-*' -prune -o \
    -path ./fuzz/corpus -prune -o \( -name '*.cc' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
fi
if [ "${1:-}" = --fix ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'check-format: not formatted as .clang-format says (run deploy/check-format.sh --fix):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
