/* bfg-status-pill.h: a check's state as icon, text and colour
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bfg-types.h"

G_BEGIN_DECLS

#define BFG_TYPE_STATUS_PILL (bfg_status_pill_get_type ())

G_DECLARE_FINAL_TYPE (BfgStatusPill, bfg_status_pill, BFG, STATUS_PILL, GtkWidget)

BfgCheckState  bfg_status_pill_get_state  (BfgStatusPill *self);
void           bfg_status_pill_set_state  (BfgStatusPill *self,
                                           BfgCheckState  state);
gboolean       bfg_status_pill_get_no_go  (BfgStatusPill *self);
void           bfg_status_pill_set_no_go  (BfgStatusPill *self,
                                           gboolean       no_go);
const char    *bfg_status_pill_get_text   (BfgStatusPill *self);

G_END_DECLS
