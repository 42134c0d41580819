/* bfg-engine.h: the one engine that computes readiness
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bfg-types.h"
#include "bfg-workspace.h"

G_BEGIN_DECLS

/**
 * BfgValueProvider:
 * @workspace: the workspace being evaluated
 * @eval: the evaluation in progress; query it with the bfg_eval_*()
 *   accessors instead of starting another evaluation
 * @name: the packet name, such as "ProductionRollbackDrill.v1"
 * @user_data: the data given to bfg_engine_set_value_provider()
 *
 * Computes the value an %BFG_CHECK_KIND_ACCEPT_PACKET check binds: the
 * packet's checksum. Return %NULL to fall back to the core's own digest.
 *
 * Returns: (transfer full) (nullable): the value
 */
typedef char *(*BfgValueProvider) (BfgWorkspace *workspace,
                                   BfgEval      *eval,
                                   const char   *name,
                                   gpointer      user_data);

void           bfg_engine_set_value_provider (BfgValueProvider  provider,
                                              gpointer          user_data);

/* One evaluation of the plan over the workspace's current state. */
BfgEval       *bfg_eval_new                  (BfgWorkspace     *workspace,
                                              GError          **error);
void           bfg_eval_free                 (BfgEval          *eval);
BfgCheckState  bfg_eval_get_check_state      (BfgEval          *eval,
                                              const char       *check_id);
const char    *bfg_eval_get_check_value      (BfgEval          *eval,
                                              const char       *check_id);
const char    *bfg_eval_get_decision         (BfgEval          *eval,
                                              const char       *decision_id);
void           bfg_eval_get_section_counts   (BfgEval          *eval,
                                              const char       *section_id,
                                              guint            *ready,
                                              guint            *total);
BfgCheckState  bfg_eval_get_section_state    (BfgEval          *eval,
                                              const char       *section_id);
const char    *bfg_eval_get_session_value    (BfgEval          *eval,
                                              const char       *key);
gboolean       bfg_eval_is_production_go     (BfgEval          *eval);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgEval, bfg_eval_free)

#define BFG_TYPE_ENGINE (bfg_engine_get_type ())

G_DECLARE_FINAL_TYPE (BfgEngine, bfg_engine, BFG, ENGINE, GObject)

BfgEngine     *bfg_engine_new                (BfgWorkspace     *workspace,
                                              GError          **error);
BfgWorkspace  *bfg_engine_get_workspace      (BfgEngine        *self);
gboolean       bfg_engine_refresh            (BfgEngine        *self,
                                              GError          **error);

GListModel    *bfg_engine_get_sections       (BfgEngine        *self);
BfgSection    *bfg_engine_get_section        (BfgEngine        *self,
                                              const char       *section_id);
BfgCheck      *bfg_engine_get_check          (BfgEngine        *self,
                                              const char       *check_id);
GListModel    *bfg_engine_get_actors         (BfgEngine        *self);
GListModel    *bfg_engine_get_providers      (BfgEngine        *self);
BfgDecisions  *bfg_engine_get_decisions      (BfgEngine        *self);

BfgCheckState  bfg_engine_get_check_state    (BfgEngine        *self,
                                              const char       *check_id);
const char    *bfg_engine_get_decision       (BfgEngine        *self,
                                              const char       *decision_id);
guint          bfg_engine_get_integration_percent (BfgEngine   *self);
gboolean       bfg_engine_is_production_go   (BfgEngine        *self);

char          *bfg_engine_dup_bound_checksum (BfgEngine        *self,
                                              const char       *check_id,
                                              char            **value);
gboolean       bfg_engine_can_act            (BfgEngine        *self,
                                              const char       *actor_id,
                                              const char       *check_id,
                                              BfgAction         action,
                                              char            **why);

G_END_DECLS
