#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file holding translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
# TAP output, one line per problem.

set -euo pipefail
export LC_ALL=C

srcdir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$srcdir"

listed="$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in | sort -u)"

wanted="$( {
  grep -rlE '(^|[^A-Za-z0-9_])(N_|_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
    --include='*.c' src 2>/dev/null || true
  grep -rl 'translatable="yes"' --include='*.ui' resources 2>/dev/null || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u)"

n=0
fail=0
report () {
  n=$((n + 1))
  if [ "$1" = ok ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    fail=1
  fi
}

while read -r f; do
  [ -n "$f" ] || continue
  if grep -qxF "$f" <<<"$listed"; then
    report ok "$f is in POTFILES.in"
  else
    report fail "$f has translatable strings but is missing from po/POTFILES.in"
  fi
done <<<"$wanted"

while read -r f; do
  [ -n "$f" ] || continue
  if [ ! -f "$f" ]; then
    report fail "po/POTFILES.in names $f, which does not exist"
  fi
done <<<"$listed"

if [ "$(sort <<<"$listed")" != "$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in)" ]; then
  report fail "po/POTFILES.in is not sorted"
else
  report ok "po/POTFILES.in is sorted"
fi

echo "1..$n"
exit "$fail"
