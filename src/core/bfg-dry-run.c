/* bfg-dry-run.c: the five-step adapter dry-run
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshot, schema map, generator and dry-run share one log domain. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-replay"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "bfg-dry-run.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "bfg-audit.h"
#include "bfg-error.h"
#include "bfg-secret.h"
#include "bfg-sha256.h"
#include "bfg-snapshot-private.h"
#include "bfg-target-schema.h"
#include "bfg-workspace.h"

/* Why the replay is shaped this way:
 *
 * - The worker reads the workspace through a read-only sqlite connection
 *   of its own, inside one read transaction that lasts from the export
 *   step to the end of the replay: the rows replayed are exactly the rows
 *   digested, whatever the UI writes meanwhile (WAL).
 * - Rows go to PostgreSQL with COPY FROM STDIN, binary for the
 *   schema-map tables, in 256 KiB messages that a second thread reads
 *   from sqlite and encodes while the worker sends the previous ones and
 *   waits on the server; all inside a transaction that is rolled back
 *   whatever happens; a lost connection rolls back on the server's side.
 *   Nothing is ever committed to the target.
 * - Most of the replay's time is the target's own work: one foreign-key
 *   check per reference per row, which any load into the runbook tables
 *   pays. The client's share is kept small and off the server's way.
 * - Read-back uses binary COPY TO STDOUT, ordered with the "C" collation
 *   (which is sqlite's binary order): text comes back as its bytes,
 *   bigint and timestamptz as integers that the client spells as the
 *   snapshot does, and each row is digested as it arrives, so that the
 *   canonical digests of what came back are comparable with the
 *   snapshot's without a text round trip on either side. */

#define COPY_CHUNK (256 * 1024)
#define STAGING_MEMORY "256MB"
#define SORT_MEMORY "128MB"
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)
#define RECORD_PERMISSION "evidence.record"

typedef enum
{
  STEP_EXPORT,
  STEP_SCHEMA_MAP,
  STEP_RBAC,
  STEP_REPLAY,
  STEP_ROLLBACK,
} StepIndex;

static const char * const step_ids[] = {
  BFG_DRY_RUN_STEP_EXPORT_SNAPSHOT,
  BFG_DRY_RUN_STEP_SCHEMA_MAP,
  BFG_DRY_RUN_STEP_RBAC_CLAIMS,
  BFG_DRY_RUN_STEP_ADAPTER_REPLAY,
  BFG_DRY_RUN_STEP_ROLLBACK_CHECKPOINT,
  NULL
};

static const char * const step_checks[] = {
  "dry-run.exportSnapshot",
  "dry-run.schemaMapValidation",
  "dry-run.rbacClaimsRehearsal",
  "dry-run.adapterReplay",
  "dry-run.rollbackCheckpoint",
};

/* The data batches the replay verifies, and the tables behind each. */
typedef struct
{
  const char *id;
  const char *tables[4];
} Batch;

static const Batch batches[] = {
  { "operationalReplay", { "orders", "driver_events", "documents", NULL } },
  { "financeLedger", { "finance_events", NULL } },
  { "auditTrail", { "audit_events", NULL } },
};

typedef struct
{
  BfgDryRunStatus  status;
  gint64           ms;
  gint64           rows;
  char            *detail;
  char            *json;
  char            *sha256;
} Step;

struct _BfgDryRunOptions
{
  char                  *actor_id;
  BfgEndpoint           *endpoint;
  char                  *password;
  BfgDryRunProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;
};

struct _BfgDryRunResult
{
  GObject  parent_instance;

  gboolean  passed;
  gboolean  cancelled;
  char     *replay_id;
  char     *target;
  char     *checksum;
  char     *transcript;
  char     *transcript_sha256;
  Step      steps[BFG_DRY_RUN_N_STEPS];
  gboolean  batch_verified[G_N_ELEMENTS (batches)];
  GError   *error;
};

G_DEFINE_FINAL_TYPE (BfgDryRunResult, bfg_dry_run_result, G_TYPE_OBJECT)

/* One run, owned by the worker thread until it returns. */
typedef struct
{
  char                  *path;
  char                  *actor_id;
  char                  *tenant;
  BfgEndpoint           *endpoint;
  char                  *password;
  BfgDryRunProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
  GCancellable          *cancellable;

  sqlite3               *db;
  BfgSnapshotDigest      digest;
  gint64                 audit_count;
  char                   audit_sha256[65];
  char                  *type_problem;
  gint64                 started_us;
  gint64                 step_started_us;
  gint64                 last_progress_us;
  char                  *started_at;

  BfgDryRunResult       *result;
} Run;

static void
run_free (Run *run)
{
  if (run->db != NULL)
    sqlite3_close (run->db);
  g_free (run->path);
  g_free (run->actor_id);
  g_free (run->tenant);
  g_clear_object (&run->endpoint);
  if (run->password != NULL)
    {
      explicit_bzero (run->password, strlen (run->password));
      g_free (run->password);
    }
  g_clear_pointer (&run->context, g_main_context_unref);
  g_clear_object (&run->cancellable);
  g_free (run->type_problem);
  g_free (run->started_at);
  g_clear_object (&run->result);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Status names and steps */

/**
 * bfg_dry_run_status_to_string:
 * @status: a step status
 *
 * Returns: (transfer none): "pass", "fail" or "cancelled"
 */
const char *
bfg_dry_run_status_to_string (BfgDryRunStatus status)
{
  switch (status)
    {
    case BFG_DRY_RUN_STATUS_PASS:
      return "pass";
    case BFG_DRY_RUN_STATUS_FAIL:
      return "fail";
    case BFG_DRY_RUN_STATUS_CANCELLED:
      return "cancelled";
    default:
      g_return_val_if_reached ("fail");
    }
}

/**
 * bfg_dry_run_step_ids:
 *
 * Returns: (transfer none): the five step ids, in order, %NULL-terminated
 */
const char * const *
bfg_dry_run_step_ids (void)
{
  return step_ids;
}

/**
 * bfg_dry_run_step_check_id:
 * @step_id: a step id
 *
 * Returns: (transfer none) (nullable): the readiness check the step's
 *   result is evidence for, such as "dry-run.adapterReplay"
 */
const char *
bfg_dry_run_step_check_id (const char *step_id)
{
  g_return_val_if_fail (step_id != NULL, NULL);

  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      if (strcmp (step_ids[i], step_id) == 0)
        return step_checks[i];
    }

  return NULL;
}

/**
 * bfg_dry_run_format_step_numbers:
 * @rows: the rows a step handled
 * @ms: how long it took, in milliseconds
 *
 * The numbers of a step as people read them, with the locale's digit
 * groups: "50,007 rows · 703 ms". The Dry-run page and the step's check
 * row both show them.
 *
 * Returns: (transfer full): the text
 */
char *
bfg_dry_run_format_step_numbers (gint64 rows,
                                 gint64 ms)
{
  /* Translators: rows a dry-run step handled, then its duration */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%'" PRId64 " row · %'" PRId64 " ms",
                                       "%'" PRId64 " rows · %'" PRId64 " ms",
                                       (gulong) MAX (rows, 0)),
                          rows, ms);
}

static int
step_index (const char *step_id)
{
  for (int i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      if (g_strcmp0 (step_ids[i], step_id) == 0)
        return i;
    }

  return -1;
}

/* Options */

/**
 * bfg_dry_run_options_new:
 * @actor_id: who runs the dry-run; needs evidence.record
 *
 * Returns: (transfer full): options for a local rehearsal, until an
 *   endpoint is set
 */
BfgDryRunOptions *
bfg_dry_run_options_new (const char *actor_id)
{
  BfgDryRunOptions *self;

  g_return_val_if_fail (actor_id != NULL, NULL);

  self = g_new0 (BfgDryRunOptions, 1);
  self->actor_id = g_strdup (actor_id);

  return self;
}

/**
 * bfg_dry_run_options_free:
 * @self: (transfer full): options
 *
 * Frees the options, wiping the password.
 */
void
bfg_dry_run_options_free (BfgDryRunOptions *self)
{
  if (self == NULL)
    return;

  g_free (self->actor_id);
  g_clear_object (&self->endpoint);
  bfg_dry_run_options_set_password (self, NULL);
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_free (self);
}

/**
 * bfg_dry_run_options_set_endpoint:
 * @self: options
 * @endpoint: (nullable): the PostgreSQL target, or %NULL for a local
 *   rehearsal
 *
 * Sets where the replay goes.
 */
void
bfg_dry_run_options_set_endpoint (BfgDryRunOptions *self,
                                  BfgEndpoint      *endpoint)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (endpoint == NULL || BFG_IS_ENDPOINT (endpoint));

  g_set_object (&self->endpoint, endpoint);
}

/**
 * bfg_dry_run_options_set_password:
 * @self: options
 * @password: (nullable): the endpoint's password for this run only
 *
 * Sets the password; without one, the keyring (or the session's memory
 * when there is no Secret Service) is asked. It is never logged or stored.
 */
