#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The endpoint password lives in the keyring and nowhere else. A known
# password is stored through the real keyring, then every command that
# touches the endpoint runs with all debug messages on: endpoint set,
# probe, dry-run, export, snapshot export, packet, audit list and status,
# in text and JSON. Every byte they wrote is then searched for the
# password, plainly and base64-encoded: the workspace and its -wal (kept
# alive by a second connection, so that it is not checkpointed away), the
# exports, and the commands' stdout and stderr. One hit fails the test.
#
#   test-secret-hygiene.sh BFGCTL
#
# Needs build-aux/test-services (postgres, keyring).

BFGCTL="$1"
. "$(dirname "$0")/tap.sh"

[ -n "${BFG_TEST_PG_PASSWORD:-}" ] ||
  skip_all "no PostgreSQL from build-aux/test-services"
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] ||
  skip_all "no keyring from build-aux/test-services"
command -v sqlite3 >/dev/null || skip_all "the sqlite3 shell is not installed"
for command in endpoint probe dry-run; do
  if ! "$BFGCTL" --help 2>&1 | grep -q "^  $command "; then
    # Not a missing service: the command itself is not built yet.
    echo "1..0 # SKIP bfgctl has no $command command"
    exit 0
  fi
done

password="$BFG_TEST_PG_PASSWORD"
password_b64="$(printf '%s' "$password" | base64 -w0 | tr -d '=')"
ws="$tap_scratch/workspace/workspace.sqlite"
logs="$tap_scratch/logs"
mkdir -p "$logs"
export G_MESSAGES_DEBUG=all

step=0
# logged ARGS...: runs bfgctl, keeps its output, and never feeds it the
# password unless asked through the PASSWORD_STDIN variable.
logged () {
  step=$((step + 1))
  if [ -n "${PASSWORD_STDIN:-}" ]; then
    printf '%s\n' "$password" |
      "$BFGCTL" --workspace "$ws" "$@" >"$logs/$step.out" 2>"$logs/$step.err"
  else
    "$BFGCTL" --workspace "$ws" "$@" </dev/null \
      >"$logs/$step.out" 2>"$logs/$step.err"
  fi
  rc=$?
  if [ "$rc" -eq 86 ] || [ "$rc" -gt 128 ]; then
    not_ok "bfgctl $* crashed or a sanitizer reported (exit $rc)"
    sed 's/^/# /' "$logs/$step.err" | tail -n 30
  fi
}

logged demo
check "a demo workspace is written" [ "$rc" -eq 0 ]

# A second connection keeps the -wal from being checkpointed and removed
# when each bfgctl closes the workspace.
mkfifo "$tap_scratch/hold"
sqlite3 "$ws" <"$tap_scratch/hold" >/dev/null 2>&1 &
holder=$!
exec 9>"$tap_scratch/hold"
echo "select count(*) from audit_events;" >&9
tap_cleanups+=("exec 9>&-; kill $holder")

PASSWORD_STDIN=1 logged endpoint set --host "$BFG_TEST_PG_HOST" \
  --port "$BFG_TEST_PG_PORT" --database "$BFG_TEST_PG_DATABASE" \
  --user "$BFG_TEST_PG_USER" --sslmode verify-full \
  --ca-file "$BFG_TEST_PG_CA" --password-stdin --as user_md_anna
check "the endpoint is set and its password stored in the keyring" \
  [ "$rc" -eq 0 ]

# The probe and the dry-run take the password from the keyring. They may
# refuse on this server's schema; what matters is what they wrote.
logged probe --as user_md_anna
check "the probe ran (exit $rc)" [ "$rc" -le 1 ]
# Past TLS and into the session step without an authentication failure:
# the keyring's password was looked up and used to log in.
check "the probe logged in with the keyring's password" \
  grep -q '^tls  *pass' "$logs/$step.out"
check "the server did not refuse the password" \
  sh -c "! grep -qi 'password authentication failed' '$logs/$step.out'"
logged probe --as user_md_anna --json
logged dry-run --as user_md_anna
check "the dry-run ran (exit $rc)" [ "$rc" -le 1 ]
logged dry-run --as user_md_anna --json
logged export --out "$tap_scratch/bundle" --as user_md_anna
check "a review bundle is exported" [ "$rc" -eq 0 ]
logged snapshot export "$tap_scratch/snapshot.json"
logged packet ProductionAdapterConnection
logged packet ProductionAdapterConnection --json
logged audit list
logged audit list --json
logged status
logged status --json

check "the workspace's -wal was kept for the search" [ -s "$ws-wal" ]

# Search everything written, file by file, so a hit names its file.
hits=0
searched=0
while IFS= read -r -d '' file; do
  searched=$((searched + 1))
  if grep -aqF -e "$password" -e "$password_b64" "$file"; then
    hits=$((hits + 1))
    diag "the password is in $file"
  fi
done < <(find "$tap_scratch" -type f ! -name hold -print0)
check "the password is in none of the $searched files written" \
  [ "$hits" -eq 0 ]
check "the search covered the workspace, the -wal, the exports and logs" \
  [ "$searched" -ge 20 ]

tap_done
