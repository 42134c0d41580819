/* bfg-connection-form.h: the adapter endpoint, its password and the probe
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"
#include "bfg-probe.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

#define BFG_TYPE_CONNECTION_FORM (bfg_connection_form_get_type ())

G_DECLARE_FINAL_TYPE (BfgConnectionForm, bfg_connection_form, BFG, CONNECTION_FORM, AdwBin)

GtkWidget      *bfg_connection_form_new                (BfgEngine         *engine,
                                                        const char        *actor_id);
BfgWorkspace   *bfg_connection_form_get_workspace      (BfgConnectionForm *self);
void            bfg_connection_form_set_workspace      (BfgConnectionForm *self,
                                                        BfgWorkspace      *workspace);
BfgEngine      *bfg_connection_form_get_engine         (BfgConnectionForm *self);
void            bfg_connection_form_set_engine         (BfgConnectionForm *self,
                                                        BfgEngine         *engine);
const char     *bfg_connection_form_get_actor_id       (BfgConnectionForm *self);
void            bfg_connection_form_set_actor_id       (BfgConnectionForm *self,
                                                        const char        *actor_id);
gboolean        bfg_connection_form_get_busy           (BfgConnectionForm *self);
gboolean        bfg_connection_form_get_session_only   (BfgConnectionForm *self);
BfgProbeResult *bfg_connection_form_get_result         (BfgConnectionForm *self);

G_END_DECLS