void
bfg_dry_run_options_set_password (BfgDryRunOptions *self,
                                  const char       *password)
{
  g_return_if_fail (self != NULL);

  if (self->password != NULL)
    {
      explicit_bzero (self->password, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
  self->password = g_strdup (password);
}

/**
 * bfg_dry_run_options_set_progress:
 * @self: options
 * @func: (nullable): called with progress in the starting main context
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data with the options
 *
 * Sets the progress callback.
 */
void
bfg_dry_run_options_set_progress (BfgDryRunOptions      *self,
                                  BfgDryRunProgressFunc  func,
                                  gpointer               user_data,
                                  GDestroyNotify         destroy)
{
  g_return_if_fail (self != NULL);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

/* Progress, marshalled to the caller's main context */

typedef struct
{
  BfgDryRunProgressFunc  func;
  gpointer               data;
  const char            *step_id;
  guint64                rows;
  guint64                total;
  double                 rate;
} Progress;

static gboolean
deliver_progress (gpointer user_data)
{
  Progress *p = user_data;

  p->func (p->step_id, p->rows, p->total, p->rate, p->data);

  return G_SOURCE_REMOVE;
}

static void
report (Run      *run,
        StepIndex step,
        guint64   rows,
        guint64   total,
        gboolean  force)
{
  gint64 now = g_get_monotonic_time ();
  Progress *p;

  if (run->progress == NULL)
    return;
  if (!force && now - run->last_progress_us < PROGRESS_INTERVAL_US)
    return;
  run->last_progress_us = now;

  p = g_new0 (Progress, 1);
  p->func = run->progress;
  p->data = run->progress_data;
  p->step_id = step_ids[step];
  p->rows = rows;
  p->total = total;
  p->rate = now > run->step_started_us
              ? rows * (double) G_USEC_PER_SEC / (now - run->step_started_us) : 0;

  /* An idle source rather than g_main_context_invoke(): that one runs the
   * function right here, in this worker thread, whenever it can acquire
   * the caller's context, which it can between two iterations of a loop
   * that the caller drives by hand. */
  if (run->context != NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, p, g_free);
      g_source_set_static_name (source, "[bfg] dry-run progress");
      g_source_attach (source, run->context);
    }
  else
    {
      deliver_progress (p);
      g_free (p);
    }
}

/* Steps */

static void
step_begin (Run       *run,
            StepIndex  step)
{
  run->step_started_us = g_get_monotonic_time ();
  report (run, step, 0, 0, TRUE);
}

static void
step_end (Run             *run,
          StepIndex        step,
          BfgDryRunStatus  status,
          gint64           rows,
          const GError    *error,
          const char      *detail)
{
  Step *s = &run->result->steps[step];

  s->status = status;
  s->ms = (g_get_monotonic_time () - run->step_started_us) / 1000;
  s->rows = rows;
  g_free (s->detail);
  s->detail = g_strdup (error != NULL ? error->message : detail);

  if (error != NULL && run->result->error == NULL)
    run->result->error = g_error_copy (error);

  g_debug ("%s: %s in %" G_GINT64_FORMAT " ms, %" G_GINT64_FORMAT " rows: %s",
           step_ids[step], bfg_dry_run_status_to_string (status), s->ms, rows,
           s->detail);
}

static gboolean
is_cancel (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
step_end_error (Run          *run,
                StepIndex     step,
                gint64        rows,
                const GError *error)
{
  g_autoptr(GError) cancelled = NULL;

  /* GIO's own "Operation was cancelled" says too little in a transcript. */
  if (is_cancel (error) && error->domain == G_IO_ERROR &&
      !g_str_has_prefix (error->message, "Cancelled"))
    error = cancelled = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("Cancelled by the user after %'"
                                       PRId64 " rows; nothing was "
                                       "committed to the target"), rows);

  step_end (run, step,
            is_cancel (error) ? BFG_DRY_RUN_STATUS_CANCELLED
                              : BFG_DRY_RUN_STATUS_FAIL,
            rows, error, NULL);
}

static void
step_skip (Run        *run,
           StepIndex   step,
           StepIndex   because)
{
  g_autofree char *detail = NULL;
  gboolean cancelled = run->result->steps[because].status ==
                       BFG_DRY_RUN_STATUS_CANCELLED ||
                       g_cancellable_is_cancelled (run->cancellable);

  run->step_started_us = g_get_monotonic_time ();
  detail = g_strdup_printf (cancelled ? "Not run: the dry-run was cancelled"
                                      : "Not run: %s failed",
                            step_ids[because]);
  step_end (run, step,
            cancelled ? BFG_DRY_RUN_STATUS_CANCELLED : BFG_DRY_RUN_STATUS_FAIL,
            0, NULL, detail);
}

/* Step 1: export snapshot */

static gboolean
check_row_types (const BfgSchemaTable  *table,
                 sqlite3_stmt          *row,
                 gint64                 index,
                 gpointer               user_data,
                 GError               **error)
{
  Run *run = user_data;

  if (run->type_problem != NULL)
    return TRUE;

  for (guint f = 0; f < table->n_fields; f++)
    {
      const BfgSchemaField *field = &table->fields[f];
      int type = sqlite3_column_type (row, (int) f);
      const char *problem = NULL;

      if (type == SQLITE_NULL)
        /* Translators: what is wrong with a field's value, as in "field weight_kg is null" */
        problem = field->nullable ? NULL : N_("is null");
      else if (field->type == BFG_FIELD_INTEGER)
        problem = type == SQLITE_INTEGER ? NULL : N_("is not an integer");
      else if (type != SQLITE_TEXT)
        problem = N_("is not text");
      else if (field->type == BFG_FIELD_TIMESTAMP &&
               !bfg_timestamp_is_canonical ((const char *) sqlite3_column_text (row, (int) f),
                                            (gsize) sqlite3_column_bytes (row, (int) f)))
        problem = N_("is not a UTC time written YYYY-MM-DDTHH:MM:SSZ");

      if (problem != NULL)
        {
          run->type_problem =
            /* Translators: "orders row 4 (order_id ord-4) field weight_kg is null, ..." */
            g_strdup_printf (_("%s row %" PRId64 " (%s %s) field %s %s, so it does "
                               "not fit %s.%s %s"),
                             table->name, index + 1, table->fields[0].name,
                             (const char *) sqlite3_column_text (row, 0),
                             field->name, _(problem), field->target_table,
                             field->target_column, field->target_type);
          return TRUE;
        }
    }

  return TRUE;
}

/* The audit chain as the replay writes it, digested in the same read
 * transaction as the snapshot. */
static const char audit_source_sql[] =
  "select 'audit-' || seq, ?1, actor_id, action, "
  "json_object('seq', seq, 'time', time, 'check', check_id, "
  "'detail', detail, 'prevHash', prev_hash, 'hash', hash), time "
  "from audit_events order by seq";
static const char audit_digest_sql[] =
  "select 'audit-' || seq, actor_id, action, hash from audit_events "
  "order by seq";

static gboolean
digest_audit (Run     *run,
              GError **error)
{
  g_autoptr(BfgSha256) sum = bfg_sha256_new ();
  sqlite3_stmt *stmt = NULL;
  BfgRowEncoder enc;
  int rc;

  if (sqlite3_prepare_v2 (run->db, audit_digest_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read the audit trail: %s"), sqlite3_errmsg (run->db));
      return FALSE;
    }

  bfg_row_encoder_init (&enc);
  run->audit_count = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bfg_row_encoder_reset (&enc);
      for (int f = 0; f < 4; f++)
        bfg_row_encoder_add_column (&enc, stmt, f);
      bfg_sha256_update (sum, enc.bytes->data, enc.bytes->len);
      run->audit_count++;
    }
  bfg_row_encoder_clear (&enc);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read the audit trail: %s"), sqlite3_errmsg (run->db));
      return FALSE;
    }
  g_strlcpy (run->audit_sha256, bfg_sha256_get_string (sum),
             sizeof run->audit_sha256);

  return TRUE;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static gboolean
run_export (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) tables = g_string_new (NULL);

  step_begin (run, STEP_EXPORT);

  /* One thread at a time uses this connection: the worker, then the
   * replay's producer thread from its start until the worker joins it,
   * then the worker again. Without sqlite's own mutex, the millions of
   * column reads of a large workspace do not each take and drop it. */
  if (sqlite3_open_v2 (run->path, &run->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (&error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot open the workspace: %s"),
                   run->db ? sqlite3_errmsg (run->db) : "out of memory");
      step_end_error (run, STEP_EXPORT, 0, error);
      return FALSE;
    }
  sqlite3_busy_timeout (run->db, 5000);

  /* Freeze: this read transaction holds until the replay is done. */
  if (sqlite3_exec (run->db, "begin", NULL, NULL, NULL) != SQLITE_OK ||
      !bfg_snapshot_scan (run->db, check_row_types, run, &run->digest,
                          run->cancellable, &error) ||
      !digest_audit (run, &error))
    {
      if (error == NULL)
        g_set_error (&error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                     _("Cannot freeze the snapshot: %s"), sqlite3_errmsg (run->db));
      step_end_error (run, STEP_EXPORT, 0, error);
      return FALSE;
    }

  if (run->tenant == NULL)
    run->tenant = query_text (run->db, "select tenant_id from tenants "
                              "order by tenant_id limit 1");
  if (run->tenant == NULL)
    {
      g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_FAILED,
                   _("The workspace has no tenant to replay"));
      step_end_error (run, STEP_EXPORT, 0, error);
      return FALSE;
    }

  for (guint i = 0; i < run->digest.n_tables; i++)
    g_string_append_printf (tables, "%s%s %" G_GINT64_FORMAT, i ? ", " : "",
                            run->digest.tables[i].name,
                            run->digest.tables[i].count);
  /* Translators: schema, rows, checksum, "orders 125, documents 250", audit events */
  g_string_printf (detail, _("%s frozen: %" PRId64 " rows, checksum %s (%s); %" PRId64
                             " audit events"),
                   BFG_SNAPSHOT_ID, run->digest.total_rows, run->digest.short_checksum,
                   tables->str, run->audit_count);

  run->result->checksum = g_strdup (run->digest.short_checksum);
  step_end (run, STEP_EXPORT, BFG_DRY_RUN_STATUS_PASS, run->digest.total_rows,
            NULL, detail->str);

  return TRUE;
}

/* Step 2: schema map */

static gboolean
run_schema_map (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  guint n_fields = 0;

  step_begin (run, STEP_SCHEMA_MAP);

  for (guint t = 0; t < bfg_schema_map_get_n_tables (); t++)
    n_fields += bfg_schema_map_get_table (t)->n_fields;

  if (!bfg_schema_map_check_source (run->db, &error))
    {
      step_end_error (run, STEP_SCHEMA_MAP, n_fields, error);
      return FALSE;
    }
  if (run->type_problem != NULL)
    {
      g_set_error_literal (&error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_TYPE_MISMATCH, run->type_problem);
      step_end_error (run, STEP_SCHEMA_MAP, n_fields, error);
      return FALSE;
    }

  /* Translators: the last %s is the target schema, bfg_flowcontrol */
  detail = g_strdup_printf (_("%u fields of %u ScenarioStore tables map to %s columns "
                              "of compatible types; every value fits"),
                            n_fields, bfg_schema_map_get_n_tables (), BFG_TARGET_SCHEMA);
  step_end (run, STEP_SCHEMA_MAP, BFG_DRY_RUN_STATUS_PASS, n_fields, NULL,
            detail);

  return TRUE;
}

/* Step 3: RBAC claims */

static gboolean
is_claim_name (const char *text)
{
  if (text == NULL || !g_ascii_islower (*text))
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_rbac_claims (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 actors = 0;
  gint64 permissions = 0;
  gboolean actor_seen = FALSE;
  int rc;

  step_begin (run, STEP_RBAC);

  /* Each actor becomes the claims the target's session expects: sub =
   * user_id, tenant = tenant_id, role = role_key, permissions = the
   * text[] of users.permissions. */
  if (sqlite3_prepare_v2 (run->db,
                          "select u.user_id, u.tenant_id, u.role_key, "
                          "(select count(*) from user_permissions p "
                          " where p.user_id = u.user_id), "
                          "(select p.permission from user_permissions p "
                          " where p.user_id = u.user_id and not "
                          " (p.permission glob '[a-z]*' and p.permission "
                          " not glob '*[^a-z0-9._-]*') limit 1) "
                          "from users u order by u.user_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (&error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read the actors: %s"), sqlite3_errmsg (run->db));
      step_end_error (run, STEP_RBAC, 0, error);
      return FALSE;
    }

  while (error == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *user = (const char *) sqlite3_column_text (stmt, 0);
      const char *tenant = (const char *) sqlite3_column_text (stmt, 1);
      const char *role = (const char *) sqlite3_column_text (stmt, 2);
      gint64 n = sqlite3_column_int64 (stmt, 3);
      const char *bad = (const char *) sqlite3_column_text (stmt, 4);

      if (g_strcmp0 (tenant, run->tenant) != 0)
        g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CLAIMS,
                     _("Actor %s belongs to tenant %s, not %s: its claims "
                     "would be hidden by RLS"), user, tenant, run->tenant);
      else if (!is_claim_name (role))
        g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CLAIMS,
                     _("Actor %s has role \"%s\", which is not a claim name"),
                     user, role ? role : "");
      else if (n == 0)
        g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CLAIMS,
                     _("Actor %s has no permission to carry as a claim"), user);
      else if (bad != NULL)
        g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CLAIMS,
                     _("Actor %s has permission \"%s\", which is not a claim "
                     "name"), user, bad);

      actor_seen |= g_strcmp0 (user, run->actor_id) == 0;
      actors++;
      permissions += n;
    }
  sqlite3_finalize (stmt);

  if (error == NULL && !actor_seen)
    g_set_error (&error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CLAIMS,
                 _("The acting actor %s is not among the replayed users"),
                 run->actor_id);
  if (error != NULL)
    {
      step_end_error (run, STEP_RBAC, actors, error);
      return FALSE;
    }

  /* Translators: sub, role and users.permissions are claim and column names */
  detail = g_strdup_printf (_("%" PRId64 " actors become claims (sub, tenant %s, role, "
                              "%" PRId64 " permissions in users.permissions)"),
                            actors, run->tenant, permissions);
  step_end (run, STEP_RBAC, BFG_DRY_RUN_STATUS_PASS, actors, NULL, detail);

  return TRUE;
}

/* Step 4: adapter replay */

/* One table the replay loads: which target columns, from which query. */
typedef struct
{
  const char           *target;
  const BfgSchemaTable *table;
  char                 *columns;
  char                 *order;
  char                 *source_sql;
  guint                 n_columns;
  int                   array_column;
  gboolean              bind_tenant;
  gint64                rows;
} Load;

/* One comparison the replay makes after loading: what the target gives
 * back against what the snapshot (or the audit chain) holds. */
typedef struct
{
  const char           *name;
  const BfgSchemaTable *table;
  char                 *pg_sql;
  char                 *local_sql;
  char                 *source_sql;
  guint                 n_fields;
  gboolean              integer[32];
  gboolean              timestamp[32];
  const char           *expected_sha256;
  gint64                expected_count;
  gboolean              verified;
} Compare;

typedef struct
{
  Load     loads[8];
  guint    n_loads;
  Compare  compares[10];
  guint    n_compares;
  gint64   total_rows;
  gint64   done_rows;
} Plan;

static const char users_source_sql[] =
  "select user_id, tenant_id, role_key, display_name, desk, "
  "(select json_group_array(permission) from "
  " (select permission from user_permissions p "
  "  where p.user_id = u.user_id order by permission)) "
  "from users u order by user_id";

static void
plan_clear (Plan *plan)
{
  for (guint i = 0; i < plan->n_loads; i++)
    {
      g_free (plan->loads[i].columns);
      g_free (plan->loads[i].order);
      g_free (plan->loads[i].source_sql);
    }
  for (guint i = 0; i < plan->n_compares; i++)
    {
      g_free (plan->compares[i].pg_sql);
      g_free (plan->compares[i].local_sql);
      g_free (plan->compares[i].source_sql);
    }
}

