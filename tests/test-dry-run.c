/* test-dry-run.c: the five-step dry-run, local and against PostgreSQL
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "bfg-demo-ops.h"
#include "bfg-dry-run.h"
#include "bfg-target-schema.h"
#include "bfg-test-services.h"
#include "test-core-util.h"

static gboolean have_pg;

static BfgWorkspace *
open_demo_with_ops (const char *dir,
                    guint64     n_ops)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "w.sqlite", NULL);
  BfgWorkspace *ws;

  g_assert_true (bfg_workspace_write_demo (path, FALSE, &error));
  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  if (n_ops > 0)
    g_assert_true (bfg_demo_generate_operations (bfg_workspace_get_db (ws),
                                                 n_ops, FALSE, NULL, NULL,
                                                 NULL, &error));
  g_assert_no_error (error);

  return ws;
}

static gint64
count_runs (BfgWorkspace *ws)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  sqlite3_prepare_v2 (bfg_workspace_get_db (ws),
                      "select count(*) from dry_run_runs", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
assert_all (BfgDryRunResult *result,
            BfgDryRunStatus  status)
{
  for (const char * const *id = bfg_dry_run_step_ids (); *id; id++)
    {
      g_test_message ("%s: %s", *id,
                      bfg_dry_run_result_get_step_detail (result, *id));
      g_assert_cmpint (bfg_dry_run_result_get_step_status (result, *id), ==,
                       status);
    }
}

static void
test_local_rehearsal (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 4000);
  g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new (MAREK);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(BfgEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  assert_all (result, BFG_DRY_RUN_STATUS_PASS);
  g_assert_true (bfg_dry_run_result_get_passed (result));
  g_assert_cmpstr (bfg_dry_run_result_get_target (result), ==,
                   BFG_DRY_RUN_LOCAL_REHEARSAL);
  g_assert_nonnull (strstr (bfg_dry_run_result_get_transcript (result),
                            "\"local rehearsal\""));
  g_assert_cmpint (count_runs (ws), ==, 1);

  /* The evidence is recorded: the dry-run checks wait for Marek's
   * acceptance, and the batches are verified. */
  engine = bfg_engine_new (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_engine_get_check_state (engine, "dry-run.adapterReplay"),
                   ==, BFG_CHECK_STATE_REVIEW);
  g_assert_cmpint (bfg_engine_get_check_state (engine,
                                               "data-batches.financeLedger"),
                   ==, BFG_CHECK_STATE_READY);

  /* A row shows a passed step as its rows and time, in one line; the
   * step's sentence stays in the recorded object. */
  {
    g_autofree char *replay =
      g_strdup_printf ("Passed · %'" G_GINT64_FORMAT " rows · %'" G_GINT64_FORMAT " ms",
                       bfg_dry_run_result_get_step_rows (result, "adapter-replay"),
                       bfg_dry_run_result_get_step_ms (result, "adapter-replay"));

    g_assert_cmpstr (bfg_check_get_evidence_summary (
                       bfg_engine_get_check (engine, "dry-run.adapterReplay")),
                     ==, replay);

    /* The check page gives the step's sentence, as the run found it. */
    g_assert_cmpstr (bfg_check_get_evidence_detail (
                       bfg_engine_get_check (engine, "dry-run.adapterReplay")),
                     ==, bfg_dry_run_result_get_step_detail (result, "adapter-replay"));
    g_assert_null (bfg_check_get_evidence_detail (
                     bfg_engine_get_check (engine, "data-batches.financeLedger")));
  }

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_local_type_mismatch (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 80);
  g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new (MAREK);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *detail;

  g_assert_cmpint (sqlite3_exec (bfg_workspace_get_db (ws),
                                 "update orders set weight_kg = 'heavy' "
                                 "where order_id = 'ord-00000004'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bfg_dry_run_result_get_passed (result));
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result, "schema-map"),
                   ==, BFG_DRY_RUN_STATUS_FAIL);
  detail = bfg_dry_run_result_get_step_detail (result, "schema-map");
  g_assert_nonnull (strstr (detail, "orders row 4 (order_id ord-00000004) "
                                    "field weight_kg"));
  g_assert_error ((GError *) bfg_dry_run_result_get_error (result),
                  BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TYPE_MISMATCH);
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result, "adapter-replay"),
                   ==, BFG_DRY_RUN_STATUS_FAIL);
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result,
                                                       "rollback-checkpoint"),
                   ==, BFG_DRY_RUN_STATUS_PASS);
  g_assert_cmpint (count_runs (ws), ==, 1);

  /* A failed step's row gives its reason, not its numbers. */
  {
    g_autoptr(BfgEngine) engine = bfg_engine_new (ws, &error);
    g_autofree char *expected = g_strdup_printf ("Failed: %s", detail);

    g_assert_no_error (error);
    g_assert_cmpstr (bfg_check_get_evidence_summary (
                       bfg_engine_get_check (engine, "dry-run.schemaMapValidation")),
                     ==, expected);
    g_assert_cmpstr (bfg_check_get_evidence_detail (
                       bfg_engine_get_check (engine, "dry-run.schemaMapValidation")),
                     ==, detail);
  }

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_needs_permission (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 0);
  g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new (PETRO);
  g_autoptr(GError) error = NULL;

  g_assert_null (bfg_dry_run_sync (ws, options, NULL, &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count_runs (ws), ==, 0);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

/* PostgreSQL */

static void
quiet_notice (void       *arg,
              const char *message)
{
}

static PGconn *
super_connect (const char *dbname)
{
  g_autofree char *conninfo = bfg_test_pg_conninfo (TRUE, dbname);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQsetNoticeProcessor (conn, quiet_notice, NULL);
  return conn;
}

static void
super_exec (PGconn     *conn,
            const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK &&
      PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

static gint64
target_rows (void)
{
  PGconn *conn = super_connect (NULL);
  g_autoptr(GString) sql = g_string_new ("select 0");
  PGresult *res;
  gint64 n;

  for (const char * const *t = bfg_target_schema_tables (); *t; t++)
    g_string_append_printf (sql, " + (select count(*) from "
                            BFG_TARGET_SCHEMA ".%s)", *t);
  res = PQexec (conn, sql->str);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);

  return n;
}

static void
apply_schema (const char *dbname)
{
  PGconn *conn = super_connect (dbname);
  g_autofree char *grant = NULL;

  /* Twice: the runbook SQL is idempotent. */
  super_exec (conn, bfg_target_schema_sql ());
  super_exec (conn, bfg_target_schema_sql ());
  grant = g_strdup_printf ("grant usage on schema " BFG_TARGET_SCHEMA " to %s; "
                           "grant select, insert on all tables in schema "
                           BFG_TARGET_SCHEMA " to %s",
                           g_getenv ("BFG_TEST_PG_USER"),
                           g_getenv ("BFG_TEST_PG_USER"));
  super_exec (conn, grant);
  PQfinish (conn);
}

static char *
schema_dump (void)
{
  g_autofree char *pg_dump = g_build_filename (g_getenv ("BFG_TEST_PG_BIN"),
                                               "pg_dump", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PGPASSWORD",
                                        g_getenv ("BFG_TEST_PG_SUPERPASS"), TRUE);
  const char *argv[] = {
    pg_dump, "-s", "-h", g_getenv ("BFG_TEST_PG_HOST"),
    "-p", g_getenv ("BFG_TEST_PG_PORT"), "-U", g_getenv ("BFG_TEST_PG_SUPERUSER"),
    g_getenv ("BFG_TEST_PG_DATABASE"), NULL
  };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* pg_dump 17.6 and later frames its output with \restrict lines that
   * carry a random key; they say nothing about the schema. */
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_autoptr(GString) kept = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      if (!g_str_has_prefix (lines[i], "\\restrict ") &&
          !g_str_has_prefix (lines[i], "\\unrestrict "))
        g_string_append_printf (kept, "%s\n", lines[i]);

    return g_string_free (g_steal_pointer (&kept), FALSE);
  }
}

