#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps docs/fault-matrix.md true: every test it names must exist. A name
# is written in backticks in the last column of a row, as
#
#   `test-file`                  tests/<test-file>.c or .sh, anywhere
#                                under tests/, or a fuzz corpus file
#   `test-file:/glib/test/path`  and that file registers that path
#
# A row whose last column starts with "untested" names no test and is
# counted apart. TAP output, one line per name.

set -euo pipefail
export LC_ALL=C

srcdir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
matrix="$srcdir/docs/fault-matrix.md"
cd "$srcdir"

n=0
fail=0
faults=0
untested=0

report () {
  n=$((n + 1))
  if [ "$1" = ok ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    fail=1
  fi
}

find_test () {
  find tests -type f \( -name "$1.c" -o -name "$1.sh" -o -path "*/corpus/*/$1" \) \
    -print -quit
}

if [ ! -f "$matrix" ]; then
  report fail "docs/fault-matrix.md exists"
  echo "1..$n"
  exit 1
fi

# Rows of the tables whose first cell is a fault number such as F12.
while IFS= read -r row; do
  faults=$((faults + 1))
  id="$(sed -E 's/^\|[[:space:]]*(F[0-9]+).*/\1/' <<<"$row")"
  last="$(awk -F'|' '{ print $(NF - 1) }' <<<"$row")"

  if grep -qiE '^[[:space:]]*untested' <<<"$last"; then
    untested=$((untested + 1))
    continue
  fi

  names="$(grep -oE '`[^`]+`' <<<"$last" | tr -d '`' || true)"
  if [ -z "$names" ]; then
    report fail "$id names a test or says untested"
    continue
  fi

  while read -r name; do
    file="${name%%:*}"
    path=""
    [ "$file" != "$name" ] && path="${name#*:}"
    found="$(find_test "$file")"
    if [ -z "$found" ]; then
      report fail "$id: $file exists under tests/"
    elif [ -n "$path" ] && ! grep -qF "\"$path\"" "$found"; then
      report fail "$id: $found registers $path"
    else
      report ok "$id: $name"
    fi
  done <<<"$names"
done < <(grep -E '^\|[[:space:]]*F[0-9]+[[:space:]]*\|' "$matrix")

report "$([ "$faults" -gt 0 ] && echo ok || echo fail)" \
  "the matrix lists $faults faults, $((faults - untested)) tested"
echo "# faults: $faults, tested: $((faults - untested)), untested: $untested"
echo "1..$n"
exit "$fail"
