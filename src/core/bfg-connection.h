/* bfg-connection.h: the adapter connection, tied to a workspace
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-endpoint.h"
#include "bfg-probe.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

/* The workspace setting that holds the endpoint as a redacted URI (with
 * the CA file as sslrootcert when there is one). Never a password. */
#define BFG_CONNECTION_ENDPOINT_SETTING "connection.endpoint"

gboolean          bfg_connection_save_endpoint           (BfgWorkspace    *workspace,
                                                          const char      *actor_id,
                                                          BfgEndpoint     *endpoint,
                                                          GError         **error);
BfgEndpoint      *bfg_connection_load_endpoint           (BfgWorkspace    *workspace,
                                                          GError         **error);
char             *bfg_connection_dup_pinned_fingerprint  (BfgWorkspace    *workspace);
char             *bfg_connection_dup_tenant_id           (BfgWorkspace    *workspace);
BfgProbeOptions  *bfg_connection_prepare_probe           (BfgWorkspace    *workspace,
                                                          GError         **error);
gboolean          bfg_connection_record_result           (BfgWorkspace    *workspace,
                                                          const char      *actor_id,
                                                          BfgProbeResult  *result,
                                                          GError         **error);

G_END_DECLS
