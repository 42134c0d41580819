#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A read-only workspace: the folder holding it is bind-mounted read-only,
# as a snapshot volume or a write-protected share would be. Reading must
# work; every write must be refused with a message that says the
# workspace is read-only; and not one byte of the folder may change,
# whether the workspace was closed cleanly or left with its -wal.
#
#   test-fault-read-only.sh BFGCTL
#
# It needs a private mount namespace (root, unshare -m), which the build
# root and CI have; elsewhere it skips.

BFGCTL="$1"

# Inside a chroot "/" is no mount point, so its propagation cannot be
# changed; the build root's namespace is private already, so keep it.
if [ -z "${BFG_PRIVATE_MOUNTS:-}" ]; then
  for propagation in private unchanged; do
    if [ "$(id -u)" -eq 0 ] &&
       unshare -m --propagation "$propagation" true 2>/dev/null; then
      BFG_PRIVATE_MOUNTS=1 exec unshare -m --propagation "$propagation" \
        "$0" "$@"
    fi
  done
  . "$(dirname "$0")/tap.sh"
  skip_all "a private mount namespace needs root and unshare -m"
fi

. "$(dirname "$0")/tap.sh"

rw="$tap_scratch/rw"
ro="$tap_scratch/ro"
mkdir -p "$rw" "$ro"

run_bfgctl --workspace "$rw/workspace.sqlite" demo
check "a demo workspace is written" [ "$rc" -eq 0 ]
run_bfgctl --workspace "$rw/workspace.sqlite" \
  accept provider-acceptance.liveProvider --as user_md_anna
check "one acceptance is written while it is writable" [ "$rc" -eq 0 ]

mount --bind "$rw" "$ro" && mount -o remount,bind,ro "$ro" ||
  skip_all "a read-only bind mount cannot be made here"
tap_cleanups+=("umount -l '$ro'")

ws="$ro/workspace.sqlite"
# Files only: opening the workspace through its writable path (for the
# export into the read-only folder) makes and removes -wal and -shm, which
# touches the folder's own mtime and nothing else.
fingerprint () {
  (cd "$rw" && find . -type f -printf '%p %m %s %T@\n' | sort &&
   find . -type f -exec sha256sum {} + | sort)
}
fingerprint > "$tap_scratch/before"

run_bfgctl --workspace "$ws" status
check "status reads a read-only workspace" [ "$rc" -eq 0 ]
run_bfgctl --workspace "$ws" audit verify
check "the audit chain verifies read-only" [ "$rc" -eq 0 ]
run_bfgctl --workspace "$ws" checks
check "checks are listed read-only" [ "$rc" -eq 0 ]

refused () {
  local what="$1"
  shift
  run_bfgctl --workspace "$ws" "$@"
  if [ "$rc" -eq 1 ] && grep -qi 'read-only\|read only' "$err"; then
    ok "$what is refused as read-only: $(head -n 1 "$err")"
  else
    not_ok "$what on a read-only workspace exits $rc"
    sed 's/^/# /' "$out" "$err"
  fi
}

refused "record" record cutover-checklist.roleHeadersMapped \
  --as user_dispatcher_marek
refused "accept" accept provider-acceptance.authRbacOwner --as user_md_anna
refused "revoke" revoke provider-acceptance.liveProvider --as user_md_anna
run_bfgctl --workspace "$rw/workspace.sqlite" snapshot export \
  "$tap_scratch/snapshot.json"
refused "snapshot import" snapshot import "$tap_scratch/snapshot.json" \
  --as user_md_anna

# Every export is recorded in the audit trail, so a read-only workspace
# refuses it too, before a single file is written.
refused "bundle export" export --out "$tap_scratch/bundle" --as user_md_anna
check "no bundle file is left behind" \
  [ -z "$(find "$tap_scratch/bundle" -type f 2>/dev/null)" ]
run_bfgctl --workspace "$rw/workspace.sqlite" export --out "$ro/bundle" \
  --as user_md_anna
if [ "$rc" -eq 1 ] && [ -s "$err" ]; then
  ok "a bundle export into the read-only folder is refused: $(head -n 1 "$err")"
else
  not_ok "a bundle export into the read-only folder exits $rc"
fi

fingerprint > "$tap_scratch/after"
check "no byte of the read-only folder changed" \
  cmp -s "$tap_scratch/before" "$tap_scratch/after"

tap_done
