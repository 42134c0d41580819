/* bfg-ui-expressions.h: closures the page templates share
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"
#include "bfg-models.h"

G_BEGIN_DECLS

BfgSection   *bfg_ui_section_cb      (gpointer    self,
                                      BfgEngine  *engine,
                                      const char *section_id);
BfgCheck     *bfg_ui_check_cb        (gpointer    self,
                                      BfgEngine  *engine,
                                      const char *check_id);
BfgDecisions *bfg_ui_decisions_cb    (gpointer    self,
                                      BfgEngine  *engine);
char         *bfg_ui_session_cb      (gpointer    self,
                                      BfgEngine  *engine,
                                      const char *key);
gboolean      bfg_ui_has_text_cb     (gpointer    self,
                                      const char *text);
gboolean      bfg_ui_not_cb          (gpointer    self,
                                      gboolean    value);

void          bfg_ui_bind_expression_callbacks (GtkWidgetClass *widget_class);

G_END_DECLS
