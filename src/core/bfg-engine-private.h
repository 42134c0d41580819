/* bfg-engine-private.h: what the workspace's transitions need from an
 * evaluation
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-engine.h"
#include "bfg-plan.h"

G_BEGIN_DECLS

/* The stored evidence and acceptance of one check, as loaded. */
typedef struct
{
  gint64    evidence_id;
  char     *evidence_actor;
  char     *evidence_kind;
  gboolean  evidence_passed;
  char     *evidence_value;
  char     *evidence_detail;
  char     *evidence_checksum;
  char     *evidence_time;

  gint64    acceptance_id;
  char     *accepted_by;
  char     *bound_value;
  char     *bound_checksum;
  char     *accepted_at;
  char     *acceptance_note;
} BfgCheckFacts;

const BfgCheckFacts *bfg_eval_get_facts          (BfgEval     *eval,
                                                  const char  *check_id);
char                *bfg_eval_dup_binding        (BfgEval     *eval,
                                                  const char  *check_id,
                                                  char       **value);
gboolean             bfg_eval_check_action       (BfgEval     *eval,
                                                  const char  *actor_id,
                                                  const char  *check_id,
                                                  BfgAction    action,
                                                  GError     **error);
const char          *bfg_eval_get_check_summary  (BfgEval     *eval,
                                                  const char  *check_id);
const char          *bfg_eval_get_check_detail   (BfgEval     *eval,
                                                  const char  *check_id);
const char          *bfg_eval_get_actor_name     (BfgEval     *eval,
                                                  const char  *actor_id);
guint                bfg_eval_get_integration_percent (BfgEval *eval);
void                 bfg_eval_get_recommended    (BfgEval     *eval,
                                                  const char **title,
                                                  const char **reason,
                                                  const char **check_id);
const char          *bfg_eval_get_last_write     (BfgEval     *eval);
gint64               bfg_eval_get_audit_count    (BfgEval     *eval);
GPtrArray           *bfg_eval_get_actor_rows     (BfgEval     *eval);
GPtrArray           *bfg_eval_get_provider_rows  (BfgEval     *eval);

/* One actor or provider row, as loaded. */
typedef struct
{
  char  *id;
  char  *name;
  char  *desk;
  char  *role;
  char **permissions;
} BfgActorRow;

typedef struct
{
  char *id;
  char *title;
  char *description;
  char *current_mode;
  char *target_mode;
} BfgProviderRow;

char *bfg_checksum_fields (const char *first_field,
                           ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
