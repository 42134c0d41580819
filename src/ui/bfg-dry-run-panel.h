/* bfg-dry-run-panel.h: runs the adapter dry-run and shows its five steps
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-dry-run.h"
#include "bfg-engine.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

#define BFG_TYPE_DRY_RUN_PANEL (bfg_dry_run_panel_get_type ())

G_DECLARE_FINAL_TYPE (BfgDryRunPanel, bfg_dry_run_panel, BFG, DRY_RUN_PANEL, AdwBin)

GtkWidget       *bfg_dry_run_panel_new          (BfgEngine      *engine,
                                                 const char     *actor_id);
BfgWorkspace    *bfg_dry_run_panel_get_workspace (BfgDryRunPanel *self);
void             bfg_dry_run_panel_set_workspace (BfgDryRunPanel *self,
                                                  BfgWorkspace   *workspace);
BfgEngine       *bfg_dry_run_panel_get_engine   (BfgDryRunPanel *self);
void             bfg_dry_run_panel_set_engine   (BfgDryRunPanel *self,
                                                 BfgEngine      *engine);
const char      *bfg_dry_run_panel_get_actor_id (BfgDryRunPanel *self);
void             bfg_dry_run_panel_set_actor_id (BfgDryRunPanel *self,
                                                 const char     *actor_id);
gboolean         bfg_dry_run_panel_get_busy     (BfgDryRunPanel *self);
BfgDryRunResult *bfg_dry_run_panel_get_result   (BfgDryRunPanel *self);

G_END_DECLS
