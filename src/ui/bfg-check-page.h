/* bfg-check-page.h: one check, pushed as a detail page
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-engine.h"
#include "bfg-models.h"

G_BEGIN_DECLS

#define BFG_TYPE_CHECK_PAGE (bfg_check_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgCheckPage, bfg_check_page, BFG, CHECK_PAGE, AdwNavigationPage)

BfgCheckPage *bfg_check_page_new          (BfgEngine    *engine,
                                           BfgCheck     *check,
                                           const char   *actor_id);
BfgCheck     *bfg_check_page_get_check    (BfgCheckPage *self);
const char   *bfg_check_page_get_actor_id (BfgCheckPage *self);
void          bfg_check_page_set_actor_id (BfgCheckPage *self,
                                           const char   *actor_id);
gboolean      bfg_check_page_get_busy     (BfgCheckPage *self);
const char   *bfg_check_page_get_why_not  (BfgCheckPage *self,
                                           const char   *action_name);
void          bfg_check_page_set_choice   (BfgCheckPage *self,
                                           const char   *value);

G_END_DECLS
