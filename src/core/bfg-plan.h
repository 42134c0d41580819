/* bfg-plan.h: the readiness plan, declared once
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-types.h"

G_BEGIN_DECLS

/**
 * BfgSectionInfo:
 * @id: the section id, such as "connection"
 * @title: the English title, marked with N_()
 * @description: the English description, marked with N_()
 * @parent: the section that shows this one inside it (data-batches lives in
 *   data-cutover), or %NULL for a top-level section
 * @decision: the decision shown with the section, or %NULL
 *
 * One section of the plan. The table's order is the display order.
 */
typedef struct
{
  const char *id;
  const char *title;
  const char *description;
  const char *parent;
  const char *decision;
} BfgSectionInfo;

/**
 * BfgCheckInfo:
 * @id: the check id, such as "connection.tls"
 * @section: the id of its section
 * @title: the English title, marked with N_()
 * @description: the English description, marked with N_()
 * @owner: the id of the actor who owns and signs it
 * @permission: the permission that accepting and revoking need, or %NULL
 *   for kinds nobody signs
 * @kind: where its evidence comes from
 * @requires: %NULL-terminated ids that must be ready before anyone acts on
 *   it; "section:ID" names a whole section
 * @inputs: for %BFG_CHECK_KIND_DERIVED, the %NULL-terminated ids it
 *   follows, in the same notation as @requires
 * @value: what the check shows or binds: "session:KEY",
 *   "provider-target:ID", "decision:ID", "packet:NAME", or for
 *   %BFG_CHECK_KIND_FACT the fact it tests ("providers:ID", "session",
 *   "actors", "env-vars", "storage-fallback", "environment:ID", "target")
 * @summary: how the evidence summary reads when the kind's default does
 *   not fit ("decision:ID", "snapshot", "rows:TABLE,TABLE", "sections",
 *   "inputs"), or %NULL
 *
 * One check of the plan.
 */
typedef struct
{
  const char *id;
  const char *section;
  const char *title;
  const char *description;
  const char *owner;
  const char *permission;
  BfgCheckKind kind;
  const char * const *requires;
  const char * const *inputs;
  const char *value;
  const char *summary;
} BfgCheckInfo;

/**
 * BfgDecisionRule:
 * @needs: %NULL-terminated ids ("section:ID" or check ids) that must all
 *   be ready to lift @code
 * @code: the code the decision shows while @needs is not met
 *
 * One rule of a decision; the first unmet rule gives the code.
 */
typedef struct
{
  const char * const *needs;
  const char *code;
} BfgDecisionRule;

/**
 * BfgDecisionInfo:
 * @id: the decision id, such as "release"
 * @title: the English title, marked with N_()
 * @rules: the rules, in order, ending with one whose @code is %NULL
 * @go_code: the code when every rule is met
 *
 * One go/no-go decision.
 */
typedef struct
{
  const char *id;
  const char *title;
  const BfgDecisionRule *rules;
  const char *go_code;
} BfgDecisionInfo;

/**
 * BfgActionInfo:
 * @gate: the gate check that this action advances
 * @section: the section whose checks the action works on, or %NULL when
 *   the gate is acted on itself
 * @title: the English title of the action, marked with N_()
 * @reason: the English reason, marked with N_(); "{count}" stands for the
 *   section's ready/total
 *
 * One entry of the recommended-action ladder.
 */
typedef struct
{
  const char *gate;
  const char *section;
  const char *title;
  const char *reason;
} BfgActionInfo;

/**
 * BfgPacketInfo:
 * @name: the packet name, such as "ProductionRollbackDrill.v1"
 * @depends: %NULL-terminated ids ("decision:ID", "section:ID" or check
 *   ids) that its content is computed from
 *
 * A packet that a check can bind, with what it depends on, so that the
 * plan stays a checkable graph.
 */
typedef struct
{
  const char *name;
  const char * const *depends;
} BfgPacketInfo;

const BfgSectionInfo  *bfg_plan_get_sections     (guint      *n_sections);
const BfgCheckInfo    *bfg_plan_get_checks       (guint      *n_checks);
const BfgDecisionInfo *bfg_plan_get_decisions    (guint      *n_decisions);
const BfgActionInfo   *bfg_plan_get_actions      (guint      *n_actions);
const BfgPacketInfo   *bfg_plan_get_packets      (guint      *n_packets);

const BfgSectionInfo  *bfg_plan_lookup_section   (const char *section_id);
const BfgCheckInfo    *bfg_plan_lookup_check     (const char *check_id);
const BfgDecisionInfo *bfg_plan_lookup_decision  (const char *decision_id);
const BfgPacketInfo   *bfg_plan_lookup_packet    (const char *name);

gboolean               bfg_plan_check_graph      (char      **cycle);

G_END_DECLS