static BfgDryRunOptions *
pg_options (const char *dbname)
{
  BfgDryRunOptions *options = bfg_dry_run_options_new (MAREK);
  g_autoptr(BfgEndpoint) endpoint = NULL;

  endpoint = bfg_endpoint_new (g_getenv ("BFG_TEST_PG_HOST"),
                               (guint) g_ascii_strtoull (g_getenv ("BFG_TEST_PG_PORT"),
                                                         NULL, 10),
                               dbname ? dbname : g_getenv ("BFG_TEST_PG_DATABASE"),
                               g_getenv ("BFG_TEST_PG_USER"),
                               BFG_SSL_MODE_VERIFY_FULL,
                               g_getenv ("BFG_TEST_PG_CA"));
  bfg_dry_run_options_set_endpoint (options, endpoint);
  bfg_dry_run_options_set_password (options, g_getenv ("BFG_TEST_PG_PASSWORD"));

  return options;
}

static void
test_pg_pass (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 20000);
  g_autoptr(BfgDryRunOptions) options = pg_options (NULL);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  before = schema_dump ();
  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  assert_all (result, BFG_DRY_RUN_STATUS_PASS);
  g_assert_cmpint (bfg_dry_run_result_get_step_rows (result, "adapter-replay"),
                   >=, 20000);

  /* No trace: no rows, the same schema. */
  g_assert_cmpint (target_rows (), ==, 0);
  after = schema_dump ();
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_pg_schema_missing_and_type (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 40);
  g_autoptr(BfgDryRunOptions) options = pg_options ("bfg_dry_other");
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(BfgDryRunResult) again = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn = super_connect (NULL);
  PGconn *other;

  super_exec (conn, "drop database if exists bfg_dry_other");
  super_exec (conn, "create database bfg_dry_other");
  PQfinish (conn);

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result, "adapter-replay"),
                   ==, BFG_DRY_RUN_STATUS_FAIL);
  g_assert_error ((GError *) bfg_dry_run_result_get_error (result),
                  BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_SCHEMA_MISSING);
  g_assert_nonnull (strstr (bfg_dry_run_result_get_step_detail (result,
                                                                "adapter-replay"),
                            "ProductionAdapterMigrationRunbook.v1"));

  /* A target column of another type is named before anything loads. */
  apply_schema ("bfg_dry_other");
  other = super_connect ("bfg_dry_other");
  super_exec (other, "alter table " BFG_TARGET_SCHEMA ".orders "
                     "alter column weight_kg type integer");
  PQfinish (other);
  again = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_error ((GError *) bfg_dry_run_result_get_error (again),
                  BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_TYPE_MISMATCH);
  g_assert_nonnull (strstr (bfg_dry_run_result_get_step_detail (again,
                                                                "adapter-replay"),
                            "orders.weight_kg"));

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_pg_digest_mismatch (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 400);
  g_autoptr(BfgDryRunOptions) options = pg_options (NULL);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn = super_connect (NULL);

  /* A target that quietly changes what it stores. */
  super_exec (conn, "create function " BFG_TARGET_SCHEMA ".mangle() returns "
                    "trigger language plpgsql as $$ begin "
                    "if new.event_id = 'drv-00000002-2' then "
                    "new.note := upper(new.note); end if; return new; end $$; "
                    "create trigger mangle before insert on " BFG_TARGET_SCHEMA
                    ".driver_events for each row execute function "
                    BFG_TARGET_SCHEMA ".mangle()");

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  super_exec (conn, "drop trigger mangle on " BFG_TARGET_SCHEMA ".driver_events; "
                    "drop function " BFG_TARGET_SCHEMA ".mangle()");
  PQfinish (conn);

  g_assert_no_error (error);
  g_assert_error ((GError *) bfg_dry_run_result_get_error (result),
                  BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_DIGEST_MISMATCH);
  g_assert_nonnull (strstr (bfg_dry_run_result_get_step_detail (result,
                                                                "adapter-replay"),
                            "driver_events row 5 (drv-00000002-2)"));
  g_assert_cmpint (target_rows (), ==, 0);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

