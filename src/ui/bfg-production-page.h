/* bfg-production-page.h: the production go/no-go decision
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_PRODUCTION_PAGE (bfg_production_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgProductionPage, bfg_production_page, BFG, PRODUCTION_PAGE,
                      BfgEnginePage)

AdwNavigationPage *bfg_production_page_new (BfgEngine *engine);

G_END_DECLS