static void
add_load (Plan                 *plan,
          const char           *target,
          const BfgSchemaTable *table,
          char                 *columns,
          char                 *source_sql,
          guint                 n_columns,
          int                   array_column,
          gboolean              bind_tenant)
{
  Load *load = &plan->loads[plan->n_loads++];
  const char *comma = strchr (columns, ',');

  load->target = target;
  load->table = table;
  /* Every loaded table's key is its first column. */
  load->order = g_strdup_printf ("%.*s collate \"C\"",
                                 (int) (comma ? comma - columns
                                              : (gssize) strlen (columns)),
                                 columns);
  load->columns = columns;
  load->source_sql = source_sql;
  load->n_columns = n_columns;
  load->array_column = array_column;
  load->bind_tenant = bind_tenant;
}

static void
plan_init (Plan *plan,
           Run  *run)
{
  memset (plan, 0, sizeof *plan);

  /* Loads, parents first. */
  for (guint t = 0; t < bfg_schema_map_get_n_tables (); t++)
    {
      const BfgSchemaTable *table = bfg_schema_map_get_table (t);
      g_autoptr(GString) columns = g_string_new (NULL);

      if (strcmp (table->name, "user_permissions") == 0)
        continue;
      if (strcmp (table->name, "users") == 0)
        {
          add_load (plan, "users", NULL,
                    g_strdup ("user_id, tenant_id, role_key, display_name, "
                              "desk, permissions"),
                    g_strdup (users_source_sql), 6, 5, FALSE);
          continue;
        }

      for (guint f = 0; f < table->n_fields; f++)
        g_string_append_printf (columns, "%s\"%s\"", f ? ", " : "",
                                table->fields[f].target_column);
      add_load (plan, table->target_table, table,
                g_string_free (g_steal_pointer (&columns), FALSE),
                bfg_snapshot_select_sql (table), table->n_fields, -1, FALSE);
    }
  add_load (plan, "audit_events", NULL,
            g_strdup ("event_id, tenant_id, actor_id, source, payload, "
                      "created_at"),
            g_strdup (audit_source_sql), 6, -1, TRUE);

  /* Comparisons: every snapshot table, then the audit chain. */
  for (guint t = 0; t < bfg_schema_map_get_n_tables (); t++)
    {
      const BfgSchemaTable *table = bfg_schema_map_get_table (t);
      const BfgSnapshotTableDigest *td =
        bfg_snapshot_digest_lookup (&run->digest, table->name);
      Compare *c = &plan->compares[plan->n_compares++];
      g_autoptr(GString) pg = g_string_new ("select ");
      g_autoptr(GString) local = g_string_new ("select ");

      c->name = table->name;
      c->table = table;
      c->n_fields = table->n_fields;
      c->expected_sha256 = td->sha256;
      c->expected_count = td->count;
      c->source_sql = bfg_snapshot_select_sql (table);
      for (guint f = 0; f < table->n_fields; f++)
        {
          c->integer[f] = table->fields[f].type == BFG_FIELD_INTEGER;
          c->timestamp[f] = table->fields[f].type == BFG_FIELD_TIMESTAMP;
        }

      if (strcmp (table->name, "user_permissions") == 0)
        {
          c->pg_sql = g_strdup ("select u.user_id, p.permission from "
                                BFG_TARGET_SCHEMA ".users u cross join lateral "
                                "unnest(u.permissions) as p(permission) "
                                "order by u.user_id collate \"C\", "
                                "p.permission collate \"C\"");
          c->local_sql = g_strdup ("select u.user_id, j.value from users u, "
                                   "json_each(u.permissions) j order by 1, 2");
          continue;
        }

      /* Timestamps come back as the binary timestamptz, which the reader
       * spells in the snapshot's form itself (see append_timestamp). */
      for (guint f = 0; f < table->n_fields; f++)
        {
          g_string_append_printf (pg, "%s\"%s\"", f ? ", " : "",
                                  table->fields[f].target_column);
          g_string_append_printf (local, "%s\"%s\"", f ? ", " : "",
                                  table->fields[f].target_column);
        }
      g_string_append_printf (pg, " from " BFG_TARGET_SCHEMA ".\"%s\" order by ",
                              table->target_table);
      g_string_append_printf (local, " from \"%s\" order by ",
                              table->target_table);
      for (guint k = 0; k < table->n_key; k++)
        {
          g_string_append_printf (pg, "%s\"%s\" collate \"C\"", k ? ", " : "",
                                  table->fields[k].target_column);
          g_string_append_printf (local, "%s\"%s\"", k ? ", " : "",
                                  table->fields[k].target_column);
        }
      c->pg_sql = g_string_free (g_steal_pointer (&pg), FALSE);
      c->local_sql = g_string_free (g_steal_pointer (&local), FALSE);
    }

  {
    Compare *c = &plan->compares[plan->n_compares++];

    c->name = "audit_events";
    c->n_fields = 4;
    c->expected_sha256 = run->audit_sha256;
    c->expected_count = run->audit_count;
    c->source_sql = g_strdup (audit_digest_sql);
    c->pg_sql = g_strdup ("select event_id, actor_id, source, "
                          "payload->>'hash' from " BFG_TARGET_SCHEMA
                          ".audit_events order by (payload->>'seq')::bigint");
    c->local_sql = g_strdup ("select event_id, actor_id, source, "
                             "json_extract(payload, '$.hash') from "
                             "audit_events order by "
                             "json_extract(payload, '$.seq')");
  }

  plan->total_rows = run->digest.total_rows -
                     bfg_snapshot_digest_lookup (&run->digest,
                                                 "user_permissions")->count +
                     run->audit_count;
}

static sqlite3_stmt *
prepare_source (Run         *run,
                const Load  *load,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (run->db, load->source_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read %s: %s"), load->target, sqlite3_errmsg (run->db));
      return NULL;
    }
  if (load->bind_tenant)
    sqlite3_bind_text (stmt, 1, run->tenant, -1, SQLITE_TRANSIENT);

  return stmt;
}

/* Row-by-row comparison, run only once a digest differs, to name the
 * first row that came back different. */
typedef gboolean (*ReadbackFunc) (gpointer        target,
                                  Compare        *c,
                                  GArray         *hashes,
                                  GError        **error);

static void
name_first_difference (Run           *run,
                       Compare       *c,
                       ReadbackFunc   readback,
                       gpointer       target,
                       GError       **error)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt = NULL;
  BfgRowEncoder enc;
  guint64 index = 0;
  int rc;

  if (!readback (target, c, got, NULL) ||
      sqlite3_prepare_v2 (run->db, c->source_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
                   _("%s: the rows read back differ from the snapshot"), c->name);
      return;
    }

  bfg_row_encoder_init (&enc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bfg_row_encoder_reset (&enc);
      for (guint f = 0; f < c->n_fields; f++)
        bfg_row_encoder_add_column (&enc, stmt, (int) f);
      if (index >= got->len ||
          g_array_index (got, guint64, index) != bfg_row_encoder_hash64 (&enc))
        break;
      index++;
    }

  if (rc == SQLITE_ROW)
    g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
                 /* Translators: a table name, a row number and the row's id */
                 _("%s row %" PRIu64 " (%s) came back from the target "
                   "different from the snapshot"), c->name, index + 1,
                 (const char *) sqlite3_column_text (stmt, 0));
  else
    g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
                 /* Translators: a table name, then two row counts */
                 _("%s: the target gave back %u rows for the snapshot's %"
                   PRIu64), c->name, got->len, index);
  bfg_row_encoder_clear (&enc);
  sqlite3_finalize (stmt);
}

/* Compares one table's read-back count and digest with the snapshot. */
static gboolean
check_compare (Run           *run,
               Compare       *c,
               gint64         count,
               const char    *sha256,
               ReadbackFunc   readback,
               gpointer       target,
               GError       **error)
{
  if (count == c->expected_count && strcmp (sha256, c->expected_sha256) == 0)
    {
      c->verified = TRUE;
      return TRUE;
    }

  name_first_difference (run, c, readback, target, error);
  return FALSE;
}

/* The local rehearsal target: a temporary sqlite database. */

typedef struct
{
  sqlite3   *db;
  char      *dir;
  char      *path;
} Local;

static void
local_close (Local *local)
{
  if (local->db != NULL)
    {
      sqlite3_exec (local->db, "rollback", NULL, NULL, NULL);
      sqlite3_close (local->db);
    }
  if (local->path != NULL)
    {
      g_autofree char *journal = g_strconcat (local->path, "-journal", NULL);

      g_remove (journal);
      g_remove (local->path);
    }
  if (local->dir != NULL)
    g_rmdir (local->dir);
  g_free (local->path);
  g_free (local->dir);
}

