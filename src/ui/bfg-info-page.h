/* bfg-info-page.h: a page of facts that are not checks
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BFG_TYPE_INFO_PAGE (bfg_info_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgInfoPage, bfg_info_page, BFG, INFO_PAGE, AdwNavigationPage)

BfgInfoPage *bfg_info_page_new       (const char       *tag,
                                      const char       *title,
                                      const char       *description);
void         bfg_info_page_add_group (BfgInfoPage      *self,
                                      AdwPreferencesGroup *group);

G_END_DECLS
