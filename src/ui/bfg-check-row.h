/* bfg-check-row.h: one check in a section's list
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bfg-models.h"

G_BEGIN_DECLS

#define BFG_TYPE_CHECK_ROW (bfg_check_row_get_type ())

G_DECLARE_FINAL_TYPE (BfgCheckRow, bfg_check_row, BFG, CHECK_ROW, GtkListBoxRow)

GtkWidget *bfg_check_row_new       (BfgCheck    *check);
BfgCheck  *bfg_check_row_get_check (BfgCheckRow *self);
GtkWidget *bfg_check_row_get_pill  (BfgCheckRow *self);

G_END_DECLS
