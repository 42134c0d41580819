/* bfg-window.h
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-application.h"
#include "bfg-engine.h"

G_BEGIN_DECLS

#define BFG_TYPE_WINDOW (bfg_window_get_type ())

G_DECLARE_FINAL_TYPE (BfgWindow, bfg_window, BFG, WINDOW, AdwApplicationWindow)

BfgWindow         *bfg_window_new              (BfgApplication *application,
                                                const char     *workspace_path);
BfgEngine         *bfg_window_get_engine       (BfgWindow      *self);
const char        *bfg_window_get_actor_id     (BfgWindow      *self);
void               bfg_window_open_workspace   (BfgWindow      *self,
                                                const char     *path,
                                                gboolean        create);
AdwNavigationPage *bfg_window_get_visible_page (BfgWindow      *self);
AdwNavigationPage *bfg_window_get_page         (BfgWindow      *self,
                                                const char     *page_id);
const char * const *bfg_window_get_page_ids    (void);
GtkWidget         *bfg_window_get_sidebar_row  (BfgWindow      *self,
                                                const char     *page_id);

G_END_DECLS
