#!/usr/bin/env bash
# The contract of hoso_corpus that the benchmarks rely on, at a tiny scale:
# two runs with one seed give byte-identical trees (contents, names, mtimes),
# in the evidence layout, with the oddities ingest must meet (NFD names, an
# NFC/NFD twin pair, exact duplicates, one empty file).
# Usage: bash corpus_test.sh PATH/TO/hoso_corpus [SCALE]   (ctest label: bench)
set -euo pipefail
bin=$1
scale=${2:-0.01}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hoso-corpus-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C  # byte order and byte-wise matching: names are compared as the disk holds them
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Every entry with its type, mtime and (for files) size and sha256, sorted.
listing() {
  (cd "$1" && find . -type d -printf 'd %T@ %p\n' &&
    find . -type f -printf 'f %T@ %s %p\n') | sort
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}

"$bin" "$tmp/a" --scale "$scale" --seed 7 >/dev/null
"$bin" "$tmp/b" --scale "$scale" --seed 7 >/dev/null
listing "$tmp/a" >"$tmp/a.list"
listing "$tmp/b" >"$tmp/b.list"
cmp -s "$tmp/a.list" "$tmp/b.list" || fail "two runs with seed 7 differ: $(diff "$tmp/a.list" "$tmp/b.list" | head -3)"
cd "$tmp/a"

# Layout: Tiêu chuẩn N/Tiêu chí N.M/[Năm học YYYY-YYYY/][HN-N.M-SS ]<title>.<ext>
layout='^\./Tiêu chuẩn ([1-5])/Tiêu chí \1\.([0-9]+)/(Năm học 20[0-9]{2}-20[0-9]{2}/)?(H\1-\1\.\2-[0-9]{2,3} )?[^/]+\.(jpg|pdf|docx|txt)$'
odd=$(find . -type f | grep -cvE "$layout" || true)
[ "$odd" -eq 0 ] || fail "$odd paths outside the layout, e.g. $(find . -type f | grep -vE "$layout" | head -1)"
[ "$(find . -mindepth 2 -maxdepth 2 -type d | wc -l)" -eq 28 ] || fail "not 28 criterion folders"
for ext in jpg pdf docx txt; do
  [ -n "$(find . -name "*.$ext" | head -1)" ] || fail "no .$ext file"
done
# Formats by their magic numbers: JPEG SOI, %PDF, a zip's local header.
magic() { find . -name "*.$1" -size +0 -print0 | xargs -0 -n1 sh -c 'head -c 4 "$0" | od -An -tx1' | sort -u | tr -d ' '; }
[ "$(magic jpg | cut -c1-6)" = ffd8ff ] || fail "a .jpg does not start with FF D8 FF"
[ "$(magic pdf)" = 25504446 ] || fail "a .pdf does not start with %PDF"
[ "$(magic docx)" = 504b0304 ] || fail "a .docx is not a zip"

# Exact duplicates: one non-empty content at two paths.
empty_sha=$(sha256sum </dev/null | cut -d' ' -f1)
dups=$(grep -v "^$empty_sha" "$tmp/a.list" | grep -E '^[0-9a-f]{64}  ' | cut -c1-64 | sort | uniq -d | wc -l)
[ "$dups" -ge 1 ] || fail "no exact duplicate"
[ "$(find . -type f -empty | wc -l)" -eq 1 ] || fail "not exactly one empty file"

# NFD names and a twin pair: two names of one folder equal once normalized to NFC.
read -r nfd twins < <(find . -type f -print0 | perl -MEncode -MUnicode::Normalize -0ne '
  chomp; my ($dir, $name) = m{^(.*)/([^/]+)$}; my $u = decode_utf8($name);
  $nfd++ if NFC($u) ne $u; $seen{$dir . "/" . NFC($u)}++;
  END { print $nfd + 0, " ", scalar(grep { $_ > 1 } values %seen), "\n" }')
[ "$nfd" -ge 1 ] || fail "no NFD name"
[ "$twins" -ge 1 ] || fail "no NFC/NFD twin pair in one folder"

[ "$failures" -eq 0 ] || exit 1
echo "ok: $(find . -type f | wc -l) files, $nfd NFD names, $twins twin pair(s), $dups duplicated contents"
