/* bfg-audit-list.h: the audit trail as a lazily paged list model
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bfg-workspace.h"

G_BEGIN_DECLS

#define BFG_TYPE_AUDIT_LIST (bfg_audit_list_get_type ())

G_DECLARE_FINAL_TYPE (BfgAuditList, bfg_audit_list, BFG, AUDIT_LIST, GObject)

BfgAuditList *bfg_audit_list_new            (BfgWorkspace *workspace);
void          bfg_audit_list_set_actor      (BfgAuditList *self,
                                             const char   *actor_id);
void          bfg_audit_list_set_section    (BfgAuditList *self,
                                             const char   *section_id);
void          bfg_audit_list_set_check      (BfgAuditList *self,
                                             const char   *check_id);
void          bfg_audit_list_set_text       (BfgAuditList *self,
                                             const char   *text);
void          bfg_audit_list_set_descending (BfgAuditList *self,
                                             gboolean      descending);
gboolean      bfg_audit_list_get_descending (BfgAuditList *self);
void          bfg_audit_list_reload         (BfgAuditList *self);
gboolean      bfg_audit_list_get_loading    (BfgAuditList *self);

G_END_DECLS
