/* bfg-rbac-page.h: actors, roles and their permissions
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_RBAC_PAGE (bfg_rbac_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgRbacPage, bfg_rbac_page, BFG, RBAC_PAGE, BfgEnginePage)

AdwNavigationPage *bfg_rbac_page_new (BfgEngine *engine);

G_END_DECLS
