/* bfg-audit-item.h: one audit event as a list item
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bfg-audit.h"

G_BEGIN_DECLS

#define BFG_TYPE_AUDIT_ITEM (bfg_audit_item_get_type ())

G_DECLARE_FINAL_TYPE (BfgAuditItem, bfg_audit_item, BFG, AUDIT_ITEM, GObject)

BfgAuditItem *bfg_audit_item_new          (const BfgAuditEvent *event);
gint64        bfg_audit_item_get_seq      (BfgAuditItem        *self);
const char   *bfg_audit_item_get_seq_text (BfgAuditItem        *self);
const char   *bfg_audit_item_get_time     (BfgAuditItem        *self);
const char   *bfg_audit_item_get_local_time (BfgAuditItem      *self);
const char   *bfg_audit_item_get_actor    (BfgAuditItem        *self);
const char   *bfg_audit_item_get_action   (BfgAuditItem        *self);
const char   *bfg_audit_item_get_check    (BfgAuditItem        *self);
const char   *bfg_audit_item_get_detail   (BfgAuditItem        *self);
const char   *bfg_audit_item_get_hash     (BfgAuditItem        *self);

G_END_DECLS
