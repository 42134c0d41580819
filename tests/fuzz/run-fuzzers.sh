#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every libFuzzer harness of a -Dfuzzing=true build for a fixed time.
#
#   tests/fuzz/run-fuzzers.sh BUILDDIR SECONDS [HARNESS...]
#
# Each harness starts from a copy of its seed corpus (the checked-in one
# stays as it is) and stops after SECONDS. A crash, leak or timeout fails
# the run; its input is kept in BUILDDIR/fuzz-artifacts/ and printed as
# base64, so that it can be added to tests/fuzz/corpus/<harness>/ as a
# regression test. The last line per harness gives its executions.

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
builddir="${1:?usage: $0 BUILDDIR SECONDS [HARNESS...]}"
seconds="${2:?usage: $0 BUILDDIR SECONDS [HARNESS...]}"
shift 2

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(fuzz-bundle-manifest fuzz-endpoint fuzz-snapshot-import
             fuzz-workspace-open)
fi

artifacts="$builddir/fuzz-artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/bfg-fuzz-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"

# The sanitizers' own verdict decides; leaks count as crashes.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export G_DEBUG=fatal-warnings
export GSETTINGS_BACKEND=memory

failed=0
for name in "${harnesses[@]}"; do
  exe="$builddir/tests/fuzz/$name"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $exe is missing; configure $builddir with -Dfuzzing=true" >&2
    exit 1
  fi

  mkdir -p "$work/$name"
  cp "$srcdir/tests/fuzz/corpus/$name/"* "$work/$name/"
  log="$artifacts/$name.log"

  # -timeout: one input taking 10 s is a hang worth reporting.
  # -rss_limit_mb: the machine has room, but a 2 GiB input is a bug.
  set +e
  "$exe" "$work/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/$name-" -print_final_stats=1 \
    >"$log" 2>&1
  status=$?
  set -e

  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "fuzz: $name FAILED (exit $status) after ${runs:-?} executions"
    grep -E 'ERROR|SUMMARY|runtime error|CRITICAL|WARNING|Test unit written' \
      "$log" | head -n 20 || true
    for crash in "$artifacts/$name-"*; do
      [ -f "$crash" ] || continue
      echo "fuzz: reproducer $crash (base64):"
      base64 "$crash" | head -n 40 || true
    done
  else
    echo "fuzz: $name ok: ${runs:-0} executions in $seconds s"
  fi
done

exit "$failed"
