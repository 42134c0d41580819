#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The workspace holds who signed what; its exports are what reviewers
# trust. Under a permissive umask (022, the usual one) the workspace, its
# folder and every export must still be made for their owner only:
# files 0600, folders 0700. A workspace that other users can write is
# opened, but with a warning that names the file and the fix.
#
#   test-workspace-permissions.sh BFGCTL

BFGCTL="$1"
. "$(dirname "$0")/tap.sh"

umask 022
dir="$tap_scratch/home/fresh-folder"
ws="$dir/workspace.sqlite"

mode () { stat -c %a "$1"; }

run_bfgctl --workspace "$ws" demo
check "a demo workspace is written" [ "$rc" -eq 0 ]
check "the workspace file is 0600 (it is $(mode "$ws"))" [ "$(mode "$ws")" = 600 ]
check "the folder made for it is 0700 (it is $(mode "$dir"))" \
  [ "$(mode "$dir")" = 700 ]

# The -wal and -shm files exist only while a writer is open: hold one
# open with sqlite3 and look at them.
if command -v sqlite3 >/dev/null; then
  run_bfgctl --workspace "$ws" accept provider-acceptance.liveProvider \
    --as user_md_anna
  mkfifo "$tap_scratch/hold"
  sqlite3 "$ws" <"$tap_scratch/hold" >/dev/null 2>&1 &
  holder=$!
  exec 9>"$tap_scratch/hold"
  # A write that is rolled back makes the -wal and -shm and leaves no row.
  echo "begin immediate;" \
       "insert into settings values ('bfg.test', 'x', 'now');" \
       "rollback; select 1;" >&9
  for _ in $(seq 1 50); do
    [ -e "$ws-wal" ] && break
    sleep 0.1
  done
  run_bfgctl --workspace "$ws" revoke provider-acceptance.liveProvider \
    --as user_md_anna
  for f in "$ws-wal" "$ws-shm"; do
    if [ -e "$f" ]; then
      check "$(basename "$f") is 0600 (it is $(mode "$f"))" [ "$(mode "$f")" = 600 ]
    else
      not_ok "$(basename "$f") was not there to check"
    fi
  done
  exec 9>&-
  wait "$holder" 2>/dev/null
fi

run_bfgctl --workspace "$ws" export --out "$tap_scratch/bundle" --as user_md_anna
check "a review bundle is exported" [ "$rc" -eq 0 ]
check "the bundle folder is 0700 (it is $(mode "$tap_scratch/bundle"))" \
  [ "$(mode "$tap_scratch/bundle")" = 700 ]
loose="$(find "$tap_scratch/bundle" -type f ! -perm 0600 | wc -l)"
check "every bundle file is 0600 ($loose are not)" [ "$loose" -eq 0 ]

run_bfgctl --workspace "$ws" snapshot export "$tap_scratch/snapshot.json"
check "a snapshot is exported" [ "$rc" -eq 0 ]
# The snapshot holds every scenario row: the same rule as the bundle.
check "the snapshot file is 0600 (it is $(mode "$tap_scratch/snapshot.json"))" \
  [ "$(mode "$tap_scratch/snapshot.json")" = 600 ]

# Others can write it: open it anyway, but say so.
chmod 0666 "$ws"
run_bfgctl --workspace "$ws" status
check "a workspace others can write still opens" [ "$rc" -eq 0 ]
check "opening it warns: $(head -n 1 "$err")" \
  grep -qi 'permission\|others can\|writable\|0666\|chmod' "$err"
chmod 0600 "$ws"

tap_done