/* The operations tables' foreign keys are deferred and checked in bulk
 * after the load: a reference the target cannot resolve must still stop
 * the replay, named by table, columns and an example value. The key here
 * is one the runbook does not have, so the check is shown to follow the
 * target's catalogue rather than a list of its own. */
static void
test_pg_unresolved_reference (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 40);
  g_autoptr(BfgDryRunOptions) options = pg_options ("bfg_dry_refs");
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn = super_connect (NULL);
  PGconn *other;
  PGresult *res;
  const char *detail;

  super_exec (conn, "drop database if exists bfg_dry_refs");
  super_exec (conn, "create database bfg_dry_refs");
  apply_schema ("bfg_dry_refs");
  other = super_connect ("bfg_dry_refs");

  /* The runbook's own keys can be deferred, or the replay would pay a
   * trigger per row. */
  res = PQexec (other, "select count(*) filter (where not condeferrable), count(*) "
                       "from pg_constraint where contype = 'f' and conrelid in "
                       "('" BFG_TARGET_SCHEMA ".orders'::regclass, '"
                       BFG_TARGET_SCHEMA ".driver_events'::regclass, '"
                       BFG_TARGET_SCHEMA ".finance_events'::regclass, '"
                       BFG_TARGET_SCHEMA ".documents'::regclass)");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "0");
  g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, "9");
  PQclear (res);

  super_exec (other, "alter table " BFG_TARGET_SCHEMA ".documents "
                     "add constraint documents_file_order foreign key (file_name) "
                     "references " BFG_TARGET_SCHEMA ".orders (order_id) "
                     "deferrable initially immediate");
  PQfinish (other);

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result, "adapter-replay"),
                   ==, BFG_DRY_RUN_STATUS_FAIL);
  g_assert_error ((GError *) bfg_dry_run_result_get_error (result),
                  BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_REFERENCE);
  detail = bfg_dry_run_result_get_step_detail (result, "adapter-replay");
  g_assert_nonnull (strstr (detail, "rows of documents refer to file_name values "
                                    "that orders of this tenant does not have"));

  /* Nothing stays behind in that target either. */
  other = super_connect ("bfg_dry_refs");
  res = PQexec (other, "select (select count(*) from " BFG_TARGET_SCHEMA ".orders) + "
                       "(select count(*) from " BFG_TARGET_SCHEMA ".documents)");
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "0");
  PQclear (res);
  PQfinish (other);
  super_exec (conn, "drop database bfg_dry_refs");
  PQfinish (conn);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