static gboolean
local_readback (gpointer   target,
                Compare   *c,
                GArray    *hashes,
                GError   **error)
{
  Local *local = target;
  sqlite3_stmt *stmt = NULL;
  BfgRowEncoder enc;
  int rc;

  if (sqlite3_prepare_v2 (local->db, c->local_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                   _("Cannot read %s back: %s"), c->name,
                   sqlite3_errmsg (local->db));
      return FALSE;
    }

  bfg_row_encoder_init (&enc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bfg_row_encoder_reset (&enc);
      for (guint f = 0; f < c->n_fields; f++)
        bfg_row_encoder_add_column (&enc, stmt, (int) f);
      if (hashes != NULL)
        {
          guint64 h = bfg_row_encoder_hash64 (&enc);

          g_array_append_val (hashes, h);
        }
    }
  bfg_row_encoder_clear (&enc);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
local_digest (Local     *local,
              Compare   *c,
              gint64    *count,
              char       sha256[65],
              GError   **error)
{
  g_autoptr(BfgSha256) sum = bfg_sha256_new ();
  sqlite3_stmt *stmt = NULL;
  BfgRowEncoder enc;
  int rc;

  if (sqlite3_prepare_v2 (local->db, c->local_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                   _("Cannot read %s back: %s"), c->name,
                   sqlite3_errmsg (local->db));
      return FALSE;
    }

  *count = 0;
  bfg_row_encoder_init (&enc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bfg_row_encoder_reset (&enc);
      for (guint f = 0; f < c->n_fields; f++)
        bfg_row_encoder_add_column (&enc, stmt, (int) f);
      bfg_sha256_update (sum, enc.bytes->data, enc.bytes->len);
      (*count)++;
    }
  bfg_row_encoder_clear (&enc);
  sqlite3_finalize (stmt);
  g_strlcpy (sha256, bfg_sha256_get_string (sum), 65);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                   _("Cannot read %s back: %s"), c->name,
                   sqlite3_errmsg (local->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
local_exec (Local       *local,
            const char  *sql,
            GError     **error)
{
  if (sqlite3_exec (local->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
               _("The rehearsal target refused %s: %s"), sql,
               sqlite3_errmsg (local->db));
  return FALSE;
}

static gboolean
local_load (Run      *run,
            Plan     *plan,
            Local    *local,
            Load     *load,
            GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *src = NULL;
  sqlite3_stmt *ins = NULL;
  int rc;

  g_string_printf (sql, "create table \"%s\" (%s, primary key (%.*s))",
                   load->target, load->columns,
                   (int) strcspn (load->columns, ","), load->columns);
  if (!local_exec (local, sql->str, error))
    return FALSE;

  g_string_printf (sql, "insert into \"%s\" (%s) values (?", load->target,
                   load->columns);
  for (guint i = 1; i < load->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');
  if (sqlite3_prepare_v2 (local->db, sql->str, -1, &ins, NULL) != SQLITE_OK)
    return local_exec (local, sql->str, error);

  src = prepare_source (run, load, error);
  if (src == NULL)
    {
      sqlite3_finalize (ins);
      return FALSE;
    }

  while ((rc = sqlite3_step (src)) == SQLITE_ROW)
    {
      for (guint i = 0; i < load->n_columns; i++)
        sqlite3_bind_value (ins, (int) i + 1, sqlite3_column_value (src, (int) i));
      if (sqlite3_step (ins) != SQLITE_DONE)
        {
          g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                       /* Translators: a table, a row number, the row's id,
                        * then the database's own message */
                       _("The rehearsal target refused %s row %" PRId64
                         " (%s): %s"), load->target, load->rows + 1,
                       (const char *) sqlite3_column_text (src, 0),
                       sqlite3_errmsg (local->db));
          break;
        }
      sqlite3_reset (ins);
      load->rows++;
      plan->done_rows++;

      if ((load->rows & 0x3fff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
            break;
          report (run, STEP_REPLAY, plan->done_rows, plan->total_rows, FALSE);
        }
    }
  sqlite3_finalize (src);
  sqlite3_finalize (ins);

  if (error != NULL && *error != NULL)
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read %s: %s"), load->target, sqlite3_errmsg (run->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
replay_local (Run     *run,
              Plan    *plan,
              GError **error)
{
  Local local = { 0 };
  gboolean ok = TRUE;

  local.dir = g_dir_make_tmp ("bfg-rehearsal-XXXXXX", error);
  if (local.dir == NULL)
    return FALSE;
  local.path = g_build_filename (local.dir, "target.sqlite", NULL);

  /* Only the worker thread ever uses the rehearsal target. */
  if (sqlite3_open_v2 (local.path, &local.db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                   _("Cannot create the rehearsal target: %s"),
                   local.db ? sqlite3_errmsg (local.db) : "out of memory");
      local_close (&local);
      return FALSE;
    }

  /* Same shape as PostgreSQL: one transaction, always rolled back. */
  ok = local_exec (&local, "pragma journal_mode = memory; "
                   "pragma synchronous = off; begin", error);
  for (guint i = 0; ok && i < plan->n_loads; i++)
    ok = local_load (run, plan, &local, &plan->loads[i], error);

  if (ok)
    {
      g_autofree char *sql = NULL;
      g_autofree char *got = NULL;

      sql = g_strdup_printf ("create table scenario_snapshots (snapshot_id "
                             "primary key, tenant_id, checksum, schema_version); "
                             "insert into scenario_snapshots values ('%s', '%s', "
                             "'%s', '" BFG_SNAPSHOT_ID "')",
                             run->result->replay_id, run->tenant,
                             run->digest.checksum);
      ok = local_exec (&local, sql, error);
      got = ok ? query_text (local.db, "select checksum from scenario_snapshots")
               : NULL;
      if (ok && g_strcmp0 (got, run->digest.checksum) != 0)
        {
          g_set_error (error, BFG_DRY_RUN_ERROR,
                       BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
                       _("scenario_snapshots: the checksum came back different"));
          ok = FALSE;
        }
    }

  for (guint i = 0; ok && i < plan->n_compares; i++)
    {
      Compare *c = &plan->compares[i];
      char sha256[65];
      gint64 count = 0;

      ok = local_digest (&local, c, &count, sha256, error) &&
           check_compare (run, c, count, sha256, local_readback, &local, error);
    }

  local_close (&local);

  return ok;
}

/* The PostgreSQL target. */

typedef struct
{
  Run       *run;
  PGconn    *conn;
  PGcancel  *cancel;
  gulong     cancel_id;
  const char *phase;
} Pg;

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  Pg *pg = user_data;
  char errbuf[256];

  /* Interrupts whatever statement the worker waits on; the worker sees
   * the cancellation right after and rolls back. */
  if (pg->cancel != NULL)
    PQcancel (pg->cancel, errbuf, sizeof errbuf);
}

static char *
pg_message (PGconn   *conn,
            PGresult *res)
{
  const char *msg = res != NULL ? PQresultErrorMessage (res) : NULL;

  if (msg == NULL || *msg == '\0')
    msg = PQerrorMessage (conn);

  return g_strchomp (g_strdup (msg));
}

/* A FATAL error ends the session (pg_terminate_backend, a shutdown), even
 * while libpq has not yet read the end of the stream and still calls the
 * connection good: that happens when the last COPY data went out before
 * the server closed. */
static gboolean
session_ended (PGresult *res)
{
  const char *severity = res != NULL
    ? PQresultErrorField (res, PG_DIAG_SEVERITY_NONLOCALIZED) : NULL;

  return severity != NULL &&
         (strcmp (severity, "FATAL") == 0 || strcmp (severity, "PANIC") == 0);
}

/* Turns a libpq failure into the error the transcript shows: a lost
 * connection, a cancellation, or the target's refusal. */
static void
pg_fail (Pg          *pg,
         PGresult    *res,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
pg_fail (Pg          *pg,
         PGresult    *res,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  g_autofree char *msg = pg_message (pg->conn, res);
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (g_cancellable_is_cancelled (pg->run->cancellable))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 _("Cancelled during %s; the target transaction was rolled "
                 "back and keeps no trace"), what);
  else if (PQstatus (pg->conn) == CONNECTION_BAD || session_ended (res))
    g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CONNECTION,
                 _("The connection to the target was lost during %s (%s); "
                 "nothing was committed, so the target keeps no trace"),
                 what, msg);
  else
    g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                 _("The target refused %s: %s"), what, msg);
}

static gboolean
pg_exec (Pg          *pg,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  PGresult *res = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      pg_fail (pg, res, error, "%s", what);
      PQclear (res);
      return FALSE;
    }
  PQclear (res);

  return TRUE;
}

/* Notices (such as "relation exists, skipping") are not for stderr. */
static void
ignore_notice (void       *arg,
               const char *message)
{
}

static gboolean
pg_connect (Pg       *pg,
            GError  **error)
{
  Run *run = pg->run;
  g_autofree char *port = g_strdup_printf ("%u",
                                           bfg_endpoint_get_port (run->endpoint));
  const char *keys[] = {
    "host", "port", "dbname", "user", "password", "sslmode",
    "connect_timeout", "application_name", "keepalives", "keepalives_idle",
    "keepalives_interval", "keepalives_count", "tcp_user_timeout",
    "sslrootcert", NULL
  };
  const char *values[] = {
    bfg_endpoint_get_host (run->endpoint), port,
    bfg_endpoint_get_database (run->endpoint),
    bfg_endpoint_get_user (run->endpoint), run->password,
    bfg_ssl_mode_to_string (bfg_endpoint_get_sslmode (run->endpoint)),
    "10", "bfg-dry-run", "1", "5", "2", "3", "15000",
    bfg_endpoint_get_ca_file (run->endpoint), NULL
  };

  /* Without a CA file, libpq's default root store applies. */
  if (values[13] == NULL)
    keys[13] = NULL;

  pg->conn = PQconnectdbParams (keys, values, FALSE);
  PQsetNoticeProcessor (pg->conn, ignore_notice, NULL);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *msg = pg_message (pg->conn, NULL);

      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CONNECTION,
                   _("Cannot connect to the target: %s"), msg);
      return FALSE;
    }

  pg->cancel = PQgetCancel (pg->conn);
  pg->cancel_id = g_cancellable_connect (run->cancellable,
                                         G_CALLBACK (on_cancelled_cb), pg, NULL);

  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

static void
pg_close (Pg *pg)
{
  if (pg->cancel_id != 0)
    g_cancellable_disconnect (pg->run->cancellable, pg->cancel_id);
  pg->cancel_id = 0;

  /* Always: whatever happened, nothing stays in the target. */
  if (pg->conn != NULL && PQstatus (pg->conn) == CONNECTION_OK &&
      PQtransactionStatus (pg->conn) != PQTRANS_IDLE)
    {
      PGresult *res;

      if (PQtransactionStatus (pg->conn) == PQTRANS_ACTIVE)
        {
          char errbuf[256];

          if (pg->cancel != NULL)
            PQcancel (pg->cancel, errbuf, sizeof errbuf);
          while ((res = PQgetResult (pg->conn)) != NULL)
            PQclear (res);
        }
      res = PQexec (pg->conn, "rollback");
      PQclear (res);
    }

  g_clear_pointer (&pg->cancel, PQfreeCancel);
  g_clear_pointer (&pg->conn, PQfinish);
}

/* The runbook schema must be there, with a compatible type for every
 * mapped field; checked before the transaction, so a missing schema
 * leaves nothing at all behind. */
static gboolean
pg_check_schema (Pg      *pg,
                 GError **error)
{
  static const char * const extra[] = {
    "scenario_snapshots.snapshot_id", "scenario_snapshots.tenant_id",
    "scenario_snapshots.checksum", "scenario_snapshots.schema_version",
    "scenario_snapshots.payload", "audit_events.event_id",
    "audit_events.tenant_id", "audit_events.actor_id", "audit_events.source",
    "audit_events.payload", "audit_events.created_at", NULL
  };
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash,
                                                         g_str_equal,
                                                         g_free, g_free);
  PGresult *res;

  res = PQexec (pg->conn,
                "select c.relname, a.attname, "
                "format_type(a.atttypid, a.atttypmod) "
                "from pg_catalog.pg_attribute a "
                "join pg_catalog.pg_class c on c.oid = a.attrelid "
                "join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = '" BFG_TARGET_SCHEMA "' "
                "and c.relkind in ('r', 'p') and a.attnum > 0 "
                "and not a.attisdropped");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_fail (pg, res, error, _("the schema query"));
      PQclear (res);
      return FALSE;
    }
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_insert (columns,
                         g_strdup_printf ("%s.%s", PQgetvalue (res, i, 0),
                                          PQgetvalue (res, i, 1)),
                         g_strdup (PQgetvalue (res, i, 2)));
  PQclear (res);

  if (g_hash_table_size (columns) == 0)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_SCHEMA_MISSING,
                   /* Translators: %s is a schema name (bfg_flowcontrol);
                    * ProductionAdapterMigrationRunbook.v1 is a packet name.
                    * Keep both as they are. */
                   _("The target has no %s schema (or this "
                     "role cannot see it): apply the "
                     "ProductionAdapterMigrationRunbook.v1 SQL first"),
                   BFG_TARGET_SCHEMA);
      return FALSE;
    }

  for (guint t = 0; t < bfg_schema_map_get_n_tables (); t++)
    {
      const BfgSchemaTable *table = bfg_schema_map_get_table (t);

      for (guint f = 0; f < table->n_fields; f++)
        {
          const BfgSchemaField *field = &table->fields[f];
          g_autofree char *key = g_strdup_printf ("%s.%s", field->target_table,
                                                  field->target_column);
          const char *type = g_hash_table_lookup (columns, key);

          if (type == NULL)
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_SCHEMA_MISSING,
                           /* Translators: a schema, a column, then the
                            * source table and field; the packet name
                            * ProductionAdapterMigrationRunbook.v1 stays */
                           _("The target lacks %s.%s (for "
                             "%s.%s): apply the "
                             "ProductionAdapterMigrationRunbook.v1 SQL first"),
                           BFG_TARGET_SCHEMA, key, table->name, field->name);
              return FALSE;
            }
          if (!bfg_field_type_is_compatible (field->type, type))
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_TYPE_MISMATCH,
                           /* Translators: a schema and column, its SQL
                            * type, the source table and field, the type
                            * it needs */
                           _("The target's %s.%s is %s, but "
                             "%s.%s needs %s"), BFG_TARGET_SCHEMA, key, type,
                           table->name,
                           field->name, field->target_type);
              return FALSE;
            }
        }
    }

  for (guint i = 0; extra[i] != NULL; i++)
    {
      if (!g_hash_table_contains (columns, extra[i]))
        {
          g_set_error (error, BFG_DRY_RUN_ERROR,
                       BFG_DRY_RUN_ERROR_SCHEMA_MISSING,
                       /* Translators: a schema and a column; the packet
                        * name ProductionAdapterMigrationRunbook.v1 stays */
                       _("The target lacks %s.%s: apply the "
                         "ProductionAdapterMigrationRunbook.v1 SQL first"),
                       BFG_TARGET_SCHEMA, extra[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static void
copy_escape (GString    *buf,
             const char *text,
             gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      const char *esc;

      switch (c)
        {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
      g_string_append_len (buf, text + start, (gssize) (i - start));
      g_string_append (buf, esc);
      start = i + 1;
    }
  g_string_append_len (buf, text + start, (gssize) (len - start));
}

/* A JSON array of strings (from json_group_array) as a PostgreSQL array
 * literal, every element quoted. */
static gboolean
append_pg_array (GString     *buf,
                 const char  *json,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) literal = g_string_new ("{");
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      g_string_append (literal, i ? ",\"" : "\"");
      for (const char *p = item; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *p);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');
  copy_escape (buf, literal->str, literal->len);

  return TRUE;
}

/* The binary COPY header: signature, flags, header extension length. */
static const char copy_signature[11] = "PGCOPY\n\377\r\n";
#define COPY_HEADER_LEN 19

/* Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
#define PG_EPOCH_US G_GINT64_CONSTANT (946684800000000)

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) |
         ((guint32) p[2] << 8) | p[3];
}

static guint64
read_be64 (const guchar *p)
{
  return ((guint64) read_be32 (p) << 32) | read_be32 (p + 4);
}

static void
put_be16 (GString *buf,
          guint16  value)
{
  char bytes[2] = { (char) (value >> 8), (char) value };

  g_string_append_len (buf, bytes, 2);
}

static void
put_be32 (GString *buf,
          guint32  value)
{
  char bytes[4] = {
    (char) (value >> 24), (char) (value >> 16), (char) (value >> 8),
    (char) value
  };

  g_string_append_len (buf, bytes, 4);
}

static void
put_be64 (GString *buf,
          guint64  value)
{
  put_be32 (buf, (guint32) (value >> 32));
  put_be32 (buf, (guint32) value);
}

/* The snapshot's YYYY-MM-DDTHH:MM:SSZ as a binary timestamptz:
 * microseconds since 2000-01-01 UTC. FALSE for a date that does not
 * exist (April 31, year 0), which PostgreSQL would refuse as text. */
static gboolean
parse_timestamp (const char *text,
                 gsize       len,
                 gint64     *pg_us)
{
  static const int month_days[] = {
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
  };
  int y, m, d;
  gint64 era, yoe, doy, doe, days;
  gboolean leap;

  if (!bfg_timestamp_is_canonical (text, len))
    return FALSE;

#define DIGITS2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
  y = DIGITS2 (text) * 100 + DIGITS2 (text + 2);
  m = DIGITS2 (text + 5);
  d = DIGITS2 (text + 8);
  leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y == 0 || d > month_days[m - 1] + (m == 2 && leap))
    return FALSE;

  /* Days from 1970-01-01 (proleptic Gregorian), the inverse of
   * append_timestamp's. */
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = era * 146097 + doe - 719468;

  *pg_us = (days * 86400 + DIGITS2 (text + 11) * 3600 +
            DIGITS2 (text + 14) * 60 + DIGITS2 (text + 17)) * G_USEC_PER_SEC -
           PG_EPOCH_US;
#undef DIGITS2

  return TRUE;
}

/* One source row as a binary COPY tuple. The export step has checked
 * every value against its field's type in this same read transaction,
 * so only a date that does not exist can still fail. */
static gboolean
encode_binary_row (GString     *buf,
                   const Load  *load,
                   sqlite3_stmt *src,
                   GError     **error)
{
  const BfgSchemaTable *table = load->table;

  put_be16 (buf, (guint16) table->n_fields);
  for (guint f = 0; f < table->n_fields; f++)
    {
      const char *text;
      gsize len;
      gint64 us;

      if (sqlite3_column_type (src, (int) f) == SQLITE_NULL)
        {
          put_be32 (buf, G_MAXUINT32);
          continue;
        }

      switch (table->fields[f].type)
        {
        case BFG_FIELD_INTEGER:
          put_be32 (buf, 8);
          put_be64 (buf, (guint64) sqlite3_column_int64 (src, (int) f));
          break;

        case BFG_FIELD_TIMESTAMP:
          text = (const char *) sqlite3_column_text (src, (int) f);
          len = (gsize) sqlite3_column_bytes (src, (int) f);
          if (!parse_timestamp (text, len, &us))
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_TYPE_MISMATCH,
                           /* Translators: a table, its key column, the
                            * key, a column, then the value */
                           _("%s %s %s: %s %.*s is not a date that exists"),
                           table->name, table->fields[0].name,
                           (const char *) sqlite3_column_text (src, 0),
                           table->fields[f].name, (int) len, text);
              return FALSE;
            }
          put_be32 (buf, 8);
          put_be64 (buf, (guint64) us);
          break;

        case BFG_FIELD_TEXT:
        case BFG_FIELD_TEXT_ELEMENT:
        default:
          len = (gsize) sqlite3_column_bytes (src, (int) f);
          put_be32 (buf, (guint32) len);
          g_string_append_len (buf,
                               (const char *) sqlite3_column_text (src, (int) f),
                               (gssize) len);
          break;
        }
    }

  return TRUE;
}

