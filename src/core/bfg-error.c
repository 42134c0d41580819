/* bfg-error.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bfg-error.h"

G_DEFINE_QUARK (bfg-workspace-error-quark, bfg_workspace_error)
G_DEFINE_QUARK (bfg-rbac-error-quark, bfg_rbac_error)
G_DEFINE_QUARK (bfg-check-error-quark, bfg_check_error)
G_DEFINE_QUARK (bfg-audit-error-quark, bfg_audit_error)
G_DEFINE_QUARK (bfg-endpoint-error-quark, bfg_endpoint_error)
G_DEFINE_QUARK (bfg-secret-error-quark, bfg_secret_error)
G_DEFINE_QUARK (bfg-probe-error-quark, bfg_probe_error)
G_DEFINE_QUARK (bfg-snapshot-error-quark, bfg_snapshot_error)
G_DEFINE_QUARK (bfg-dry-run-error-quark, bfg_dry_run_error)
G_DEFINE_QUARK (bfg-bundle-error-quark, bfg_bundle_error)
G_DEFINE_QUARK (bfg-packet-error-quark, bfg_packet_error)
