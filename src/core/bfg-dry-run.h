/* bfg-dry-run.h: the five-step adapter dry-run
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bfg-endpoint.h"
#include "bfg-types.h"

G_BEGIN_DECLS

#define BFG_DRY_RUN_STEP_EXPORT_SNAPSHOT "export-snapshot"
#define BFG_DRY_RUN_STEP_SCHEMA_MAP "schema-map"
#define BFG_DRY_RUN_STEP_RBAC_CLAIMS "rbac-claims"
#define BFG_DRY_RUN_STEP_ADAPTER_REPLAY "adapter-replay"
#define BFG_DRY_RUN_STEP_ROLLBACK_CHECKPOINT "rollback-checkpoint"

#define BFG_DRY_RUN_N_STEPS 5

/**
 * BFG_DRY_RUN_LOCAL_REHEARSAL:
 *
 * How a transcript names the target when no endpoint is set: a temporary
 * sqlite database built from the schema map, deleted afterwards.
 */
#define BFG_DRY_RUN_LOCAL_REHEARSAL "local rehearsal"

/**
 * BfgDryRunStatus:
 * @BFG_DRY_RUN_STATUS_PASS: the step ran and proved what it checks
 * @BFG_DRY_RUN_STATUS_FAIL: the step failed, or could not run because an
 *   earlier one failed; the detail says which
 * @BFG_DRY_RUN_STATUS_CANCELLED: the user cancelled before or during it
 *
 * The result of one dry-run step.
 */
typedef enum
{
  BFG_DRY_RUN_STATUS_PASS,
  BFG_DRY_RUN_STATUS_FAIL,
  BFG_DRY_RUN_STATUS_CANCELLED,
} BfgDryRunStatus;

const char          *bfg_dry_run_status_to_string (BfgDryRunStatus status);
const char * const  *bfg_dry_run_step_ids         (void);
const char          *bfg_dry_run_step_check_id    (const char     *step_id);
char                *bfg_dry_run_format_step_numbers (gint64      rows,
                                                      gint64      ms);

/**
 * BfgDryRunProgressFunc:
 * @step_id: the step running
 * @rows: rows done in this step
 * @total: rows the step will do, or 0 when unknown
 * @rows_per_second: the step's throughput so far
 * @user_data: the caller's data
 *
 * Reports progress, in the main context that started the dry-run, at most
 * ten times a second.
 */
typedef void (*BfgDryRunProgressFunc) (const char *step_id,
                                       guint64     rows,
                                       guint64     total,
                                       double      rows_per_second,
                                       gpointer    user_data);

typedef struct _BfgDryRunOptions BfgDryRunOptions;

BfgDryRunOptions *bfg_dry_run_options_new          (const char            *actor_id);
void              bfg_dry_run_options_free         (BfgDryRunOptions      *self);
void              bfg_dry_run_options_set_endpoint (BfgDryRunOptions      *self,
                                                    BfgEndpoint           *endpoint);
void              bfg_dry_run_options_set_password (BfgDryRunOptions      *self,
                                                    const char            *password);
void              bfg_dry_run_options_set_progress (BfgDryRunOptions      *self,
                                                    BfgDryRunProgressFunc  func,
                                                    gpointer               user_data,
                                                    GDestroyNotify         destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgDryRunOptions, bfg_dry_run_options_free)

#define BFG_TYPE_DRY_RUN_RESULT (bfg_dry_run_result_get_type ())
G_DECLARE_FINAL_TYPE (BfgDryRunResult, bfg_dry_run_result, BFG, DRY_RUN_RESULT, GObject)

gboolean         bfg_dry_run_result_get_passed          (BfgDryRunResult *self);
gboolean         bfg_dry_run_result_get_cancelled       (BfgDryRunResult *self);
const char      *bfg_dry_run_result_get_replay_id       (BfgDryRunResult *self);
const char      *bfg_dry_run_result_get_target          (BfgDryRunResult *self);
const char      *bfg_dry_run_result_get_snapshot_checksum (BfgDryRunResult *self);
const char      *bfg_dry_run_result_get_transcript      (BfgDryRunResult *self);
const char      *bfg_dry_run_result_get_transcript_sha256 (BfgDryRunResult *self);
BfgDryRunStatus  bfg_dry_run_result_get_step_status     (BfgDryRunResult *self,
                                                         const char      *step_id);
const char      *bfg_dry_run_result_get_step_detail     (BfgDryRunResult *self,
                                                         const char      *step_id);
gint64           bfg_dry_run_result_get_step_rows       (BfgDryRunResult *self,
                                                         const char      *step_id);
gint64           bfg_dry_run_result_get_step_ms         (BfgDryRunResult *self,
                                                         const char      *step_id);
const GError    *bfg_dry_run_result_get_error           (BfgDryRunResult *self);

void             bfg_dry_run_async                      (BfgWorkspace         *workspace,
                                                         BfgDryRunOptions     *options,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
BfgDryRunResult *bfg_dry_run_finish                     (BfgWorkspace         *workspace,
                                                         GAsyncResult         *result,
                                                         GError              **error);
BfgDryRunResult *bfg_dry_run_sync                       (BfgWorkspace         *workspace,
                                                         BfgDryRunOptions     *options,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

G_END_DECLS
