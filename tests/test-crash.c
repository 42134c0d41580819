/* test-crash.c: a change and its audit event survive a crash together
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process accepts and revokes in a loop and is killed with
 * SIGKILL at a random moment, BFG_CRASH_ROUNDS times (30 by default).
 * After each kill the workspace must pass integrity_check, its chain must
 * verify, and every acceptance and revocation must have its audit event.
 */

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-core-util.h"

#define CHECK_ID "rollback.storageFallback"

static G_NORETURN void
child_loop (const char *path)
{
  g_autoptr(BfgWorkspace) ws = NULL;

  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NO_CREATE, NULL);
  if (ws == NULL)
    _exit (3);

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      if (bfg_workspace_dup_accepted_value (ws, CHECK_ID) == NULL)
        bfg_workspace_accept (ws, ANNA, CHECK_ID, "crash round", &error);
      else
        bfg_workspace_revoke (ws, ANNA, CHECK_ID, &error);
    }
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
check_consistent (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NO_CREATE, &error);
  g_assert_no_error (error);
  db = bfg_workspace_get_db (ws);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "pragma integrity_check", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_true (bfg_audit_verify (db, NULL, &error));
  g_assert_no_error (error);

  /* No acceptance without its event, no revocation without its event,
   * and no event without its row. */
  g_assert_cmpint (query_int (db,
                              "select count(*) from acceptances a "
                              "left join audit_events e on e.seq = a.audit_seq "
                              "where e.seq is null or e.action != 'check.accept' "
                              "or e.check_id != a.check_id"), ==, 0);
  g_assert_cmpint (query_int (db,
                              "select count(*) from acceptances a "
                              "left join audit_events e on e.seq = a.revoke_seq "
                              "where a.revoked_at is not null and "
                              "(e.seq is null or e.action != 'check.revoke')"),
                   ==, 0);
  g_assert_cmpint (query_int (db,
                              "select count(*) from audit_events "
                              "where action = 'check.accept'"), ==,
                   query_int (db, "select count(*) from acceptances"));
  g_assert_cmpint (query_int (db,
                              "select count(*) from audit_events "
                              "where action = 'check.revoke'"), ==,
                   query_int (db, "select count(*) from acceptances "
                                  "where revoked_at is not null"));
  g_assert_cmpint (query_int (db,
                              "select count(*) from acceptances "
                              "where revoked_at is null"), <=, 1);
}

static void
test_crash_rounds (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("BFG_CRASH_ROUNDS");
  guint rounds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 30;
  gint64 events = 0;

  g_assert_true (bfg_workspace_write_demo (path, FALSE, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < rounds; round++)
    {
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        child_loop (path);

      g_usleep (g_test_rand_int_range (20, 120) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      check_consistent (path);
    }

  {
    g_autoptr(BfgWorkspace) ws =
      bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NO_CREATE, &error);

    g_assert_no_error (error);
    events = bfg_workspace_get_audit_count (ws);
  }

  g_test_message ("%u rounds, %" G_GINT64_FORMAT " audit events", rounds,
                  events);
  g_assert_cmpint (events, >, 0);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-rounds", test_crash_rounds);

  return g_test_run ();
}