static gboolean
encode_text_row (GString      *buf,
                 const Load   *load,
                 sqlite3_stmt *src,
                 GError      **error)
{
  for (guint i = 0; i < load->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (buf, '\t');
      if (sqlite3_column_type (src, (int) i) == SQLITE_NULL)
        g_string_append (buf, "\\N");
      else if ((int) i == load->array_column)
        {
          if (!append_pg_array (buf,
                                (const char *) sqlite3_column_text (src, (int) i),
                                error))
            return FALSE;
        }
      else
        copy_escape (buf, (const char *) sqlite3_column_text (src, (int) i),
                     (gsize) sqlite3_column_bytes (src, (int) i));
    }
  g_string_append_c (buf, '\n');

  return TRUE;
}

/* COPY data travels from a producer thread, which reads the workspace
 * and encodes rows, to the worker, which sends them and runs the
 * statements: reading sqlite overlaps the server's work, including the
 * INSERT of one table while the next one is being encoded. A fixed pool
 * of buffers bounds the memory either side may hold. */
#define N_CHUNKS 64

typedef struct
{
  GString  *data;
  guint     load;
  gint64    rows;
  gboolean  last;
  GError   *error;
} Chunk;

typedef struct
{
  Run          *run;
  Plan         *plan;
  GAsyncQueue  *full;
  GAsyncQueue  *empty;
  GThread      *thread;
  gint          stop;
  Chunk         chunks[N_CHUNKS];
} Producer;

/* NULL once the worker has asked the producer to stop. */
static Chunk *
take_chunk (Producer *prod,
            guint     load)
{
  Chunk *chunk = g_async_queue_pop (prod->empty);

  if (g_atomic_int_get (&prod->stop))
    {
      g_async_queue_push (prod->empty, chunk);
      return NULL;
    }
  g_string_truncate (chunk->data, 0);
  chunk->load = load;
  chunk->rows = 0;
  chunk->last = FALSE;

  return chunk;
}

static gboolean
produce_load (Producer *prod,
              guint     index)
{
  const Load *load = &prod->plan->loads[index];
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *src;
  Chunk *chunk;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if ((chunk = take_chunk (prod, index)) == NULL)
    return FALSE;
  if (load->table != NULL)
    {
      g_string_append_len (chunk->data, copy_signature,
                           sizeof copy_signature);
      put_be32 (chunk->data, 0);
      put_be32 (chunk->data, 0);
    }

  src = prepare_source (prod->run, load, &error);
  ok = src != NULL;
  while (ok && (rc = sqlite3_step (src)) == SQLITE_ROW)
    {
      ok = load->table != NULL
           ? encode_binary_row (chunk->data, load, src, &error)
           : encode_text_row (chunk->data, load, src, &error);
      chunk->rows++;

      if (ok && chunk->data->len >= COPY_CHUNK)
        {
          g_async_queue_push (prod->full, chunk);
          if ((chunk = take_chunk (prod, index)) == NULL)
            {
              sqlite3_finalize (src);
              return FALSE;
            }
        }
    }
  if (ok && rc != SQLITE_DONE)
    {
      g_set_error (&error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot read %s: %s"), load->target,
                   sqlite3_errmsg (prod->run->db));
      ok = FALSE;
    }
  sqlite3_finalize (src);

  if (ok && load->table != NULL)
    put_be16 (chunk->data, G_MAXUINT16);
  chunk->last = TRUE;
  chunk->error = g_steal_pointer (&error);
  g_async_queue_push (prod->full, chunk);

  return ok;
}

static gpointer
produce_thread (gpointer user_data)
{
  Producer *prod = user_data;

  for (guint i = 0; i < prod->plan->n_loads; i++)
    {
      if (!produce_load (prod, i))
        break;
    }

  return NULL;
}

static void
producer_start (Producer *prod,
                Run      *run,
                Plan     *plan)
{
  prod->run = run;
  prod->plan = plan;
  prod->full = g_async_queue_new ();
  prod->empty = g_async_queue_new ();
  prod->stop = 0;
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      prod->chunks[i].data = g_string_sized_new (COPY_CHUNK + 65536);
      prod->chunks[i].error = NULL;
      g_async_queue_push (prod->empty, &prod->chunks[i]);
    }
  prod->thread = g_thread_new ("bfg-replay-read", produce_thread, prod);
}

/* Stops the producer wherever it is, and frees what it leaves. The
 * worker holds no chunk when it calls this. */
static void
producer_finish (Producer *prod)
{
  Chunk *chunk;

  g_atomic_int_set (&prod->stop, 1);
  /* A producer waiting for a free buffer gets one back, sees the stop
   * and returns. */
  while ((chunk = g_async_queue_try_pop (prod->full)) != NULL)
    g_async_queue_push (prod->empty, chunk);
  g_thread_join (prod->thread);

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_string_free (prod->chunks[i].data, TRUE);
      g_clear_error (&prod->chunks[i].error);
    }
  g_async_queue_unref (prod->full);
  g_async_queue_unref (prod->empty);
}

static gboolean
pg_load (Run      *run,
         Plan     *plan,
         Pg       *pg,
         Producer *prod,
         guint     index,
         GError  **error)
{
  Load *load = &plan->loads[index];
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 started = g_get_monotonic_time ();
  PGresult *res;
  gboolean ok = TRUE;
  gboolean last = FALSE;

  pg->phase = load->target;

  /* PostgreSQL refuses COPY FROM into a table under row-level security,
   * and the runbook forces it on every table: rows are copied into a
   * temporary staging table (gone at rollback) and moved with one INSERT
   * that the tenant policies check. The staging table has the target's
   * columns and defaults but no index or constraint to maintain beyond
   * NOT NULL. */
  sql = g_strdup_printf ("create temporary table \"stage_%s\" "
                         "(like " BFG_TARGET_SCHEMA ".\"%s\" including defaults) "
                         "on commit drop", load->target, load->target);
  if (!pg_exec (pg, sql, _("creating the staging table"), error))
    return FALSE;
  g_free (sql);

  /* The schema-map tables go in binary: no integer or timestamp is parsed
   * from text by the server. Users (a text[] built from JSON) and the
   * audit events (times as the chain wrote them) are a handful of rows
   * and stay in text. */
  sql = g_strdup_printf ("copy \"stage_%s\" (%s) from stdin%s",
                         load->target, load->columns,
                         load->table != NULL ? " (format binary)" : "");
  res = PQexec (pg->conn, sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      pg_fail (pg, res, error, _("COPY into %s"), load->target);
      PQclear (res);
      return FALSE;
    }
  PQclear (res);

  while (ok && !last)
    {
      Chunk *chunk = g_async_queue_pop (prod->full);

      g_assert (chunk->load == index);
      last = chunk->last;
      if (chunk->error != NULL)
        {
          g_propagate_error (&local_error, g_steal_pointer (&chunk->error));
          ok = FALSE;
        }
      else if (chunk->data->len > 0 &&
               PQputCopyData (pg->conn, chunk->data->str,
                              (int) chunk->data->len) != 1)
        {
          pg_fail (pg, NULL, &local_error, _("COPY into %s"), load->target);
          ok = FALSE;
        }
      load->rows += chunk->rows;
      plan->done_rows += chunk->rows;
      g_async_queue_push (prod->empty, chunk);

      if (ok && g_cancellable_set_error_if_cancelled (run->cancellable,
                                                      &local_error))
        ok = FALSE;
      report (run, STEP_REPLAY, plan->done_rows, plan->total_rows, FALSE);
    }

  /* Ending the COPY with an error message aborts it on the server. */
  if (PQstatus (pg->conn) == CONNECTION_OK)
    PQputCopyEnd (pg->conn, ok ? NULL : "the dry-run stopped the replay");

  res = PQgetResult (pg->conn);
  if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      pg_fail (pg, res, &local_error, _("COPY into %s"), load->target);
      ok = FALSE;
    }
  PQclear (res);
  while ((res = PQgetResult (pg->conn)) != NULL)
    PQclear (res);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("replay: %s staged with COPY in %.1f ms", load->target,
           (g_get_monotonic_time () - started) / 1e3);
  started = g_get_monotonic_time ();
  g_free (sql);
  /* In key order, which is the staging table's own (sqlite's binary
   * order, the "C" collation): the target's indexes and the foreign-key
   * lookups see ascending keys. */
  sql = g_strdup_printf ("insert into " BFG_TARGET_SCHEMA ".\"%s\" (%s) "
                         "select %s from \"stage_%s\" order by %s; "
                         "drop table \"stage_%s\"",
                         load->target, load->columns, load->columns,
                         load->target, load->order, load->target);
  if (!pg_exec (pg, sql, load->target, error))
    return FALSE;
  g_debug ("replay: %s inserted under RLS in %.1f ms", load->target,
           (g_get_monotonic_time () - started) / 1e3);
  report (run, STEP_REPLAY, plan->done_rows, plan->total_rows, FALSE);

  return TRUE;
}

