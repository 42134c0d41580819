#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A full disk: the workspace lives on a 2 MiB tmpfs that is then filled to
# the last page. Every write (record, accept, snapshot export, bundle
# export) must be refused with a message that says so; none may crash or
# leave half a change. Once space is freed the workspace must pass
# sqlite's integrity check and the audit chain must verify, with no event
# gained or lost.
#
#   test-fault-disk-full.sh BFGCTL
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

command -v sqlite3 >/dev/null || skip_all "the sqlite3 shell is not installed"

mnt="$tap_scratch/full"
mkdir -p "$mnt"
mount -t tmpfs -o size=2m,mode=0700 bfg-disk-full "$mnt" ||
  skip_all "tmpfs cannot be mounted here"
tap_cleanups+=("umount -l '$mnt'")

ws="$mnt/workspace.sqlite"
first_accept=(accept provider-acceptance.liveProvider --as user_md_anna)
marek_record=(record cutover-checklist.roleHeadersMapped
              --as user_dispatcher_marek --note "disk full")

run_bfgctl --workspace "$ws" demo
check "a demo workspace fits on the small disk" [ "$rc" -eq 0 ]

run_bfgctl --workspace "$ws" "${first_accept[@]}"
check "one acceptance is written before the disk fills" [ "$rc" -eq 0 ]

run_bfgctl --workspace "$ws" status
cp "$out" "$tap_scratch/status-before"
run_bfgctl --workspace "$ws" audit verify
cp "$out" "$tap_scratch/audit-before"
check "the audit chain verifies before the disk fills" [ "$rc" -eq 0 ]

# Fill to the last page: big blocks first, then the remainder.
dd if=/dev/zero of="$mnt/filler" bs=64k >/dev/null 2>&1
dd if=/dev/zero of="$mnt/filler-tail" bs=4k >/dev/null 2>&1
avail="$(df -k --output=avail "$mnt" | tail -n 1 | tr -d ' ')"
check "the disk is full ($avail KiB left)" [ "$avail" -eq 0 ]

# Each write must be refused, with a message, and exit 1 (not a crash).
refused () {
  local what="$1"
  shift
  run_bfgctl --workspace "$ws" "$@"
  if [ "$rc" -eq 1 ] && [ -s "$err" ]; then
    ok "$what is refused on a full disk: $(head -n 1 "$err")"
  else
    not_ok "$what on a full disk exits $rc"
    sed 's/^/# /' "$out" "$err"
  fi
}

refused "record" "${marek_record[@]}"
check "the refusal says the disk is full" grep -q "is full: free some space" "$err"
refused "revoke" revoke provider-acceptance.liveProvider --as user_md_anna
check "the refusal of the revoke says so too" grep -q "is full: free some space" "$err"
refused "snapshot export" snapshot export "$mnt/snapshot.json"
check "no partial snapshot is left behind" [ ! -s "$mnt/snapshot.json" ]
refused "bundle export" export --out "$mnt/bundle" --as user_md_anna

# Free the space and look at what is left.
rm -f "$mnt/filler" "$mnt/filler-tail" "$mnt/snapshot.json"
rm -rf "$mnt/bundle"

integrity="$(sqlite3 "file:$ws?mode=ro" 'pragma integrity_check' 2>&1)"
check "sqlite's integrity check passes afterwards ($integrity)" \
  [ "$integrity" = ok ]

run_bfgctl --workspace "$ws" audit verify
check "the audit chain still verifies" [ "$rc" -eq 0 ]
check "no audit event was gained or lost" \
  cmp -s "$out" "$tap_scratch/audit-before"

run_bfgctl --workspace "$ws" status
check "the status is what it was before the disk filled" \
  cmp -s "$out" "$tap_scratch/status-before"

run_bfgctl --workspace "$ws" "${marek_record[@]}"
check "with space again, the same record succeeds" [ "$rc" -eq 0 ]

tap_done
