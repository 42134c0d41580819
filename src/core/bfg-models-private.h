/* bfg-models-private.h: how the engine builds and updates the models
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-models.h"
#include "bfg-plan.h"

G_BEGIN_DECLS

BfgCheck     *bfg_check_new            (const BfgCheckInfo *info);
void          bfg_check_update         (BfgCheck           *self,
                                        BfgCheckState       state,
                                        const char         *summary,
                                        const char         *detail,
                                        const char         *value,
                                        const char         *owner_name,
                                        const char         *recorded_by,
                                        const char         *accepted_by);

BfgSection   *bfg_section_new          (const BfgSectionInfo *info,
                                        GPtrArray          *checks);
void          bfg_section_update       (BfgSection         *self,
                                        guint               ready,
                                        BfgCheckState       state,
                                        const char         *decision);
void          bfg_section_set_batches  (BfgSection         *self,
                                        BfgSection         *batches);

BfgActor     *bfg_actor_new            (const char         *id);
void          bfg_actor_update         (BfgActor           *self,
                                        const char         *name,
                                        const char         *desk,
                                        const char         *role,
                                        const char * const *permissions);

BfgProvider  *bfg_provider_new         (const char         *id);
void          bfg_provider_update      (BfgProvider        *self,
                                        const char         *title,
                                        const char         *description,
                                        const char         *current_mode,
                                        const char         *target_mode);

BfgDecisions *bfg_decisions_new        (void);
void          bfg_decisions_set_code   (BfgDecisions       *self,
                                        const char         *decision_id,
                                        const char         *code);
void          bfg_decisions_update     (BfgDecisions       *self,
                                        gboolean            production_go,
                                        guint               integration_percent,
                                        guint               gates_ready,
                                        guint               gates_total,
                                        const char         *title,
                                        const char         *reason,
                                        const char         *check_id,
                                        const char         *last_write,
                                        gint64              audit_count);

G_END_DECLS
