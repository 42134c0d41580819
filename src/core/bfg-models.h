/* bfg-models.h: the objects the UI binds to
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine owns these objects and updates them in place when the
 * workspace changes; each notifies only the properties that really
 * changed, so the UI binds to them and never recomputes anything.
 */

#pragma once

#include <gio/gio.h>

#include "bfg-types.h"

G_BEGIN_DECLS

#define BFG_TYPE_CHECK (bfg_check_get_type ())
G_DECLARE_FINAL_TYPE (BfgCheck, bfg_check, BFG, CHECK, GObject)

const char         *bfg_check_get_id               (BfgCheck     *self);
const char         *bfg_check_get_title            (BfgCheck     *self);
const char         *bfg_check_get_description      (BfgCheck     *self);
const char         *bfg_check_get_section          (BfgCheck     *self);
const char         *bfg_check_get_owner            (BfgCheck     *self);
const char         *bfg_check_get_owner_name       (BfgCheck     *self);
const char         *bfg_check_get_permission       (BfgCheck     *self);
BfgCheckKind        bfg_check_get_kind             (BfgCheck     *self);
BfgCheckState       bfg_check_get_state            (BfgCheck     *self);
const char         *bfg_check_get_state_label      (BfgCheck     *self);
const char         *bfg_check_get_evidence_summary (BfgCheck     *self);
const char         *bfg_check_get_evidence_detail  (BfgCheck     *self);
const char         *bfg_check_get_value            (BfgCheck     *self);
const char * const *bfg_check_get_requires         (BfgCheck     *self);
const char         *bfg_check_get_recorded_by      (BfgCheck     *self);
const char         *bfg_check_get_accepted_by      (BfgCheck     *self);

#define BFG_TYPE_SECTION (bfg_section_get_type ())
G_DECLARE_FINAL_TYPE (BfgSection, bfg_section, BFG, SECTION, GObject)

const char         *bfg_section_get_id             (BfgSection   *self);
const char         *bfg_section_get_title          (BfgSection   *self);
const char         *bfg_section_get_description    (BfgSection   *self);
guint               bfg_section_get_ready          (BfgSection   *self);
guint               bfg_section_get_total          (BfgSection   *self);
BfgCheckState       bfg_section_get_state          (BfgSection   *self);
const char         *bfg_section_get_decision       (BfgSection   *self);
const char         *bfg_section_get_counts_label   (BfgSection   *self);
BfgSection         *bfg_section_get_batches        (BfgSection   *self);

#define BFG_TYPE_ACTOR (bfg_actor_get_type ())
G_DECLARE_FINAL_TYPE (BfgActor, bfg_actor, BFG, ACTOR, GObject)

const char         *bfg_actor_get_id               (BfgActor     *self);
const char         *bfg_actor_get_name             (BfgActor     *self);
const char         *bfg_actor_get_desk             (BfgActor     *self);
const char         *bfg_actor_get_role             (BfgActor     *self);
const char         *bfg_actor_get_role_label       (BfgActor     *self);
const char * const *bfg_actor_get_permissions      (BfgActor     *self);
guint               bfg_actor_get_n_permissions    (BfgActor     *self);

#define BFG_TYPE_PROVIDER (bfg_provider_get_type ())
G_DECLARE_FINAL_TYPE (BfgProvider, bfg_provider, BFG, PROVIDER, GObject)

const char         *bfg_provider_get_id            (BfgProvider  *self);
const char         *bfg_provider_get_title         (BfgProvider  *self);
const char         *bfg_provider_get_description   (BfgProvider  *self);
const char         *bfg_provider_get_current_mode  (BfgProvider  *self);
const char         *bfg_provider_get_target_mode   (BfgProvider  *self);

#define BFG_TYPE_DECISIONS (bfg_decisions_get_type ())
G_DECLARE_FINAL_TYPE (BfgDecisions, bfg_decisions, BFG, DECISIONS, GObject)

const char         *bfg_decisions_get_code         (BfgDecisions *self,
                                                    const char   *decision_id);
gboolean            bfg_decisions_get_production_go (BfgDecisions *self);
const char         *bfg_decisions_get_production_label (BfgDecisions *self);
guint               bfg_decisions_get_integration_percent (BfgDecisions *self);
guint               bfg_decisions_get_gates_ready  (BfgDecisions *self);
guint               bfg_decisions_get_gates_total  (BfgDecisions *self);
const char         *bfg_decisions_get_recommended_title  (BfgDecisions *self);
const char         *bfg_decisions_get_recommended_reason (BfgDecisions *self);
const char         *bfg_decisions_get_recommended_check  (BfgDecisions *self);
const char         *bfg_decisions_get_last_write   (BfgDecisions *self);
gint64              bfg_decisions_get_audit_count  (BfgDecisions *self);

G_END_DECLS
