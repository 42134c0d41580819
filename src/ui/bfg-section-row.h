/* bfg-section-row.h: a row that sums up a section and opens it
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-models.h"

G_BEGIN_DECLS

#define BFG_TYPE_SECTION_ROW (bfg_section_row_get_type ())

G_DECLARE_FINAL_TYPE (BfgSectionRow, bfg_section_row, BFG, SECTION_ROW, AdwActionRow)

BfgSection *bfg_section_row_get_section (BfgSectionRow *self);
void        bfg_section_row_set_section (BfgSectionRow *self,
                                         BfgSection    *section);

G_END_DECLS
