/* test-packets.c: packets are deterministic, derived and bound to sign-offs
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "bfg-core.h"
#include "bfg-packets.h"
#include "bfg-target-schema.h"
#include "bfg-test-services.h"
#include "test-core-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  BfgWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->workspace = test_open_demo (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->workspace);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GPtrArray *
render_all (BfgWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *packets = bfg_packets_render_all (workspace, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (packets);
  return packets;
}

static BfgPacket *
render (BfgWorkspace *workspace,
        const char   *name)
{
  g_autoptr(GError) error = NULL;
  BfgPacket *packet = bfg_packet_render_current (workspace, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (packet);
  return packet;
}

static void
test_names (void)
{
  const char * const *names = bfg_packets_get_names ();

  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 10);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_assert_true (bfg_packets_is_known (names[i]));
      g_assert_true (g_str_has_suffix (names[i], ".v1"));
    }
  g_assert_false (bfg_packets_is_known ("ProductionNothing.v1"));
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgPacket) packet = NULL;

  packet = bfg_packet_render_current (fixture->workspace,
                                      "ProductionNothing.v1", &error);
  g_assert_null (packet);
  g_assert_error (error, BFG_PACKET_ERROR, BFG_PACKET_ERROR_UNKNOWN);
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = render_all (fixture->workspace);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  /* Twice in a row, and again after reopening the file: same bytes. */
  second = render_all (fixture->workspace);
  g_assert_cmpuint (first->len, ==, 10);
  g_assert_cmpuint (second->len, ==, first->len);

  for (guint i = 0; i < first->len; i++)
    {
      g_assert_cmpstr (bfg_packet_get_text (first->pdata[i]), ==,
                       bfg_packet_get_text (second->pdata[i]));
      g_assert_cmpstr (bfg_packet_get_json (first->pdata[i]), ==,
                       bfg_packet_get_json (second->pdata[i]));
    }

  g_clear_object (&fixture->workspace);
  fixture->workspace = bfg_workspace_open (fixture->path,
                                           BFG_WORKSPACE_FLAGS_READ_ONLY,
                                           &error);
  g_assert_no_error (error);
  g_clear_pointer (&second, g_ptr_array_unref);
  second = render_all (fixture->workspace);

  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (bfg_packet_get_text (first->pdata[i]), ==,
                     bfg_packet_get_text (second->pdata[i]));
}

static void
test_checksums (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) packets = render_all (fixture->workspace);

  for (guint i = 0; i < packets->len; i++)
    {
      BfgPacket *packet = packets->pdata[i];
      const char *text = bfg_packet_get_text (packet);
      g_autofree char *sha256 = NULL;
      g_autofree char *short_sum = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
      short_sum = bfg_packets_short_checksum (text, strlen (text));
      g_assert_cmpstr (bfg_packet_get_sha256 (packet), ==, sha256);
      g_assert_cmpstr (bfg_packet_get_checksum (packet), ==, short_sum);
      g_assert_cmpuint (strlen (short_sum), ==, 12);
      g_assert_true (g_str_has_prefix (short_sum, "bfg-"));
      g_assert_true (strncmp (short_sum + 4, sha256, 8) == 0);
      g_assert_true (g_str_has_suffix (text, "\n"));
      g_assert_true (g_utf8_validate (text, -1, NULL));

      /* The JSON form carries the full digest and the exact text. */
      json_parser_load_from_data (parser, bfg_packet_get_json (packet), -1,
                                  &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "packet"), ==,
                       bfg_packet_get_name (packet));
      g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==,
                       sha256);
      g_assert_cmpstr (json_object_get_string_member (object, "checksum"), ==,
                       short_sum);
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==,
                       text);
    }
}

static void
assert_line (BfgPacket  *packet,
             const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *text = g_strconcat ("\n", bfg_packet_get_text (packet),
                                       NULL);

  if (strstr (text, needle) == NULL)
    g_error ("%s lacks the line “%s”:\n%s", bfg_packet_get_name (packet),
             line, bfg_packet_get_text (packet));
}

