# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the hardening scripts: TAP output, a scratch folder that is
# removed whatever happens, and bfgctl run with its exit status and both
# output streams kept for the assertions.

set -uo pipefail
export LC_ALL=C.UTF-8

tap_n=0
tap_failed=0
tap_scratch="$(mktemp -d "${TMPDIR:-/tmp}/bfg-hardening.XXXXXX")"
chmod 0700 "$tap_scratch"
tap_cleanups=()

tap_cleanup () {
  local c
  for c in "${tap_cleanups[@]:-}"; do
    [ -n "$c" ] && eval "$c" >/dev/null 2>&1 || true
  done
  rm -rf "$tap_scratch"
}
trap tap_cleanup EXIT

ok () {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $*"
}

not_ok () {
  tap_n=$((tap_n + 1))
  tap_failed=1
  echo "not ok $tap_n - $*"
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check () {
  local what="$1"
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}

diag () {
  printf '%s\n' "$@" | sed 's/^/# /'
}

# Skip the whole test (a TAP plan of 0 with SKIP; meson reads exit 77 as
# an error under the TAP protocol), or fail it when CI requires it.
skip_all () {
  if [ "${BFG_TEST_REQUIRE_SERVICES:-}" = 1 ]; then
    echo "Bail out! required but unavailable: $*"
    exit 1
  fi
  echo "1..0 # SKIP $*"
  exit 0
}

# run_bfgctl ARGS...: runs bfgctl; sets $rc, $out and $err. A sanitizer
# report (exit 86) is never an expected refusal.
run_bfgctl () {
  out="$tap_scratch/stdout"
  err="$tap_scratch/stderr"
  "$BFGCTL" "$@" >"$out" 2>"$err"
  rc=$?
  if [ "$rc" -eq 86 ] || [ "$rc" -gt 128 ]; then
    not_ok "bfgctl $* crashed or a sanitizer reported (exit $rc)"
    sed 's/^/# /' "$err"
  fi
  return 0
}

tap_done () {
  echo "1..$tap_n"
  exit "$tap_failed"
}
