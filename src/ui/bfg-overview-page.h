/* bfg-overview-page.h: the readiness dashboard
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_OVERVIEW_PAGE (bfg_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgOverviewPage, bfg_overview_page, BFG, OVERVIEW_PAGE, BfgEnginePage)

AdwNavigationPage *bfg_overview_page_new (BfgEngine *engine);
GtkListBox        *bfg_overview_page_get_gates_list (BfgOverviewPage *self);
GtkWidget         *bfg_overview_page_get_production_pill (BfgOverviewPage *self);

G_END_DECLS
