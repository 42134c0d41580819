/* bfg-step-row.h: one step of a probe or a dry-run, as a row
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BFG_TYPE_STEP_ROW (bfg_step_row_get_type ())

G_DECLARE_FINAL_TYPE (BfgStepRow, bfg_step_row, BFG, STEP_ROW, AdwActionRow)

GtkWidget *bfg_step_row_new  (const char *step_id,
                              const char *title);
void       bfg_step_row_show (BfgStepRow *self,
                              const char *icon_name,
                              const char *style,
                              const char *status,
                              const char *subtitle,
                              const char *numbers);

G_END_DECLS
