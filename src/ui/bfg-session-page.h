/* bfg-session-page.h: the live session adapter
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_SESSION_PAGE (bfg_session_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgSessionPage, bfg_session_page, BFG, SESSION_PAGE, BfgEnginePage)

AdwNavigationPage *bfg_session_page_new (BfgEngine *engine);

G_END_DECLS
