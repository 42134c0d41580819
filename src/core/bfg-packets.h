/* bfg-packets.h: the *.v1 packets, rendered deterministically from state
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bfg-error.h"
#include "bfg-types.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

#define BFG_PACKET_SCENARIO_SNAPSHOT  "BFGScenarioSnapshot.v1"
#define BFG_PACKET_MIGRATION_RUNBOOK  "ProductionAdapterMigrationRunbook.v1"
#define BFG_PACKET_DATA_CUTOVER_PLAN  "ProductionDataCutoverPlan.v1"
#define BFG_PACKET_CONNECTION         "ProductionAdapterConnection.v1"
#define BFG_PACKET_DRY_RUN            "ProductionAdapterDryRun.v1"
#define BFG_PACKET_MIGRATION_PREFLIGHT "ProductionAdapterMigrationPreflight.v1"
#define BFG_PACKET_RELEASE_HANDOFF    "ProductionReleaseHandoff.v1"
#define BFG_PACKET_ROLLBACK_DRILL     "ProductionRollbackDrill.v1"
#define BFG_PACKET_INFRASTRUCTURE     "ProductionInfrastructureDecision.v1"
#define BFG_PACKET_DB_AUTH_WIRING     "ProductionDbAuthAdapterWiring.v1"

/**
 * BfgPacket:
 *
 * One rendered packet: its text, its JSON form and its checksums. It is
 * immutable; render again to follow a changed workspace.
 */
typedef struct _BfgPacket BfgPacket;

#define BFG_TYPE_PACKET (bfg_packet_get_type ())
GType                bfg_packet_get_type          (void) G_GNUC_CONST;

BfgPacket           *bfg_packet_ref               (BfgPacket     *packet);
void                 bfg_packet_unref             (BfgPacket     *packet);

const char          *bfg_packet_get_name          (BfgPacket     *packet);
const char          *bfg_packet_get_text          (BfgPacket     *packet);
const char          *bfg_packet_get_json          (BfgPacket     *packet);
const char          *bfg_packet_get_checksum      (BfgPacket     *packet);
const char          *bfg_packet_get_sha256        (BfgPacket     *packet);
const char          *bfg_packet_get_field         (BfgPacket     *packet,
                                                   const char    *key);
guint                bfg_packet_get_n_lines       (BfgPacket     *packet);

BfgPacket           *bfg_packet_render            (BfgWorkspace  *workspace,
                                                   BfgEval       *eval,
                                                   const char    *name,
                                                   GError       **error);
BfgPacket           *bfg_packet_render_current    (BfgWorkspace  *workspace,
                                                   const char    *name,
                                                   GError       **error);
GPtrArray           *bfg_packets_render_all       (BfgWorkspace  *workspace,
                                                   BfgEval       *eval,
                                                   GError       **error);

const char * const  *bfg_packets_get_names        (void);
gboolean             bfg_packets_is_known         (const char    *name);
char                *bfg_packets_short_checksum   (const char    *data,
                                                   gsize          length);
void                 bfg_packets_register         (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgPacket, bfg_packet_unref)

G_END_DECLS