/* The demo workspace reproduces the seed's packets, all derived. */
static void
test_demo_content (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(BfgPacket) plan = NULL;
  g_autoptr(BfgPacket) runbook = NULL;
  g_autoptr(BfgPacket) preflight = NULL;
  g_autoptr(BfgPacket) release = NULL;
  g_autoptr(BfgPacket) rollback = NULL;
  g_autoptr(BfgPacket) wiring = NULL;
  g_autoptr(BfgPacket) snapshot = NULL;
  g_autoptr(BfgPacket) connection = NULL;
  g_autoptr(BfgPacket) infrastructure = NULL;
  const char *checksum;

  plan = render (fixture->workspace, BFG_PACKET_DATA_CUTOVER_PLAN);
  snapshot = render (fixture->workspace, BFG_PACKET_SCENARIO_SNAPSHOT);
  checksum = bfg_packet_get_field (snapshot, "checksum");
  g_assert_nonnull (checksum);
  g_assert_true (g_str_has_prefix (checksum, "bfg-"));

  assert_line (plan, "ProductionDataCutoverPlan.v1");
  assert_line (plan, "target=db-auth-session-adapter");
  assert_line (plan, "session=grant-demo-local");
  assert_line (plan, "snapshot_schema=BFGScenarioSnapshot.v1");
  g_assert_cmpstr (bfg_packet_get_field (plan, "snapshot_checksum"), ==,
                   checksum);
  g_assert_cmpstr (bfg_packet_get_field (plan, "snapshot_rows"), ==,
                   bfg_packet_get_field (snapshot, "rows"));
  assert_line (plan, "batches=1/4");
  assert_line (plan, "steps=0/5");
  assert_line (plan, "connection=0/4");
  assert_line (plan, "dry_run=0/5");
  assert_line (plan, "runbook_decision=BLOCKED_PENDING_PREFLIGHT");
  assert_line (plan, "release_decision=BLOCKED_PENDING_DRY_RUN");
  assert_line (plan, "rollback_decision=BLOCKED_PENDING_DRY_RUN");
  assert_line (plan, "cutover_decision=BLOCKED_PENDING_DATA_CUTOVER");

  runbook = render (fixture->workspace, BFG_PACKET_MIGRATION_RUNBOOK);
  g_assert_true (g_str_has_prefix (bfg_packet_get_text (runbook),
                                   "-- ProductionAdapterMigrationRunbook.v1\n"
                                   "-- source=BFGScenarioSnapshot.v1\n"
                                   "-- target=db-auth-session-adapter\n"
                                   "-- session=grant-demo-local\n"));
  g_assert_cmpstr (bfg_packet_get_field (runbook, "checksum"), ==, checksum);
  assert_line (runbook, "-- runbook_decision=BLOCKED_PENDING_PREFLIGHT");
  assert_line (runbook, "create schema if not exists bfg_flowcontrol;");
  g_assert_nonnull (strstr (bfg_packet_get_text (runbook),
                            bfg_target_schema_sql ()));

  preflight = render (fixture->workspace, BFG_PACKET_MIGRATION_PREFLIGHT);
  assert_line (preflight, "ProductionAdapterMigrationPreflight.v1");
  assert_line (preflight, "schema=BFGScenarioSnapshot.v1");
  assert_line (preflight, "adapter_contract=ScenarioStore.v1");
  assert_line (preflight, "dry_run=0/5");
  assert_line (preflight, "connection=0/4");
  assert_line (preflight, "rollback_decision=BLOCKED_PENDING_DRY_RUN");
  g_assert_cmpstr (bfg_packet_get_field (preflight, "checksum"), ==,
                   checksum);

  release = render (fixture->workspace, BFG_PACKET_RELEASE_HANDOFF);
  g_assert_cmpstr (bfg_packet_get_text (release), ==,
                   "# ProductionReleaseHandoff.v1\n"
                   "BFG_RELEASE_ENVIRONMENT=local-demo\n"
                   "BFG_RELEASE_TARGET=db-auth-session-adapter\n"
                   "BFG_SCENARIO_ADAPTER=ScenarioStore.v1\n"
                   "BFG_STORAGE_ADAPTER=file-local\n"
                   "BFG_AUTH_MODE=mock-auth-header\n"
                   "BFG_TENANT_MODE=single-tenant-local\n"
                   "BFG_ROLLBACK_OWNER=user_md_anna\n"
                   "BFG_RELEASE_EVIDENCE=ProductionAdapterDryRun.v1\n"
                   "BFG_RELEASE_DECISION=BLOCKED_PENDING_DRY_RUN\n");

  rollback = render (fixture->workspace, BFG_PACKET_ROLLBACK_DRILL);
  g_assert_cmpstr (bfg_packet_get_text (rollback), ==,
                   "# ProductionRollbackDrill.v1\n"
                   "BFG_ROLLBACK_DECISION=BLOCKED_PENDING_DRY_RUN\n"
                   "BFG_ROLLBACK_OWNER=user_md_anna\n"
                   "BFG_ROLLBACK_STORAGE=file-local\n"
                   "BFG_ROLLBACK_AUTH=mock-auth-header\n"
                   "BFG_ROLLBACK_EVIDENCE=ProductionReleaseHandoff.v1\n"
                   "BFG_ROLLBACK_PACKET=ProductionRollbackDrill.v1\n");

  wiring = render (fixture->workspace, BFG_PACKET_DB_AUTH_WIRING);
  assert_line (wiring, "checks=0/7");
  assert_line (wiring, "decision=BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
  assert_line (wiring, "traffic=production_traffic_disabled");
  assert_line (wiring, "db-auth-session-adapter.liveCredentials=blocked");

  infrastructure = render (fixture->workspace, BFG_PACKET_INFRASTRUCTURE);
  assert_line (infrastructure, "accepted=0/4");
  assert_line (infrastructure, "hosting=pending");
  assert_line (infrastructure, "production_decision=BLOCKED_PENDING_DRY_RUN");

  connection = render (fixture->workspace, BFG_PACKET_CONNECTION);
  assert_line (connection, "endpoint=not recorded");
  assert_line (connection, "fingerprint=not recorded");
  assert_line (connection, "connection=0/4");
}

/* Golden files make every change to a packet's bytes deliberate:
 * BFG_UPDATE_GOLDEN=1 rewrites them from the current rendering. */
static void
test_golden (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) packets = render_all (fixture->workspace);
  gboolean update = g_strcmp0 (g_getenv ("BFG_UPDATE_GOLDEN"), "1") == 0;
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  g_assert_nonnull (srcdir);

  for (guint i = 0; i < packets->len; i++)
    {
      BfgPacket *packet = packets->pdata[i];
      g_autofree char *name = g_strconcat (bfg_packet_get_name (packet),
                                           ".txt", NULL);
      g_autofree char *path = g_build_filename (srcdir, "golden", name, NULL);
      g_autofree char *expected = NULL;
      g_autoptr(GError) error = NULL;

      if (update)
        {
          g_autofree char *golden_dir = g_path_get_dirname (path);

          g_mkdir_with_parents (golden_dir, 0755);
          g_file_set_contents (path, bfg_packet_get_text (packet), -1,
                               &error);
          g_assert_no_error (error);
          g_test_message ("rewrote %s", path);
          continue;
        }

      g_file_get_contents (path, &expected, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (expected, bfg_packet_get_text (packet)) != 0)
        g_error ("%s differs from %s; if the change is deliberate, rerun "
                 "with BFG_UPDATE_GOLDEN=1:\n%s", bfg_packet_get_name (packet),
                 path, bfg_packet_get_text (packet));
    }
}

