/* bfg-application.h
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BFG_TYPE_APPLICATION (bfg_application_get_type ())

G_DECLARE_FINAL_TYPE (BfgApplication, bfg_application, BFG, APPLICATION, AdwApplication)

BfgApplication *bfg_application_new            (void);
const char     *bfg_application_get_workspace_path (BfgApplication *self);

G_END_DECLS
