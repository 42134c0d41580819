#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bfgctl's text output in Spanish has no English left, identifiers apart.
# Runs the built bfgctl on a fresh demo workspace with LANGUAGE=es and
# looks for English words of its msgids in what it prints. Identifiers
# (section, decision, check and command ids, packet names, modes, env
# keys) stay as they are, so they are removed before looking. TAP output.
#
# Usage: check-bfgctl-es.sh BFGCTL
# BFG_LOCALEDIR (set by tests/meson.build) names the build's po folder.

set -uo pipefail

bfgctl="${1:?usage: check-bfgctl-es.sh BFGCTL}"

# glibc ignores LANGUAGE under the C and C.UTF-8 locales, so a real
# locale is needed: Spanish if installed (it also groups digits), else any.
export LANGUAGE=es
unset LANG
for candidate in es_ES.UTF-8 en_US.UTF-8 ''; do
  if [ -z "$candidate" ]; then
    echo "1..0 # SKIP no UTF-8 locale but C is installed (install locales-all)"
    exit 77
  fi
  if LC_ALL="$candidate" locale 2>&1 | grep -q 'Cannot set'; then
    continue
  fi
  export LC_ALL="$candidate"
  break
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/workspace.sqlite"

# English words from bfgctl's msgids and the plan's titles that never
# occur in Spanish text. Matched whole and case-insensitively.
english='the|and|of|is|are|with|for|before|after|yet|lacks|cannot|already|accepted|refused|missing|found|no write|ready|next|blocked|review|stale|check|checks|gate|gates|evidence|action|recommended|sections?|decisions?|record|write|production|integration|usage|commands|show|list|verify|export|exported|import|imported|adapter|migration|rollback|release|handoff|cutover|batch|batches|environments|provider|contracts|connection|drill|snapshot|rows|checksum|needs|takes|arguments|unknown|there|workspace|events?|intact|wrote'

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

# Identifiers out: the first column of indented id lists (section,
# decision and command ids), tokens with . _ / : digits or arrows (check
# ids, packet names, paths, counts, modes such as file-local), and
# upper-case codes (NO-GO, BLOCKED_PENDING_DRY_RUN, RBAC).
strip_identifiers () {
  sed -E -e 's/^  [a-z][a-z-]+ //' \
         -e 's/[^[:space:]]*[._/:0-9→@][^[:space:]]*//g' \
         -e 's/(^|[^[:alnum:]])[a-z]+(-[a-z]+)+/\1/g' \
         -e 's/\<[A-Z][A-Z-]+\>//g' \
         -e 's/--[a-z-]+//g'
}

# Runs bfgctl with the arguments, stdout and stderr together, and reports
# on its Spanish.
check_output () {
  local name="$1"
  shift
  local out="$tmp/out.txt"
  local leftovers

  "$bfgctl" --workspace "$ws" "$@" >"$out" 2>&1
  leftovers="$(strip_identifiers <"$out" | grep -inwE "$english")"
  if [ ! -s "$out" ]; then
    report fail "bfgctl $name printed nothing"
  elif [ -n "$leftovers" ]; then
    sed 's/^/# /' "$out"
    echo "# English left (after removing identifiers):"
    sed 's/^/#   /' <<<"$leftovers"
    report fail "bfgctl $name is in Spanish"
  else
    report ok "bfgctl $name is in Spanish"
  fi
}

if ! "$bfgctl" --workspace "$ws" demo >"$tmp/demo.txt" 2>&1; then
  sed 's/^/# /' "$tmp/demo.txt"
  echo "Bail out! bfgctl demo failed"
  exit 1
fi

# The catalogue really is in use: the status speaks Spanish.
"$bfgctl" --workspace "$ws" status >"$tmp/status.txt" 2>&1
if grep -q 'Acción recomendada' "$tmp/status.txt"; then
  report ok "LANGUAGE=es bfgctl status uses the Spanish catalogue"
else
  sed 's/^/# /' "$tmp/status.txt"
  report fail "LANGUAGE=es bfgctl status uses the Spanish catalogue (is BFG_LOCALEDIR set?)"
fi

check_output status status
check_output checks checks
check_output "checks --section connection" checks --section connection
check_output --help --help
check_output "audit verify" audit verify
check_output "an unknown section" checks --section nope
check_output "a refusal" accept connection.reachability --as driver_tarasenko
check_output "snapshot export" snapshot export "$tmp/snapshot.json"

echo "1..$n"
exit "$fail"