/* rollback.auditPacket binds the packet's checksum; a state change that
 * changes the packet makes the acceptance stale. */
static void
test_sign_off_binds_packet (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(BfgPacket) before = NULL;
  g_autoptr(BfgPacket) after = NULL;
  g_autoptr(BfgEval) eval = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bound = NULL;
  sqlite3 *db;

  bfg_workspace_accept (fixture->workspace, "user_md_anna",
                        "rollback.auditPacket", "rollback drill reviewed",
                        &error);
  g_assert_no_error (error);

  before = render (fixture->workspace, BFG_PACKET_ROLLBACK_DRILL);
  bound = bfg_workspace_dup_accepted_value (fixture->workspace,
                                            "rollback.auditPacket");
  g_assert_cmpstr (bound, ==, bfg_packet_get_checksum (before));

  eval = bfg_eval_new (fixture->workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_eval_get_check_state (eval, "rollback.auditPacket"),
                   ==, BFG_CHECK_STATE_READY);
  g_assert_cmpstr (bfg_eval_get_check_value (eval, "rollback.auditPacket"),
                   ==, bfg_packet_get_checksum (before));
  g_clear_pointer (&eval, bfg_eval_free);

  /* The auth mode is one of the packet's lines. */
  db = bfg_workspace_get_db (fixture->workspace);
  g_assert_cmpint (sqlite3_exec (db,
                                 "update session_metadata set value = "
                                 "'oidc-rbac' where key = 'auth'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  after = render (fixture->workspace, BFG_PACKET_ROLLBACK_DRILL);
  g_assert_cmpstr (bfg_packet_get_checksum (after), !=,
                   bfg_packet_get_checksum (before));

  eval = bfg_eval_new (fixture->workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bfg_eval_get_check_state (eval, "rollback.auditPacket"),
                   ==, BFG_CHECK_STATE_STALE);
}

/* Control characters in recorded state never forge a packet line. */
static void
test_one_line_values (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(BfgPacket) packet = NULL;
  sqlite3 *db = bfg_workspace_get_db (fixture->workspace);
  const char *text;

  g_assert_cmpint (sqlite3_exec (db,
                                 "update session_metadata set value = "
                                 "'grant' || char(10) || 'BFG_X=1' "
                                 "where key = 'session'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  packet = render (fixture->workspace, BFG_PACKET_DATA_CUTOVER_PLAN);
  text = bfg_packet_get_text (packet);
  g_assert_null (strstr (text, "\nBFG_X=1"));
  g_assert_nonnull (strstr (text, "\nsession=grant BFG_X=1\n"));
}

static PGresult *
pg_exec_ok (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));

  return result;
}

static PGconn *
pg_connect (gboolean    superuser,
            const char *dbname)
{
  g_autofree char *conninfo = bfg_test_pg_conninfo (superuser, dbname);
  PGconn *conn = PQconnectdb (conninfo);

  /* Never print conninfo: it carries the test role's password. */
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test server: %s", PQerrorMessage (conn));

  /* The runbook's "if not exists" notices are expected on the second run. */
  PQclear (pg_exec_ok (conn, "set client_min_messages = warning"));

  return conn;
}

static gint64
pg_count (PGconn     *conn,
          const char *sql)
{
  PGresult *result = pg_exec_ok (conn, sql);
  gint64 count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);

  PQclear (result);
  return count;
}

/* The runbook's SQL applies twice on PostgreSQL, every tenant-scoped table
 * has RLS enabled and forced, and the application role only sees its own
 * tenant's rows. */
static void
test_runbook_on_postgres (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(BfgPacket) runbook = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;
  const char *app_user = g_getenv ("BFG_TEST_PG_USER");
  PGconn *admin;
  PGconn *owner;
  PGconn *app;
  PGresult *result;

  if (g_getenv ("BFG_TEST_PG_PORT") == NULL)
    {
      g_test_skip ("PostgreSQL is not running; build-aux/test-services "
                   "starts it");
      return;
    }

  runbook = render (fixture->workspace, BFG_PACKET_MIGRATION_RUNBOOK);

  /* A database of its own, so that tests sharing the server never see
   * each other's bfg_flowcontrol schema. */
  dbname = g_strdup_printf ("bfg_packets_%d", (int) getpid ());
  admin = pg_connect (TRUE, NULL);
  sql = g_strdup_printf ("drop database if exists %s", dbname);
  PQclear (pg_exec_ok (admin, sql));
  g_free (sql);
  sql = g_strdup_printf ("create database %s", dbname);
  PQclear (pg_exec_ok (admin, sql));

  owner = pg_connect (TRUE, dbname);
  PQclear (pg_exec_ok (owner, bfg_packet_get_text (runbook)));
  PQclear (pg_exec_ok (owner, bfg_packet_get_text (runbook)));

  /* Every table with a tenant_id column is tenant-scoped. */
  result = pg_exec_ok (owner,
                       "select c.relname, c.relrowsecurity, "
                       "c.relforcerowsecurity from pg_class c "
                       "join pg_namespace n on n.oid = c.relnamespace "
                       "where n.nspname = 'bfg_flowcontrol' "
                       "and c.relkind = 'r' and exists (select 1 from "
                       "pg_attribute a where a.attrelid = c.oid and "
                       "a.attname = 'tenant_id' and not a.attisdropped) "
                       "order by c.relname");
  g_assert_cmpint (PQntuples (result), >=, 4);
  for (int i = 0; i < PQntuples (result); i++)
    {
      g_test_message ("%s: rls=%s forced=%s", PQgetvalue (result, i, 0),
                      PQgetvalue (result, i, 1), PQgetvalue (result, i, 2));
      g_assert_cmpstr (PQgetvalue (result, i, 1), ==, "t");
      g_assert_cmpstr (PQgetvalue (result, i, 2), ==, "t");
    }
  PQclear (result);

  g_free (sql);
  sql = g_strdup_printf ("grant usage on schema bfg_flowcontrol to %s; "
                         "grant select, insert on all tables in schema "
                         "bfg_flowcontrol to %s", app_user, app_user);
  PQclear (pg_exec_ok (owner, sql));

  /* Two tenants' rows, written past RLS by the superuser. */
  PQclear (pg_exec_ok (owner,
                       "set row_security = off; "
                       "insert into bfg_flowcontrol.tenants (tenant_id, name) "
                       "values ('tenant-a', 'A'), ('tenant-b', 'B'); "
                       "insert into bfg_flowcontrol.users "
                       "(user_id, tenant_id, role_key, display_name) values "
                       "('user-a', 'tenant-a', 'dispatcher', 'A user'), "
                       "('user-b', 'tenant-b', 'dispatcher', 'B user')"));

  app = pg_connect (FALSE, dbname);
  g_assert_cmpint (pg_count (app, "select count(*) from "
                                  "bfg_flowcontrol.users"), ==, 0);
  PQclear (pg_exec_ok (app, "select set_config('bfg.tenant_id', "
                            "'tenant-a', false)"));
  g_assert_cmpint (pg_count (app, "select count(*) from "
                                  "bfg_flowcontrol.users"), ==, 1);
  g_assert_cmpint (pg_count (app, "select count(*) from "
                                  "bfg_flowcontrol.users "
                                  "where tenant_id <> 'tenant-a'"), ==, 0);
  g_assert_cmpint (pg_count (app, "select count(*) from "
                                  "bfg_flowcontrol.tenants"), ==, 1);

  /* Writing into the other tenant is refused by the same policy. */
  result = PQexec (app, "insert into bfg_flowcontrol.users "
                        "(user_id, tenant_id, role_key, display_name) "
                        "values ('user-x', 'tenant-b', 'driver', 'X')");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  PQclear (result);

  PQfinish (app);
  PQfinish (owner);

  g_free (sql);
  sql = g_strdup_printf ("drop database %s", dbname);
  PQclear (pg_exec_ok (admin, sql));
  PQfinish (admin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* CI demands PostgreSQL; elsewhere the one test that needs it skips. */
  if (g_strcmp0 (g_getenv ("BFG_TEST_REQUIRE_SERVICES"), "1") == 0)
    bfg_test_require_pg ();

  bfg_packets_register ();

  g_test_add_func ("/packets/names", test_names);
  g_test_add ("/packets/unknown", Fixture, NULL,
              fixture_set_up, test_unknown, fixture_tear_down);
  g_test_add ("/packets/deterministic", Fixture, NULL,
              fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/packets/checksums", Fixture, NULL,
              fixture_set_up, test_checksums, fixture_tear_down);
  g_test_add ("/packets/demo-content", Fixture, NULL,
              fixture_set_up, test_demo_content, fixture_tear_down);
  g_test_add ("/packets/golden", Fixture, NULL,
              fixture_set_up, test_golden, fixture_tear_down);
  g_test_add ("/packets/sign-off-binds-packet", Fixture, NULL,
              fixture_set_up, test_sign_off_binds_packet, fixture_tear_down);
  g_test_add ("/packets/one-line-values", Fixture, NULL,
              fixture_set_up, test_one_line_values, fixture_tear_down);
  g_test_add ("/packets/runbook-on-postgres", Fixture, NULL,
              fixture_set_up, test_runbook_on_postgres, fixture_tear_down);

  return g_test_run ();
}