/* A binary timestamptz in the snapshot's YYYY-MM-DDTHH:MM:SSZ. Any
 * fraction of a second is kept, so that a value the snapshot could not
 * have written can never read back equal to it. */
static void
append_timestamp (BfgRowEncoder *enc,
                  gint64         pg_us)
{
  gint64 unix_us = pg_us + PG_EPOCH_US;
  gint64 secs = unix_us >= 0 ? unix_us / G_USEC_PER_SEC
                             : -((-unix_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  gint64 frac = unix_us - secs * G_USEC_PER_SEC;
  gint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  gint64 rest = secs - days * 86400;
  gint64 era, doe, yoe, doy, mp, y, m, d;
  char text[40];
  int len;

  /* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);

  len = g_snprintf (text, sizeof text,
                    "%04" G_GINT64_FORMAT "-%02" G_GINT64_FORMAT "-%02"
                    G_GINT64_FORMAT "T%02d:%02d:%02d", y, m, d,
                    (int) (rest / 3600), (int) (rest / 60 % 60),
                    (int) (rest % 60));
  if (frac != 0)
    len += g_snprintf (text + len, sizeof text - (gsize) len, ".%06d",
                       (int) frac);
  text[len++] = 'Z';
  bfg_row_encoder_add (enc, 'T', text, (gsize) len);
}

/* One binary COPY tuple to its canonical encoding; FALSE when it is not
 * the tuple the query asked for. */
static gboolean
decode_binary_row (BfgRowEncoder  *enc,
                   const Compare  *c,
                   const guchar   *p,
                   const guchar   *end)
{
  if (end - p < 2 || (int) ((p[0] << 8) | p[1]) != (int) c->n_fields)
    return FALSE;
  p += 2;

  for (guint f = 0; f < c->n_fields; f++)
    {
      gint32 len;

      if (end - p < 4)
        return FALSE;
      len = (gint32) read_be32 (p);
      p += 4;
      if (len < 0)
        {
          bfg_row_encoder_add (enc, 'N', NULL, 0);
          continue;
        }
      if (end - p < len)
        return FALSE;

      if (c->integer[f] || c->timestamp[f])
        {
          gint64 value;

          if (len != 8)
            return FALSE;
          value = (gint64) read_be64 (p);
          if (c->timestamp[f])
            append_timestamp (enc, value);
          else
            {
              char digits[24];
              int n = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT,
                                  value);

              bfg_row_encoder_add (enc, 'I', digits, (gsize) n);
            }
        }
      else
        bfg_row_encoder_add (enc, 'T', p, (gsize) len);
      p += len;
    }

  return p == end;
}

/* Reads a comparison's rows back with binary COPY: no value is turned
 * into text by the server, nor unescaped by the client, and the digest is
 * fed row by row as they stream in. */
static gboolean
pg_read_rows (Pg       *pg,
              Compare  *c,
              GArray   *hashes,
              BfgSha256 *sum,
              gint64   *count,
              GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("copy (%s) to stdout "
                                          "(format binary)", c->pg_sql);
  BfgRowEncoder enc;
  PGresult *res;
  char *line = NULL;
  gboolean header = TRUE;
  gboolean bad = FALSE;
  int len;

  pg->phase = c->name;
  res = PQexec (pg->conn, sql);
  if (PQresultStatus (res) != PGRES_COPY_OUT)
    {
      pg_fail (pg, res, error, _("reading %s back"), c->name);
      PQclear (res);
      return FALSE;
    }
  PQclear (res);

  bfg_row_encoder_init (&enc);
  while ((len = PQgetCopyData (pg->conn, &line, 0)) > 0)
    {
      const guchar *p = (const guchar *) line;
      const guchar *end = p + len;

      /* The header comes in front of the first tuple. */
      if (header)
        {
          if (len < COPY_HEADER_LEN ||
              memcmp (p, copy_signature, sizeof copy_signature) != 0 ||
              end - (p + COPY_HEADER_LEN) < (gssize) read_be32 (p + 15))
            bad = TRUE;
          else
            p += COPY_HEADER_LEN + read_be32 (p + 15);
          header = FALSE;
        }

      /* The trailer: a field count of -1. */
      if (!bad && end - p == 2 && p[0] == 0xff && p[1] == 0xff)
        {
          PQfreemem (line);
          continue;
        }

      bfg_row_encoder_reset (&enc);
      bad = bad || !decode_binary_row (&enc, c, p, end);
      PQfreemem (line);
      if (bad)
        continue;

      if (sum != NULL)
        bfg_sha256_update (sum, enc.bytes->data, enc.bytes->len);
      if (hashes != NULL)
        {
          guint64 h = bfg_row_encoder_hash64 (&enc);

          g_array_append_val (hashes, h);
        }
      if (count != NULL)
        (*count)++;
    }
  bfg_row_encoder_clear (&enc);

  res = PQgetResult (pg->conn);
  if (len == -2 || PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      pg_fail (pg, res, error, _("reading %s back"), c->name);
      PQclear (res);
      while ((res = PQgetResult (pg->conn)) != NULL)
        PQclear (res);
      return FALSE;
    }
  PQclear (res);
  while ((res = PQgetResult (pg->conn)) != NULL)
    PQclear (res);

  if (bad)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TARGET,
                   _("The target gave %s back in an unexpected form"),
                   c->name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pg_readback (gpointer   target,
             Compare   *c,
             GArray    *hashes,
             GError   **error)
{
  return pg_read_rows (target, c, hashes, NULL, NULL, error);
}

/* Every foreign key that the transaction deferred, checked in one pass per
 * key once every table is loaded, the way a bulk load builds its keys after
 * the data: a per-row trigger for each of a million rows is most of a
 * replay's time, and the rollback would discard the deferred checks unrun.
 * A reference passes when its row is visible to the session, that is, in
 * the replayed tenant: stricter than the key itself, which looks across
 * tenants, and what a single-tenant snapshot must satisfy anyway. Keys the
 * target does not let us defer were checked row by row already. */
static gboolean
pg_check_references (Pg      *pg,
                     GError **error)
{
  PGresult *keys;
  gboolean ok = TRUE;

  pg->phase = "references";
  keys = PQexec (pg->conn,
                 "select c.conname, cl.relname, pl.relname, "
                 "  array_to_string(array(select quote_ident(a.attname) "
                 "    from unnest(c.conkey) with ordinality k (n, i) "
                 "    join pg_catalog.pg_attribute a "
                 "      on a.attrelid = c.conrelid and a.attnum = k.n "
                 "    order by k.i), chr(31)), "
                 "  array_to_string(array(select quote_ident(a.attname) "
                 "    from unnest(c.confkey) with ordinality k (n, i) "
                 "    join pg_catalog.pg_attribute a "
                 "      on a.attrelid = c.confrelid and a.attnum = k.n "
                 "    order by k.i), chr(31)) "
                 "from pg_catalog.pg_constraint c "
                 "join pg_catalog.pg_class cl on cl.oid = c.conrelid "
                 "join pg_catalog.pg_class pl on pl.oid = c.confrelid "
                 "join pg_catalog.pg_namespace n on n.oid = cl.relnamespace "
                 "where c.contype = 'f' and c.condeferrable "
                 "and n.nspname = '" BFG_TARGET_SCHEMA "' "
                 "order by 2, 1");
  if (PQresultStatus (keys) != PGRES_TUPLES_OK)
    {
      pg_fail (pg, keys, error, _("the foreign-key query"));
      PQclear (keys);
      return FALSE;
    }

  /* One scan per table, whatever the number of its keys: each key is a
   * left join on the unique columns it references, so no row is repeated,
   * and a row whose join found nothing refers to a row that is not there. */
  for (int first = 0, next; ok && first < PQntuples (keys); first = next)
    {
      const char *child = PQgetvalue (keys, first, 1);
      g_autoptr(GString) sql = g_string_new ("select 0");
      g_autoptr(GString) joins = g_string_new (NULL);
      PGresult *res;

      for (next = first; next < PQntuples (keys) &&
                         strcmp (PQgetvalue (keys, next, 1), child) == 0; next++)
        {
          int j = next - first;
          g_auto(GStrv) from = g_strsplit (PQgetvalue (keys, next, 3), "\x1f", -1);
          g_auto(GStrv) to = g_strsplit (PQgetvalue (keys, next, 4), "\x1f", -1);
          g_autoptr(GString) missing = g_string_new (NULL);
          g_autoptr(GString) value = g_string_new ("concat_ws(', '");

          g_assert (g_strv_length (from) == g_strv_length (to));

          g_string_append_printf (joins, " left join " BFG_TARGET_SCHEMA
                                  ".\"%s\" p%d on", PQgetvalue (keys, next, 2), j);
          /* MATCH SIMPLE: a key with a null column refers to nothing. */
          for (guint i = 0; from[i] != NULL; i++)
            {
              g_string_append_printf (joins, "%s p%d.%s = c.%s",
                                      i > 0 ? " and" : "", j, to[i], from[i]);
              g_string_append_printf (missing, "c.%s is not null and ", from[i]);
              g_string_append_printf (value, ", c.%s::text", from[i]);
            }
          g_string_append_printf (missing, "p%d.%s is null", j, to[0]);
          g_string_append_printf (sql, ", count(*) filter (where %s), "
                                  "min(%s)) filter (where %s)",
                                  missing->str, value->str, missing->str);
        }
      g_string_append_printf (sql, " from " BFG_TARGET_SCHEMA ".\"%s\" c%s",
                              child, joins->str);

      res = PQexec (pg->conn, sql->str);
      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          pg_fail (pg, res, error, _("checking the references of %s"), child);
          ok = FALSE;
        }

      for (int k = first; ok && k < next; k++)
        {
          int col = 1 + 2 * (k - first);
          g_auto(GStrv) from = g_strsplit (PQgetvalue (keys, k, 3), "\x1f", -1);
          g_autofree char *columns = g_strjoinv (", ", from);

          if (strcmp (PQgetvalue (res, 0, col), "0") == 0)
            continue;

          g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_REFERENCE,
                       /* Translators: "3 rows of driver_events refer to
                        * order_id values that orders of this tenant does
                        * not have, such as ord-000042" */
                       _("%s rows of %s refer to %s values that %s of this "
                         "tenant does not have, such as %s"),
                       PQgetvalue (res, 0, col), child, columns,
                       PQgetvalue (keys, k, 2), PQgetvalue (res, 0, col + 1));
          ok = FALSE;
        }
      PQclear (res);
    }
  PQclear (keys);

  return ok;
}

static gboolean
pg_snapshot_row (Pg      *pg,
                 Run     *run,
                 GError **error)
{
  g_autofree char *payload = NULL;
  const char *values[5];
  PGresult *res;
  gboolean ok;

  /* The snapshot's own record, as the runbook keeps it. */
  payload = g_strdup_printf ("{\"schema\": \"" BFG_SNAPSHOT_ID "\", "
                             "\"checksum\": \"%s\", \"rows\": %" G_GINT64_FORMAT
                             ", \"replay\": \"%s\"}", run->digest.checksum,
                             run->digest.total_rows, run->result->replay_id);
  values[0] = run->result->replay_id;
  values[1] = run->tenant;
  values[2] = run->digest.checksum;
  values[3] = BFG_SNAPSHOT_ID;
  values[4] = payload;
  pg->phase = "scenario_snapshots";
  res = PQexecParams (pg->conn,
                      "insert into " BFG_TARGET_SCHEMA ".scenario_snapshots "
                      "(snapshot_id, tenant_id, checksum, schema_version, payload) "
                      "values ($1, $2, $3, $4, $5::jsonb) returning checksum",
                      5, NULL, values, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1;
  if (!ok)
    pg_fail (pg, res, error, _("the scenario_snapshots row"));
  else if (strcmp (PQgetvalue (res, 0, 0), run->digest.checksum) != 0)
    {
      g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_DIGEST_MISMATCH,
                   _("scenario_snapshots: the checksum came back different"));
      ok = FALSE;
    }
  PQclear (res);

  return ok;
}

static gboolean
replay_pg (Run     *run,
           Plan    *plan,
           GError **error)
{
  Pg pg = { run, NULL, NULL, 0, "connect" };
  Producer prod;
  const char *params[1] = { run->tenant };
  PGresult *res;
  gint64 started;
  gboolean ok;

  /* Reading starts at once: the first buffers fill while the connection
   * is made. */
  producer_start (&prod, run, plan);
  ok = pg_connect (&pg, error) && pg_check_schema (&pg, error) &&
       pg_exec (&pg, "begin", "begin", error);

  if (ok)
    {
      /* Local to the transaction, like every RLS session of the target. */
      res = PQexecParams (pg.conn, "select set_config('bfg.tenant_id', $1, true)",
                          1, NULL, params, NULL, NULL, 0);

      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          pg_fail (&pg, res, error, _("setting bfg.tenant_id"));
          ok = FALSE;
        }
      PQclear (res);
    }

  /* Knobs any role may set, for this transaction only: the staging tables
   * stay in memory (temp_buffers counts before the session's first
   * temporary table, which is still to come), the read-back sorts by
   * key run in memory rather than in temporary files, and no statement
   * pays for compiling itself with JIT: at 1M rows the planner's costs
   * cross jit_above_cost, yet each statement's time is in foreign-key
   * triggers and I/O, which JIT does not touch. */
  ok = ok && pg_exec (&pg, "set local temp_buffers = '" STAGING_MEMORY "'; "
                      "set local work_mem = '" SORT_MEMORY "'; "
                      "set local jit = off",
                      _("setting the transaction's memory"), error);

  /* The operations tables' keys are checked after the load, in bulk. */
  ok = ok && pg_exec (&pg, "set constraints all deferred",
                      _("deferring the foreign keys"), error);

  for (guint i = 0; ok && i < plan->n_loads; i++)
    ok = pg_load (run, plan, &pg, &prod, i, error);
  producer_finish (&prod);
  if (ok)
    report (run, STEP_REPLAY, plan->done_rows, plan->total_rows, TRUE);

  /* The rows just loaded have no statistics, and this role may not
   * ANALYZE them: the planner takes each table for a few rows and joins
   * it with a nested loop over the whole referenced table, quadratic in
   * the rows (3.2 s at 20k rows). Without nested loops the joins are
   * hashed, linear at any size. */
  started = g_get_monotonic_time ();
  ok = ok && pg_exec (&pg, "set local enable_nestloop = off",
                      _("setting the transaction's planner"), error);
  ok = ok && pg_check_references (&pg, error);
  g_debug ("replay: references checked in %.1f ms",
           (g_get_monotonic_time () - started) / 1e3);
  ok = ok && pg_snapshot_row (&pg, run, error);

  for (guint i = 0; ok && i < plan->n_compares; i++)
    {
      Compare *c = &plan->compares[i];
      g_autoptr(BfgSha256) sum = bfg_sha256_new ();
      gint64 count = 0;

      started = g_get_monotonic_time ();
      ok = pg_read_rows (&pg, c, NULL, sum, &count, error) &&
           check_compare (run, c, count, bfg_sha256_get_string (sum),
                          pg_readback, &pg, error);
      g_debug ("replay: %s read back and digested in %.1f ms", c->name,
               (g_get_monotonic_time () - started) / 1e3);
    }

  pg_close (&pg);

  return ok;
}

