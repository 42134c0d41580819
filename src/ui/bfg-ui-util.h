/* bfg-ui-util.h: small helpers the Connection and Dry-run pages share
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"
#include "bfg-models.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

void          bfg_ui_show_toast      (GtkWidget     *widget,
                                      const char    *text);
BfgWorkspace *bfg_ui_pick_workspace  (BfgWorkspace  *workspace,
                                      BfgEngine     *engine);
char         *bfg_ui_dup_actor_name  (BfgEngine     *engine,
                                      const char    *actor_id);
void          bfg_ui_follow_check    (BfgCheck     **check,
                                      BfgEngine     *engine,
                                      const char    *check_id,
                                      GCallback      on_state_cb,
                                      gpointer       widget);
gboolean      bfg_ui_trace_startup_enabled (void);
void          bfg_ui_trace_startup   (const char    *what);

G_END_DECLS
