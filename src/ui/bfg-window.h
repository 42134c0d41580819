/* bfg-window.h
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-application.h"

G_BEGIN_DECLS

#define BFG_TYPE_WINDOW (bfg_window_get_type ())

G_DECLARE_FINAL_TYPE (BfgWindow, bfg_window, BFG, WINDOW, AdwApplicationWindow)

BfgWindow *bfg_window_new (BfgApplication *application,
                           const char     *workspace_path);

G_END_DECLS