static gboolean
lookup_password (Run     *run,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;

  if (run->password != NULL)
    return TRUE;

  run->password = bfg_secret_session_lookup (run->endpoint);
  if (run->password == NULL)
    run->password = bfg_secret_lookup_sync (run->endpoint, run->cancellable,
                                            &local_error);
  if (run->password != NULL)
    return TRUE;

  if (is_cancel (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  uri = bfg_endpoint_to_redacted_uri (run->endpoint);
  g_set_error (error, BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_NO_PASSWORD,
               _("No password for %s: %s"), uri,
               local_error ? local_error->message
                           : "store it in the keyring with the endpoint");
  return FALSE;
}

static void
run_replay (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) tables = g_string_new (NULL);
  Plan plan;
  gboolean ok;

  step_begin (run, STEP_REPLAY);
  plan_init (&plan, run);

  if (run->endpoint == NULL)
    ok = replay_local (run, &plan, &error);
  else
    ok = lookup_password (run, &error) && replay_pg (run, &plan, &error);

  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      gboolean verified = ok;

      for (guint i = 0; batches[b].tables[i] != NULL; i++)
        for (guint c = 0; c < plan.n_compares; c++)
          if (strcmp (plan.compares[c].name, batches[b].tables[i]) == 0)
            verified &= plan.compares[c].verified;
      run->result->batch_verified[b] = verified;
    }

  if (!ok)
    {
      step_end_error (run, STEP_REPLAY, plan.done_rows, error);
      plan_clear (&plan);
      return;
    }

  for (guint c = 0; c < plan.n_compares; c++)
    g_string_append_printf (tables, "%s%s %" G_GINT64_FORMAT, c ? ", " : "",
                            plan.compares[c].name,
                            plan.compares[c].expected_count);
  /* Translators: target, rows, "COPY" or "prepared inserts", tenant, "orders 125, …" */
  g_string_printf (detail, _("%s: %" PRId64 " rows loaded with %s in one transaction as "
                             "tenant %s; counts and SHA-256 of %s read back equal to the "
                             "snapshot; rolled back"),
                   /* The transcript's "target" keeps the identifier; the
                    * sentence speaks the reader's language. */
                   run->endpoint ? run->result->target
                                 : C_("dry-run target", "local rehearsal"),
                   plan.done_rows,
                   run->endpoint ? "COPY" : C_("dry-run load", "prepared inserts"),
                   run->tenant, tables->str);
  step_end (run, STEP_REPLAY, BFG_DRY_RUN_STATUS_PASS, plan.done_rows, NULL,
            detail->str);
  plan_clear (&plan);
}

/* Step 5: rollback checkpoint */

static void
run_rollback_checkpoint (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  BfgSnapshotDigest now;

  step_begin (run, STEP_ROLLBACK);

  /* End the frozen read, then digest the file as it is now. */
  sqlite3_exec (run->db, "rollback", NULL, NULL, NULL);
  if (!bfg_snapshot_compute_digests (run->db, &now, run->cancellable, &error))
    {
      step_end_error (run, STEP_ROLLBACK, 0, error);
      return;
    }
  if (strcmp (now.checksum, run->digest.checksum) != 0)
    {
      g_set_error (&error, BFG_DRY_RUN_ERROR,
                   BFG_DRY_RUN_ERROR_WORKSPACE_CHANGED,
                   _("The file-local fallback changed during the dry-run "
                   "(snapshot %s, now %s): run it again"),
                   run->digest.short_checksum, now.short_checksum);
      step_end_error (run, STEP_ROLLBACK, now.total_rows, error);
      return;
    }

  /* Translators: the replay id, the snapshot checksum, the workspace file, its rows */
  detail = g_strdup_printf (_("Replay %s of snapshot %s: the target was rolled back and "
                              "the file-local fallback %s is intact (digest unchanged, "
                              "%" PRId64 " rows)"),
                            run->result->replay_id, run->digest.short_checksum,
                            run->path, now.total_rows);
  step_end (run, STEP_ROLLBACK, BFG_DRY_RUN_STATUS_PASS, now.total_rows, NULL,
            detail);
}

/* The run */

static void
run_steps (Run *run)
{
  g_autofree char *seed = NULL;
  g_autofree char *replay = NULL;

  run->started_us = g_get_monotonic_time ();

  if (!run_export (run))
    {
      for (StepIndex s = STEP_SCHEMA_MAP; s <= STEP_ROLLBACK; s++)
        step_skip (run, s, STEP_EXPORT);
      return;
    }

  /* The replay id names this rehearsal in the target's
   * scenario_snapshots row, the transcript and the checkpoint. */
  seed = g_strconcat (run->digest.checksum, run->started_at, NULL);
  replay = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  run->result->replay_id = g_strdup_printf ("replay-%.12s", replay);

  if (g_cancellable_is_cancelled (run->cancellable))
    step_skip (run, STEP_SCHEMA_MAP, STEP_EXPORT);
  else
    run_schema_map (run);

  if (g_cancellable_is_cancelled (run->cancellable))
    step_skip (run, STEP_RBAC, STEP_SCHEMA_MAP);
  else
    run_rbac_claims (run);

  if (run->result->steps[STEP_SCHEMA_MAP].status != BFG_DRY_RUN_STATUS_PASS)
    step_skip (run, STEP_REPLAY, STEP_SCHEMA_MAP);
  else if (run->result->steps[STEP_RBAC].status != BFG_DRY_RUN_STATUS_PASS)
    step_skip (run, STEP_REPLAY, STEP_RBAC);
  else if (g_cancellable_is_cancelled (run->cancellable))
    step_skip (run, STEP_REPLAY, STEP_RBAC);
  else
    run_replay (run);

  /* The checkpoint runs after a failed replay too: that is when knowing
   * the fallback is intact matters most. */
  if (g_cancellable_is_cancelled (run->cancellable))
    step_skip (run, STEP_ROLLBACK, STEP_REPLAY);
  else
    run_rollback_checkpoint (run);
}

static void
build_transcript (Run *run)
{
  BfgDryRunResult *result = run->result;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean passed = TRUE;
  gboolean cancelled = FALSE;

  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      Step *s = &result->steps[i];
      g_autoptr(JsonBuilder) sb = json_builder_new ();
      g_autoptr(JsonGenerator) sg = json_generator_new ();
      g_autoptr(JsonNode) node = NULL;

      passed &= s->status == BFG_DRY_RUN_STATUS_PASS;
      cancelled |= s->status == BFG_DRY_RUN_STATUS_CANCELLED;

      json_builder_begin_object (sb);
      json_builder_set_member_name (sb, "id");
      json_builder_add_string_value (sb, step_ids[i]);
      json_builder_set_member_name (sb, "check");
      json_builder_add_string_value (sb, step_checks[i]);
      json_builder_set_member_name (sb, "status");
      json_builder_add_string_value (sb, bfg_dry_run_status_to_string (s->status));
      json_builder_set_member_name (sb, "ms");
      json_builder_add_int_value (sb, s->ms);
      json_builder_set_member_name (sb, "rows");
      json_builder_add_int_value (sb, s->rows);
      json_builder_set_member_name (sb, "detail");
      json_builder_add_string_value (sb, s->detail ? s->detail : "");
      json_builder_set_member_name (sb, "replay");
      json_builder_add_string_value (sb, result->replay_id);
      json_builder_end_object (sb);

      node = json_builder_get_root (sb);
      json_generator_set_root (sg, node);
      s->json = json_generator_to_data (sg, NULL);
      s->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, s->json, -1);
    }
  result->passed = passed;
  result->cancelled = cancelled;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, "ProductionAdapterDryRun.v1");
  json_builder_set_member_name (builder, "replayId");
  json_builder_add_string_value (builder, result->replay_id);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, result->target);
  json_builder_set_member_name (builder, "tenant");
  json_builder_add_string_value (builder, run->tenant);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, run->actor_id);
  json_builder_set_member_name (builder, "startedAt");
  json_builder_add_string_value (builder, run->started_at);
  json_builder_set_member_name (builder, "snapshot");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, BFG_SNAPSHOT_ID);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, run->digest.short_checksum);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, run->digest.checksum);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, run->digest.total_rows);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_boolean_value (builder, passed);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      g_autoptr(JsonNode) step = json_from_string (result->steps[i].json, NULL);

      json_builder_add_value (builder, g_steal_pointer (&step));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "batches");
  json_builder_begin_array (builder);
  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, batches[b].id);
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_array (builder);
      for (guint i = 0; batches[b].tables[i] != NULL; i++)
        json_builder_add_string_value (builder, batches[b].tables[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, result->batch_verified[b]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  result->transcript = json_generator_to_data (generator, NULL);
  result->transcript_sha256 =
    g_compute_checksum_for_string (G_CHECKSUM_SHA256, result->transcript, -1);
}

static void
run_in_thread (Run *run)
{
  run_steps (run);
  build_transcript (run);

  /* Nothing of the run outlives it but the transcript. */
  if (run->db != NULL)
    {
      sqlite3_close (run->db);
      run->db = NULL;
    }
}

/* Recording, on the workspace's own connection */

static gboolean
record_run (BfgWorkspace     *workspace,
            Run              *run,
            GError          **error)
{
  BfgDryRunResult *result = run->result;
  sqlite3 *db = bfg_workspace_get_db (workspace);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *finished_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 seq;
  gboolean ok;

  summary = g_strdup_printf ("%s %s on %s, snapshot %s", result->replay_id,
                             result->passed ? "passed"
                             : result->cancelled ? "cancelled" : "failed",
                             result->target,
                             run->digest.short_checksum[0]
                               ? run->digest.short_checksum : "none");

  bfg_workspace_lock (workspace);
  ok = sqlite3_exec (db, "begin immediate", NULL, NULL, NULL) == SQLITE_OK;
  seq = ok ? bfg_audit_append (db, run->actor_id, "dry-run.run", NULL,
                               summary, error) : 0;
  ok = ok && seq > 0 &&
       sqlite3_prepare_v2 (db, "insert into dry_run_runs (started_at, "
                           "finished_at, actor_id, target, passed, transcript, "
                           "transcript_sha256, audit_seq) values "
                           "(?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, run->started_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, finished_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, run->actor_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, result->target, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, result->passed);
      sqlite3_bind_text (stmt, 6, result->transcript, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, result->transcript_sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, seq);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (ok)
    ok = sqlite3_exec (db, "commit", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                     _("Cannot store the dry-run transcript: %s"),
                     sqlite3_errmsg (db));
      sqlite3_exec (db, "rollback", NULL, NULL, NULL);
    }
  bfg_workspace_unlock (workspace);

  return ok;
}

static gboolean
record_results (BfgWorkspace  *workspace,
                Run           *run,
                GError       **error)
{
  BfgDryRunResult *result = run->result;

  if (!record_run (workspace, run, error))
    return FALSE;

  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      Step *s = &result->steps[i];

      if (!bfg_workspace_record_step_evidence (workspace, run->actor_id,
                                               step_checks[i],
                                               s->status == BFG_DRY_RUN_STATUS_PASS,
                                               s->sha256, s->json, error))
        return FALSE;
    }

  /* A batch is evidenced by the latest replay that verified its tables. */
  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      g_autofree char *check = NULL;
      g_autofree char *detail = NULL;

      if (!result->batch_verified[b])
        continue;
      check = g_strdup_printf ("data-batches.%s", batches[b].id);
      detail = g_strdup_printf ("{\"replay\": \"%s\", \"snapshot\": \"%s\", "
                                "\"transcript\": \"%s\"}", result->replay_id,
                                run->digest.short_checksum,
                                result->transcript_sha256);
      if (!bfg_workspace_record_step_evidence (workspace, run->actor_id, check,
                                               TRUE, result->transcript_sha256,
                                               detail, error))
        return FALSE;
    }

  return TRUE;
}

