/* bfg-probe.h: the four-step connection probe of the production adapter
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bfg-endpoint.h"

G_BEGIN_DECLS

#define BFG_PROBE_STEP_REACHABILITY "reachability"
#define BFG_PROBE_STEP_TLS "tls"
#define BFG_PROBE_STEP_RBAC_SESSION "rbac-session"
#define BFG_PROBE_STEP_WRITE_PROBE "write-probe"

/* The runbook schema (ProductionAdapterMigrationRunbook.v1) the probe checks. */
#define BFG_PROBE_SCHEMA "bfg_flowcontrol"

#define BFG_PROBE_DEFAULT_CONNECT_TIMEOUT_SECONDS 5
#define BFG_PROBE_DEFAULT_STEP_TIMEOUT_SECONDS 10

/**
 * BfgProbeStatus:
 * @BFG_PROBE_STATUS_PASS: the step ran and proved what it checks
 * @BFG_PROBE_STATUS_FAIL: the step ran and failed
 * @BFG_PROBE_STATUS_SKIPPED: the step did not run, because an earlier one
 *   failed or the password is not available
 */
typedef enum
{
  BFG_PROBE_STATUS_PASS,
  BFG_PROBE_STATUS_FAIL,
  BFG_PROBE_STATUS_SKIPPED,
} BfgProbeStatus;

const char *bfg_probe_status_to_string (BfgProbeStatus status);
const char * const *bfg_probe_step_ids (void);

/**
 * BfgProbeEvent:
 * @BFG_PROBE_EVENT_STEP_STARTED: a step began to run
 * @BFG_PROBE_EVENT_STEP_FINISHED: a step has its final status, time and
 *   detail, the same as the result will hold
 */
typedef enum
{
  BFG_PROBE_EVENT_STEP_STARTED,
  BFG_PROBE_EVENT_STEP_FINISHED,
} BfgProbeEvent;

/**
 * BfgProbeProgressFunc:
 * @event: whether the step started or finished
 * @step_id: one of bfg_probe_step_ids()
 * @status: the finished step's status; %BFG_PROBE_STATUS_SKIPPED, and
 *   meaningless, for a started one
 * @ms: how long the finished step took; 0 for a started one
 * @detail: (nullable): what the finished step found, in English; %NULL
 *   for a started one
 * @user_data: the data given with the function
 *
 * Follows a probe step by step. Each step that runs is announced by
 * %BFG_PROBE_EVENT_STEP_STARTED; every step, run or skipped, ends with
 * exactly one %BFG_PROBE_EVENT_STEP_FINISHED. Events come in step order.
 */
typedef void (*BfgProbeProgressFunc) (BfgProbeEvent    event,
                                      const char      *step_id,
                                      BfgProbeStatus   status,
                                      gint64           ms,
                                      const char      *detail,
                                      gpointer         user_data);

typedef struct _BfgProbeOptions BfgProbeOptions;

#define BFG_TYPE_PROBE_OPTIONS (bfg_probe_options_get_type ())
GType            bfg_probe_options_get_type               (void) G_GNUC_CONST;
BfgProbeOptions *bfg_probe_options_new                    (BfgEndpoint          *endpoint,
                                                           const char           *tenant_id);
BfgProbeOptions *bfg_probe_options_copy                   (BfgProbeOptions      *self);
void             bfg_probe_options_free                   (BfgProbeOptions      *self);
void             bfg_probe_options_set_password           (BfgProbeOptions      *self,
                                                           const char           *password);
void             bfg_probe_options_set_password_error     (BfgProbeOptions      *self,
                                                           const GError         *error);
void             bfg_probe_options_set_pinned_fingerprint (BfgProbeOptions      *self,
                                                           const char           *fingerprint);
void             bfg_probe_options_set_connect_timeout    (BfgProbeOptions      *self,
                                                           guint                 seconds);
void             bfg_probe_options_set_step_timeout       (BfgProbeOptions      *self,
                                                           guint                 seconds);
void             bfg_probe_options_set_progress_func      (BfgProbeOptions      *self,
                                                           BfgProbeProgressFunc  func,
                                                           gpointer              user_data,
                                                           GDestroyNotify        destroy);
BfgEndpoint     *bfg_probe_options_get_endpoint           (BfgProbeOptions      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfgProbeOptions, bfg_probe_options_free)

#define BFG_TYPE_PROBE_RESULT (bfg_probe_result_get_type ())
G_DECLARE_FINAL_TYPE (BfgProbeResult, bfg_probe_result, BFG, PROBE_RESULT, GObject)

const char      *bfg_probe_result_get_endpoint     (BfgProbeResult   *self);
const char      *bfg_probe_result_get_fingerprint  (BfgProbeResult   *self);
const char      *bfg_probe_result_get_address      (BfgProbeResult   *self);
gboolean         bfg_probe_result_get_passed       (BfgProbeResult   *self);
const GError    *bfg_probe_result_get_error        (BfgProbeResult   *self);
BfgProbeStatus   bfg_probe_result_get_step_status  (BfgProbeResult   *self,
                                                    const char       *step_id);
const char      *bfg_probe_result_get_step_detail  (BfgProbeResult   *self,
                                                    const char       *step_id);
gint64           bfg_probe_result_get_step_ms      (BfgProbeResult   *self,
                                                    const char       *step_id);
JsonNode        *bfg_probe_result_to_json_node     (BfgProbeResult   *self);
char            *bfg_probe_result_to_json          (BfgProbeResult   *self,
                                                    gboolean          pretty);

void             bfg_probe_run_async               (BfgProbeOptions      *options,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
BfgProbeResult  *bfg_probe_run_finish              (GAsyncResult         *result,
                                                    GError              **error);
BfgProbeResult  *bfg_probe_run_sync                (BfgProbeOptions      *options,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

G_END_DECLS
