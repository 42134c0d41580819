/* bfg-providers-page.h: the local-to-production provider contracts
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_PROVIDERS_PAGE (bfg_providers_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgProvidersPage, bfg_providers_page, BFG, PROVIDERS_PAGE, BfgEnginePage)

AdwNavigationPage *bfg_providers_page_new (BfgEngine *engine);

G_END_DECLS