/* Binary COPY spells timestamps on the client: a date that passes the
 * export's pattern but does not exist must still stop the replay, as the
 * server's own parsing of it as text would. */
static void
test_pg_impossible_date (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 400);
  g_autoptr(BfgDryRunOptions) options = pg_options (NULL);
  g_autoptr(BfgDryRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const GError *replay_error;

  g_assert_cmpint (sqlite3_exec (bfg_workspace_get_db (ws),
                                 "update driver_events set at = "
                                 "'2026-04-31T08:00:00Z' "
                                 "where event_id = 'drv-00000002-2'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  result = bfg_dry_run_sync (ws, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_dry_run_result_get_step_status (result,
                                                       "adapter-replay"),
                   ==, BFG_DRY_RUN_STATUS_FAIL);
  replay_error = bfg_dry_run_result_get_error (result);
  g_assert_error ((GError *) replay_error, BFG_DRY_RUN_ERROR,
                  BFG_DRY_RUN_ERROR_TYPE_MISMATCH);
  g_assert_nonnull (strstr (replay_error->message, "drv-00000002-2"));
  g_assert_nonnull (strstr (replay_error->message, "2026-04-31T08:00:00Z"));
  g_assert_cmpint (target_rows (), ==, 0);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

typedef enum
{
  INTERRUPT_CANCEL,
  INTERRUPT_TERMINATE,
  INTERRUPT_STOP_SERVER,
} Interrupt;

typedef struct
{
  Interrupt        how;
  GCancellable    *cancellable;
  gboolean         fired;
  GThread         *thread;
  BfgDryRunResult *result;
  GError          *error;
  gboolean         done;
} Watch;

static gpointer
stop_server_thread (gpointer data)
{
  g_autofree char *pg_ctl = g_build_filename (g_getenv ("BFG_TEST_PG_BIN"),
                                              "pg_ctl", NULL);
  g_autofree char *cmd = NULL;
  int status = 0;

  cmd = g_strdup_printf ("%s%s -D %s -m immediate stop",
                         getuid () == 0 ? "runuser -u postgres -- " : "",
                         pg_ctl, g_getenv ("BFG_TEST_PG_DATA"));
  g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL);

  return NULL;
}

