/* bfg-section-page.h: one section of the plan as a navigation page
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-models.h"

G_BEGIN_DECLS

#define BFG_TYPE_SECTION_PAGE (bfg_section_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgSectionPage, bfg_section_page, BFG, SECTION_PAGE, AdwNavigationPage)

BfgSectionPage *bfg_section_page_new         (BfgSection     *section);
BfgSection     *bfg_section_page_get_section (BfgSectionPage *self);
void            bfg_section_page_set_section (BfgSectionPage *self,
                                              BfgSection     *section);
BfgDecisions   *bfg_section_page_get_decisions (BfgSectionPage *self);
void            bfg_section_page_set_decisions (BfgSectionPage *self,
                                                BfgDecisions   *decisions);
GtkWidget      *bfg_section_page_get_traffic_row (BfgSectionPage *self);
GtkWidget      *bfg_section_page_get_extra   (BfgSectionPage *self);
void            bfg_section_page_set_extra   (BfgSectionPage *self,
                                              GtkWidget      *extra);
GtkListBox     *bfg_section_page_get_list    (BfgSectionPage *self);

G_END_DECLS
