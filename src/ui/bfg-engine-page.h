/* bfg-engine-page.h: a navigation page that shows one engine's state
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"

G_BEGIN_DECLS

#define BFG_TYPE_ENGINE_PAGE (bfg_engine_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (BfgEnginePage, bfg_engine_page, BFG, ENGINE_PAGE, AdwNavigationPage)

struct _BfgEnginePageClass
{
  AdwNavigationPageClass parent_class;
};

BfgEngine *bfg_engine_page_get_engine (BfgEnginePage *self);

G_END_DECLS
