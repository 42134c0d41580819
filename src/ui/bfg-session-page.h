/* bfg-session-page.h: the live session adapter
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"

G_BEGIN_DECLS

#define BFG_TYPE_SESSION_PAGE (bfg_session_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgSessionPage, bfg_session_page, BFG, SESSION_PAGE, AdwNavigationPage)

AdwNavigationPage *bfg_session_page_new        (BfgEngine *engine);
BfgEngine         *bfg_session_page_get_engine (BfgSessionPage *self);

G_END_DECLS