static void
on_progress (const char *step_id,
             guint64     rows,
             guint64     total,
             double      rate,
             gpointer    user_data)
{
  Watch *w = user_data;

  if (w->fired || strcmp (step_id, "adapter-replay") != 0 || rows == 0)
    return;
  w->fired = TRUE;

  switch (w->how)
    {
    case INTERRUPT_CANCEL:
      g_cancellable_cancel (w->cancellable);
      break;

    case INTERRUPT_TERMINATE:
      {
        PGconn *conn = super_connect (NULL);

        super_exec (conn, "select pg_terminate_backend(pid) from "
                          "pg_stat_activity where application_name = "
                          "'bfg-dry-run'");
        PQfinish (conn);
      }
      break;

    case INTERRUPT_STOP_SERVER:
      w->thread = g_thread_new ("stop", stop_server_thread, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Watch *w = user_data;

  w->result = bfg_dry_run_finish (BFG_WORKSPACE (source), res, &w->error);
  w->done = TRUE;
}

static void
restart_server (void)
{
  g_autofree char *pg_ctl = g_build_filename (g_getenv ("BFG_TEST_PG_BIN"),
                                              "pg_ctl", NULL);
  g_autofree char *cmd = NULL;
  int status = 0;

  cmd = g_strdup_printf ("%s%s -D %s -l %s/server.log -w -t 60 start",
                         getuid () == 0 ? "runuser -u postgres -- " : "",
                         pg_ctl, g_getenv ("BFG_TEST_PG_DATA"),
                         g_getenv ("BFG_TEST_PG_DIR"));
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_pg_interrupted (gconstpointer data)
{
  Interrupt how = GPOINTER_TO_INT (data);
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 300000);
  g_autoptr(BfgDryRunOptions) options = pg_options (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch w = { how, cancellable, FALSE, NULL, NULL, NULL, FALSE };
  BfgDryRunStatus replay;

  bfg_dry_run_options_set_progress (options, on_progress, &w, NULL);
  bfg_dry_run_async (ws, options, cancellable, on_done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (w.thread != NULL)
    g_thread_join (w.thread);

  g_assert_no_error (w.error);
  g_assert_true (w.fired);
  replay = bfg_dry_run_result_get_step_status (w.result, "adapter-replay");
  g_test_message ("replay: %s",
                  bfg_dry_run_result_get_step_detail (w.result, "adapter-replay"));
  g_assert_false (bfg_dry_run_result_get_passed (w.result));
  if (how == INTERRUPT_CANCEL)
    {
      g_assert_cmpint (replay, ==, BFG_DRY_RUN_STATUS_CANCELLED);
      g_assert_true (bfg_dry_run_result_get_cancelled (w.result));
    }
  else
    {
      g_assert_cmpint (replay, ==, BFG_DRY_RUN_STATUS_FAIL);
      g_assert_error ((GError *) bfg_dry_run_result_get_error (w.result),
                      BFG_DRY_RUN_ERROR, BFG_DRY_RUN_ERROR_CONNECTION);
      g_assert_cmpint (bfg_dry_run_result_get_step_status (w.result,
                                                           "rollback-checkpoint"),
                       ==, BFG_DRY_RUN_STATUS_PASS);
    }
  g_assert_cmpint (count_runs (ws), ==, 1);

  if (how == INTERRUPT_STOP_SERVER)
    restart_server ();
  g_assert_cmpint (target_rows (), ==, 0);

  g_clear_object (&w.result);
  g_clear_object (&ws);
  test_remove_tree (dir);
}

static gint64
query_int (BfgWorkspace *ws,
           const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (bfg_workspace_get_db (ws), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* The generator suspends the per-row counter triggers: the counters and
 * the data version must still end as the triggers would leave them, and
 * the triggers must be back. */
static void
test_generate_counters (void)
{
  static const char * const tables[] = {
    "orders", "driver_events", "finance_events", "documents",
  };
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_with_ops (dir, 100);
  g_autoptr(GError) error = NULL;
  const char *triggers_sql = "select count(*) from sqlite_master "
                             "where type = 'trigger'";
  gint64 triggers = query_int (ws, triggers_sql);
  gint64 version = bfg_workspace_get_data_version (ws);

  g_assert_true (bfg_demo_generate_operations (bfg_workspace_get_db (ws), 37,
                                               TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bfg_workspace_get_data_version (ws), ==, version + 100 + 37);
  g_assert_cmpint (query_int (ws, triggers_sql), ==, triggers);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = g_strdup_printf ("select count(*) from %s",
                                                tables[i]);
      g_autofree char *kept = g_strdup_printf ("select value from scenario_state "
                                               "where key = 'rows.%s'", tables[i]);

      g_assert_cmpint (query_int (ws, kept), ==, query_int (ws, count));
    }
  g_assert_cmpint (query_int (ws, "select count(*) from orders"), ==, 5);

  /* The triggers count again once the generator is done. */
  g_assert_cmpint (sqlite3_exec (bfg_workspace_get_db (ws),
                                 "delete from documents where rowid = "
                                 "(select max(rowid) from documents)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (ws, "select value from scenario_state "
                              "where key = 'rows.documents'"), ==,
                   query_int (ws, "select count(*) from documents"));
  g_assert_cmpint (bfg_workspace_get_data_version (ws), ==, version + 138);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dry-run/local/rehearsal", test_local_rehearsal);
  g_test_add_func ("/dry-run/local/type-mismatch", test_local_type_mismatch);
  g_test_add_func ("/dry-run/needs-permission", test_needs_permission);
  g_test_add_func ("/dry-run/generate/counters", test_generate_counters);

  have_pg = bfg_test_require_pg ();
  if (have_pg)
    {
      apply_schema (NULL);
      g_test_add_func ("/dry-run/pg/pass", test_pg_pass);
      g_test_add_func ("/dry-run/pg/schema-missing-and-type",
                       test_pg_schema_missing_and_type);
      g_test_add_func ("/dry-run/pg/digest-mismatch", test_pg_digest_mismatch);
      g_test_add_func ("/dry-run/pg/unresolved-reference",
                       test_pg_unresolved_reference);
      g_test_add_func ("/dry-run/pg/impossible-date", test_pg_impossible_date);
      g_test_add_data_func ("/dry-run/pg/cancel",
                            GINT_TO_POINTER (INTERRUPT_CANCEL),
                            test_pg_interrupted);
      g_test_add_data_func ("/dry-run/pg/terminate-backend",
                            GINT_TO_POINTER (INTERRUPT_TERMINATE),
                            test_pg_interrupted);
      g_test_add_data_func ("/dry-run/pg/server-stopped",
                            GINT_TO_POINTER (INTERRUPT_STOP_SERVER),
                            test_pg_interrupted);
    }

  return g_test_run ();
}