static Run *
run_new (BfgWorkspace     *workspace,
         BfgDryRunOptions *options,
         GCancellable     *cancellable,
         GMainContext     *context,
         GError          **error)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = NULL;

  /* The guard: recording the evidence needs evidence.record, so nothing
   * runs for an actor who could not record it. */
  if (!bfg_workspace_actor_exists (workspace, options->actor_id))
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                   _("No actor %s in this workspace"), options->actor_id);
      return NULL;
    }
  if (!bfg_workspace_actor_has_permission (workspace, options->actor_id,
                                           RECORD_PERMISSION))
    {
      name = bfg_workspace_dup_actor_name (workspace, options->actor_id);
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED,
                   /* Translators: the second %s is a permission id,
                    * such as evidence.record; keep it as is. */
                   _("%s lacks %s"), name ? name : options->actor_id,
                   RECORD_PERMISSION);
      return NULL;
    }
  if (bfg_workspace_is_read_only (workspace))
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY,
                   _("The workspace is open read-only; a dry-run records "
                   "evidence in it"));
      return NULL;
    }

  run = g_new0 (Run, 1);
  run->path = g_strdup (bfg_workspace_get_path (workspace));
  run->actor_id = g_strdup (options->actor_id);
  run->tenant = bfg_workspace_dup_session_value (workspace, "tenant");
  run->endpoint = options->endpoint ? g_object_ref (options->endpoint) : NULL;
  run->password = g_strdup (options->password);
  run->progress = options->progress;
  run->progress_data = options->progress_data;
  run->context = context ? g_main_context_ref (context) : NULL;
  run->cancellable = cancellable ? g_object_ref (cancellable)
                                 : g_cancellable_new ();
  run->started_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  run->result = g_object_new (BFG_TYPE_DRY_RUN_RESULT, NULL);
  run->result->target = run->endpoint
                          ? bfg_endpoint_to_redacted_uri (run->endpoint)
                          : g_strdup (BFG_DRY_RUN_LOCAL_REHEARSAL);

  return g_steal_pointer (&run);
}

/* Result object */

static void
bfg_dry_run_result_finalize (GObject *object)
{
  BfgDryRunResult *self = (BfgDryRunResult *) object;

  g_free (self->replay_id);
  g_free (self->target);
  g_free (self->checksum);
  g_free (self->transcript);
  g_free (self->transcript_sha256);
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    {
      g_free (self->steps[i].detail);
      g_free (self->steps[i].json);
      g_free (self->steps[i].sha256);
    }
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bfg_dry_run_result_parent_class)->finalize (object);
}

static void
bfg_dry_run_result_class_init (BfgDryRunResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bfg_dry_run_result_finalize;
}

static void
bfg_dry_run_result_init (BfgDryRunResult *self)
{
  for (guint i = 0; i < BFG_DRY_RUN_N_STEPS; i++)
    self->steps[i].status = BFG_DRY_RUN_STATUS_FAIL;
}

/**
 * bfg_dry_run_result_get_passed:
 * @self: a result
 *
 * Returns: %TRUE when all five steps passed
 */
gboolean
bfg_dry_run_result_get_passed (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), FALSE);

  return self->passed;
}

/**
 * bfg_dry_run_result_get_cancelled:
 * @self: a result
 *
 * Returns: %TRUE when the user cancelled the run
 */
gboolean
bfg_dry_run_result_get_cancelled (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), FALSE);

  return self->cancelled;
}

/**
 * bfg_dry_run_result_get_replay_id:
 * @self: a result
 *
 * Returns: (nullable): the replay id, such as "replay-0123456789ab"
 */
const char *
bfg_dry_run_result_get_replay_id (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->replay_id;
}

/**
 * bfg_dry_run_result_get_target:
 * @self: a result
 *
 * Returns: the redacted endpoint, or %BFG_DRY_RUN_LOCAL_REHEARSAL
 */
const char *
bfg_dry_run_result_get_target (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->target;
}

/**
 * bfg_dry_run_result_get_snapshot_checksum:
 * @self: a result
 *
 * Returns: (nullable): the short checksum of the snapshot replayed
 */
const char *
bfg_dry_run_result_get_snapshot_checksum (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->checksum;
}

/**
 * bfg_dry_run_result_get_transcript:
 * @self: a result
 *
 * Returns: the transcript, JSON, as stored in the workspace
 */
const char *
bfg_dry_run_result_get_transcript (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->transcript;
}

/**
 * bfg_dry_run_result_get_transcript_sha256:
 * @self: a result
 *
 * Returns: the SHA-256 of the transcript, hex
 */
const char *
bfg_dry_run_result_get_transcript_sha256 (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->transcript_sha256;
}

/**
 * bfg_dry_run_result_get_step_status:
 * @self: a result
 * @step_id: a step id
 *
 * Returns: the step's status
 */
BfgDryRunStatus
bfg_dry_run_result_get_step_status (BfgDryRunResult *self,
                                    const char      *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), BFG_DRY_RUN_STATUS_FAIL);
  g_return_val_if_fail (i >= 0, BFG_DRY_RUN_STATUS_FAIL);

  return self->steps[i].status;
}

/**
 * bfg_dry_run_result_get_step_detail:
 * @self: a result
 * @step_id: a step id
 *
 * Returns: (nullable): what the step proved, or why it failed
 */
const char *
bfg_dry_run_result_get_step_detail (BfgDryRunResult *self,
                                    const char      *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);

  return self->steps[i].detail;
}

/**
 * bfg_dry_run_result_get_step_rows:
 * @self: a result
 * @step_id: a step id
 *
 * Returns: the rows (or fields, or actors) the step went through
 */
gint64
bfg_dry_run_result_get_step_rows (BfgDryRunResult *self,
                                  const char      *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), 0);
  g_return_val_if_fail (i >= 0, 0);

  return self->steps[i].rows;
}

/**
 * bfg_dry_run_result_get_step_ms:
 * @self: a result
 * @step_id: a step id
 *
 * Returns: how long the step took, in milliseconds
 */
gint64
bfg_dry_run_result_get_step_ms (BfgDryRunResult *self,
                                const char      *step_id)
{
  int i = step_index (step_id);

  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), 0);
  g_return_val_if_fail (i >= 0, 0);

  return self->steps[i].ms;
}

/**
 * bfg_dry_run_result_get_error:
 * @self: a result
 *
 * Returns: (nullable): the first step failure, with its typed domain
 *   (%BFG_DRY_RUN_ERROR, %BFG_SNAPSHOT_ERROR or %G_IO_ERROR_CANCELLED)
 */
const GError *
bfg_dry_run_result_get_error (BfgDryRunResult *self)
{
  g_return_val_if_fail (BFG_IS_DRY_RUN_RESULT (self), NULL);

  return self->error;
}

/* Public entry points */

static void
dry_run_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  run_in_thread (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
on_worker_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BfgWorkspace *workspace = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;

  /* Back in the caller's context: the workspace connection is used from
   * here only, never from the worker. */
  if (!record_results (workspace, run, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (run->result), g_object_unref);
}

/**
 * bfg_dry_run_async:
 * @workspace: a writable workspace
 * @options: the actor, the endpoint (or none for a local rehearsal), the
 *   password and the progress callback
 * @cancellable: (nullable): cancels the run; a replay in flight is
 *   interrupted on the server and rolled back
 * @callback: called when the run is over and recorded
 * @user_data: data for @callback
 *
 * Runs the five dry-run steps in a worker thread: export snapshot,
 * schema-map validation, RBAC claims rehearsal, adapter replay and
 * rollback checkpoint. Progress reaches @options' callback in the
 * thread-default main context of the caller. When the run is over, its
 * transcript is stored in the workspace (dry_run_runs, with an audit
 * event), each step is recorded as evidence for its dry-run check, and
 * each data batch whose tables the replay verified is recorded for its
 * data-batches check.
 */
void
bfg_dry_run_async (BfgWorkspace        *workspace,
                   BfgDryRunOptions    *options,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (BFG_IS_WORKSPACE (workspace));
  g_return_if_fail (options != NULL);

  task = g_task_new (workspace, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_dry_run_async);

  /* A cancelled run still has a result, recorded as cancelled. */
  g_task_set_check_cancellable (task, FALSE);

  run = run_new (workspace, options, cancellable,
                 g_main_context_ref_thread_default (), &error);
  if (run != NULL)
    g_main_context_unref (run->context);
  if (run == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Cancelling must not cut the task short: the run still ends its steps
   * as cancelled and is recorded, so the worker ignores the task's own
   * cancellation handling. */
  worker = g_task_new (NULL, NULL, on_worker_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (worker, dry_run_thread);
}

/**
 * bfg_dry_run_finish:
 * @workspace: the workspace given to bfg_dry_run_async()
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns a result whenever the run took place, passing or not (see
 * bfg_dry_run_result_get_passed()); %NULL with @error when it could not
 * start or its evidence could not be recorded.
 *
 * Returns: (transfer full) (nullable): the result
 */
BfgDryRunResult *
bfg_dry_run_finish (BfgWorkspace  *workspace,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bfg_dry_run_sync:
 * @workspace: a writable workspace
 * @options: see bfg_dry_run_async()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like bfg_dry_run_async(), in the calling thread; progress is reported
 * from it directly. For the command line.
 *
 * Returns: (transfer full) (nullable): the result
 */
BfgDryRunResult *
bfg_dry_run_sync (BfgWorkspace      *workspace,
                  BfgDryRunOptions  *options,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(Run) run = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = run_new (workspace, options, cancellable, NULL, error);
  if (run == NULL)
    return NULL;

  run_in_thread (run);
  if (!record_results (workspace, run, error))
    return NULL;

  return g_object_ref (run->result);
}
