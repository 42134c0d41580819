/* bfg-sidebar-row.h: one page in the sidebar, with its ready/total badge
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bfg-models.h"

G_BEGIN_DECLS

#define BFG_TYPE_SIDEBAR_ROW (bfg_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (BfgSidebarRow, bfg_sidebar_row, BFG, SIDEBAR_ROW, GtkListBoxRow)

GtkWidget  *bfg_sidebar_row_new         (const char    *page_id,
                                         const char    *title,
                                         const char    *group,
                                         BfgSection    *section);
const char *bfg_sidebar_row_get_page_id (BfgSidebarRow *self);
const char *bfg_sidebar_row_get_group   (BfgSidebarRow *self);
const char *bfg_sidebar_row_get_badge   (BfgSidebarRow *self);

G_END_DECLS
