/* bfg-audit-page.h: the audit trail, filtered and sorted
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bfg-audit-list.h"
#include "bfg-engine-page.h"

G_BEGIN_DECLS

#define BFG_TYPE_AUDIT_PAGE (bfg_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (BfgAuditPage, bfg_audit_page, BFG, AUDIT_PAGE, BfgEnginePage)

BfgAuditPage *bfg_audit_page_new      (BfgEngine    *engine);
BfgAuditList *bfg_audit_page_get_list (BfgAuditPage *self);
GtkScrolledWindow *bfg_audit_page_get_scrolled_window (BfgAuditPage *self);

G_END_DECLS
