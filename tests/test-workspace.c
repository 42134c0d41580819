/* test-workspace.c: opening files safely, and refusing without writing
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <sys/stat.h>

#include "test-core-util.h"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_untouched (const char *path,
                  GBytes     *before,
                  gboolean    check_sidecars)
{
  g_autoptr(GBytes) after = read_bytes (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_true (g_bytes_equal (before, after));
  if (check_sidecars)
    {
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }
}

static char *
make_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "workspace.sqlite", NULL);

  g_assert_true (bfg_workspace_write_demo (path, FALSE, &error));
  g_assert_no_error (error);

  return path;
}

static void
test_not_sqlite (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.sqlite", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.sqlite", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  BfgWorkspace *ws;

  g_assert_true (g_file_set_contents (path, "These are my notes, not a "
                                      "database. Please keep them.\n"
                                      "Second line of the notes, long "
                                      "enough to pass a header length.\n",
                                      -1, NULL));
  before = read_bytes (path);

  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_null (ws);
  g_assert_error (error, BFG_WORKSPACE_ERROR,
                  BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE);
  g_assert_nonnull (strstr (error->message, "not a workspace"));
  assert_untouched (path, before, TRUE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  ws = bfg_workspace_open (empty, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_null (ws);
  g_assert_error (error, BFG_WORKSPACE_ERROR,
                  BFG_WORKSPACE_ERROR_NOT_A_WORKSPACE);

  test_remove_tree (dir);
}

static void
test_future_schema (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_demo (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  BfgWorkspace *ws;

  /* A newer console bumped the schema. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "pragma user_version = 99", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (path);

  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_null (ws);
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer console"));
  assert_untouched (path, before, TRUE);

  test_remove_tree (dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_demo (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  g_autoptr(BfgEngine) engine = NULL;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = read_bytes (path);

  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_workspace_is_read_only (ws));

  /* Reading works: the demo numbers come out. */
  engine = bfg_engine_new (ws, &error);
  g_assert_no_error (error);
  test_assert_counts (engine, "gates", 2, 9);
  g_assert_false (bfg_engine_can_act (engine, MAREK,
                                      "cutover-checklist.dbSchema",
                                      BFG_ACTION_RECORD, NULL));

  g_assert_false (bfg_workspace_record (ws, MAREK,
                                        "cutover-checklist.dbSchema", "x",
                                        &error));
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));

  g_clear_object (&engine);
  g_clear_object (&ws);
  assert_untouched (path, before, TRUE);

  g_chmod (path, 0600);
  test_remove_tree (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_demo (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  sqlite3 *locker = NULL;
  gint64 start;

  g_setenv ("BFG_BUSY_TIMEOUT_MS", "300", TRUE);
  before = read_bytes (path);

  /* Another program holds the whole file. */
  g_assert_cmpint (sqlite3_open (path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "pragma locking_mode = exclusive; "
                                 "begin exclusive;", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_null (ws);
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_clear_error (&error);
  sqlite3_exec (locker, "rollback", NULL, NULL, NULL);
  sqlite3_close (locker);
  assert_untouched (path, before, FALSE);

  /* Another program holds the write lock: opening works, a change waits
   * and then is refused. */
  g_assert_cmpint (sqlite3_open (path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "begin immediate", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (bfg_workspace_record (ws, MAREK,
                                        "cutover-checklist.dbSchema", "x",
                                        &error));
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_LOCKED);
  g_assert_cmpint (bfg_workspace_get_audit_count (ws), ==, 0);
  sqlite3_exec (locker, "rollback", NULL, NULL, NULL);
  sqlite3_close (locker);

  g_clear_object (&ws);
  g_unsetenv ("BFG_BUSY_TIMEOUT_MS");
  test_remove_tree (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = bfg_workspace_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  struct stat st;

  g_assert_true (g_str_has_suffix (path, "/com.bfgcontrol.Console/"
                                         "workspace.sqlite"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  ws = bfg_workspace_open (NULL, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bfg_workspace_get_path (ws), ==, path);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_demo_refuses_overwrite (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_demo (dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (bfg_workspace_write_demo (path, FALSE, &error));
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (bfg_workspace_write_demo (path, TRUE, &error));
  g_assert_no_error (error);

  test_remove_tree (dir);
}

static void
test_missing_no_create (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "none.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NO_CREATE,
                                     &error));
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  test_remove_tree (dir);
}

static void
on_changed_cb (BfgWorkspace *ws,
               guint        *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = test_open_demo (dir);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect (ws, "changed", G_CALLBACK (on_changed_cb), &count);

  /* A refused change emits nothing; a committed one emits once. */
  g_assert_false (bfg_workspace_record (ws, PETRO,
                                        "cutover-checklist.dbSchema", NULL,
                                        &error));
  g_clear_error (&error);
  g_assert_cmpuint (count, ==, 0);

  test_ok (bfg_workspace_record (ws, MAREK, "cutover-checklist.dbSchema",
                                 NULL, &error), error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (count, ==, 1);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_counters (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = test_open_demo (dir);
  gint64 version = bfg_workspace_get_data_version (ws);
  sqlite3 *db = bfg_workspace_get_db (ws);

  g_assert_cmpint (bfg_workspace_count_rows (ws, "users"), ==, 5);
  g_assert_cmpint (bfg_workspace_count_rows (ws, "orders"), ==, 0);

  g_assert_cmpint (sqlite3_exec (db,
                                 "insert into orders values ('o1', "
                                 "'single-tenant-local', "
                                 "'cp_client_lviv_farma', 'Lviv', 'UA', "
                                 "'Gdansk', 'PL', '2026-01-06T08:00:00Z', "
                                 "'2026-01-07T08:00:00Z', 1200, 4, "
                                 "'planned', 250000, 'PLN')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (bfg_workspace_count_rows (ws, "orders"), ==, 1);
  g_assert_cmpint (bfg_workspace_get_data_version (ws), >, version);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workspace/not-sqlite", test_not_sqlite);
  g_test_add_func ("/workspace/future-schema", test_future_schema);
  g_test_add_func ("/workspace/read-only", test_read_only);
  g_test_add_func ("/workspace/locked", test_locked);
  g_test_add_func ("/workspace/default-path", test_default_path);
  g_test_add_func ("/workspace/demo-refuses-overwrite",
                   test_demo_refuses_overwrite);
  g_test_add_func ("/workspace/missing-no-create", test_missing_no_create);
  g_test_add_func ("/workspace/changed-signal", test_changed_signal);
  g_test_add_func ("/workspace/counters", test_counters);

  return g_test_run ();
}
