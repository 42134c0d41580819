/* test-workspace.c: opening files safely, refusing without writing, and
 * changes in a worker thread
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

/* One _async change, watched from the test's main context. */
typedef gboolean (*FinishFunc) (BfgWorkspace  *ws,
                                GAsyncResult  *result,
                                GError       **error);

typedef struct
{
  FinishFunc  finish;
  guint      *changed;
  guint       changed_at_callback;
  gboolean    done;
  gboolean    ok;
  GError     *error;
} AsyncCall;

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncCall *call = user_data;

  g_assert_false (call->done);
  call->ok = call->finish (BFG_WORKSPACE (source), result, &call->error);
  call->changed_at_callback = *call->changed;
  call->done = TRUE;
}

static void
async_call_init (AsyncCall  *call,
                 FinishFunc  finish,
                 guint      *changed)
{
  *call = (AsyncCall) { .finish = finish, .changed = changed };
}

static void
async_call_wait (AsyncCall *call)
{
  while (!call->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
async_call_clear (AsyncCall *call)
{
  g_clear_error (&call->error);
}

/* Runs the main context without blocking, so that a test can watch for a
 * callback that must not come yet. */
static void
spin_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gint64
count_table (BfgWorkspace *ws,
             const char   *table)
{
  g_autofree char *sql = g_strdup_printf ("select count(*) from %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  bfg_workspace_lock (ws);
  g_assert_cmpint (sqlite3_prepare_v2 (bfg_workspace_get_db (ws), sql, -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  bfg_workspace_unlock (ws);

  return n;
}

typedef struct
{
  gint64 audit;
  gint64 evidence;
  gint64 acceptances;
  gint64 revoked;
} Written;

static void
written_get (BfgWorkspace *ws,
             Written      *written)
{
  written->audit = bfg_workspace_get_audit_count (ws);
  written->evidence = count_table (ws, "evidence");
  written->acceptances = count_table (ws, "acceptances");
  written->revoked = count_table (ws, "acceptances "
                                      "where revoked_at is not null");
}

static void
assert_nothing_written (BfgWorkspace  *ws,
                        const Written *before)
{
  Written after;

  written_get (ws, &after);
  g_assert_cmpint (after.audit, ==, before->audit);
  g_assert_cmpint (after.evidence, ==, before->evidence);
  g_assert_cmpint (after.acceptances, ==, before->acceptances);
  g_assert_cmpint (after.revoked, ==, before->revoked);
}

/* Each sign-off runs in a worker and calls back in the caller's context,
 * after ::changed, so the engine has followed by then. */
static void
test_async_signoff (TestEngineFixture *f,
                    gconstpointer      data)
{
  const char *check = "cutover-checklist.dbSchema";
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  AsyncCall call;
  guint changed = 0;
  Written before;

  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed_cb), &changed);
  written_get (f->ws, &before);

  async_call_init (&call, bfg_workspace_record_finish, &changed);
  bfg_workspace_record_async (f->ws, MAREK, check, "rehearsed", NULL,
                              on_async_done_cb, &call);
  /* Never in the same iteration as the call. */
  g_assert_false (call.done);
  async_call_wait (&call);
  g_assert_no_error (call.error);
  g_assert_true (call.ok);
  g_assert_cmpuint (call.changed_at_callback, ==, 1);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, check), ==,
                   BFG_CHECK_STATE_REVIEW);
  g_assert_cmpint (bfg_workspace_get_audit_count (f->ws), ==,
                   before.audit + 1);
  g_assert_cmpint (count_table (f->ws, "evidence"), ==, before.evidence + 1);

  async_call_init (&call, bfg_workspace_accept_finish, &changed);
  bfg_workspace_accept_async (f->ws, OLENA, check, "looks right", NULL,
                              on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_no_error (call.error);
  g_assert_true (call.ok);
  g_assert_cmpuint (call.changed_at_callback, ==, 2);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, check), ==,
                   BFG_CHECK_STATE_READY);
  g_assert_cmpint (count_table (f->ws, "acceptances"), ==,
                   before.acceptances + 1);

  async_call_init (&call, bfg_workspace_revoke_finish, &changed);
  bfg_workspace_revoke_async (f->ws, OLENA, check, NULL, on_async_done_cb,
                              &call);
  async_call_wait (&call);
  g_assert_no_error (call.error);
  g_assert_true (call.ok);
  g_assert_cmpuint (call.changed_at_callback, ==, 3);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, check), ==,
                   BFG_CHECK_STATE_REVIEW);
  g_assert_cmpint (count_table (f->ws, "acceptances "
                                       "where revoked_at is not null"),
                   ==, before.revoked + 1);

  /* The chosen value is trimmed in the worker as it is in the blocking
   * call, and the owner accepts exactly it. */
  async_call_init (&call, bfg_workspace_choose_finish, &changed);
  bfg_workspace_choose_async (f->ws, MAREK, "infrastructure.hosting",
                              "  Hetzner Cloud (EU) ", NULL,
                              on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_no_error (call.error);
  g_assert_true (call.ok);
  g_assert_cmpuint (call.changed_at_callback, ==, 4);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "infrastructure.hosting"),
                   ==, BFG_CHECK_STATE_REVIEW);
  test_accept (f->ws, ANNA, "infrastructure.hosting");
  value = bfg_workspace_dup_accepted_value (f->ws, "infrastructure.hosting");
  g_assert_cmpstr (value, ==, "Hetzner Cloud (EU)");

  g_assert_cmpint (bfg_workspace_get_audit_count (f->ws), ==,
                   before.audit + 5);
  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (f->ws), NULL,
                                   &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_func (f->ws, on_changed_cb, &changed);
}

/* A refusal reaches the callback as the same typed error the blocking
 * call gives, and leaves no trace: no row, no event, no ::changed. */
static void
test_async_refused (TestEngineFixture *f,
                    gconstpointer      data)
{
  const char *check = "cutover-checklist.dbSchema";
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncCall call;
  guint changed = 0;
  Written before;

  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed_cb), &changed);
  written_get (f->ws, &before);

  /* The driver lacks the permission to record; it is named. */
  async_call_init (&call, bfg_workspace_record_finish, &changed);
  bfg_workspace_record_async (f->ws, PETRO, check, "not mine", NULL,
                              on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_false (call.ok);
  g_assert_error (call.error, BFG_RBAC_ERROR,
                  BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (call.error->message, ==,
                   "Petro Tarasenko lacks evidence.record");
  async_call_clear (&call);
  assert_nothing_written (f->ws, &before);

  /* Evidence from Anna: Marek lacks the check's permission to accept it,
   * and Olena cannot revoke what nobody accepted. */
  test_ok (bfg_workspace_record (f->ws, ANNA, check, "rehearsed", &error),
           error);
  while (g_main_context_iteration (NULL, FALSE));
  changed = 0;
  written_get (f->ws, &before);

  async_call_init (&call, bfg_workspace_accept_finish, &changed);
  bfg_workspace_accept_async (f->ws, MAREK, check, NULL, NULL,
                              on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_false (call.ok);
  g_assert_error (call.error, BFG_RBAC_ERROR,
                  BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (call.error->message, ==,
                   "Marek Zielinski lacks finance.accept");
  async_call_clear (&call);

  async_call_init (&call, bfg_workspace_revoke_finish, &changed);
  bfg_workspace_revoke_async (f->ws, OLENA, check, NULL, on_async_done_cb,
                              &call);
  async_call_wait (&call);
  g_assert_false (call.ok);
  g_assert_error (call.error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NOT_ACCEPTED);
  async_call_clear (&call);

  async_call_init (&call, bfg_workspace_choose_finish, &changed);
  bfg_workspace_choose_async (f->ws, MAREK, "infrastructure.region", "  ",
                              NULL, on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_false (call.ok);
  g_assert_error (call.error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_INVALID_VALUE);
  async_call_clear (&call);

  /* Cancelled before it began: not written, and said so. */
  g_cancellable_cancel (cancellable);
  async_call_init (&call, bfg_workspace_accept_finish, &changed);
  bfg_workspace_accept_async (f->ws, OLENA, check, NULL, cancellable,
                              on_async_done_cb, &call);
  async_call_wait (&call);
  g_assert_false (call.ok);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  async_call_clear (&call);

  g_assert_cmpuint (changed, ==, 0);
  assert_nothing_written (f->ws, &before);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, check), ==,
                   BFG_CHECK_STATE_REVIEW);

  g_signal_handlers_disconnect_by_func (f->ws, on_changed_cb, &changed);
}

/* While another program holds the write lock, a change waits in its
 * worker without holding the workspace's lock: the main thread keeps
 * reading. Cancelling ends the wait with nothing written. */
static void
test_async_lock_wait (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(BfgWorkspace) ws = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  sqlite3 *locker = NULL;
  AsyncCall call;
  guint changed = 0;
  Written before;
  gint64 start;

  /* Long enough that a read waiting behind the worker could not pass for
   * one that did not. */
  g_setenv ("BFG_BUSY_TIMEOUT_MS", "20000", TRUE);
  path = make_demo (dir);
  ws = test_open_demo (dir);
  g_unsetenv ("BFG_BUSY_TIMEOUT_MS");
  g_signal_connect (ws, "changed", G_CALLBACK (on_changed_cb), &changed);
  written_get (ws, &before);

  g_assert_cmpint (sqlite3_open (path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "begin immediate", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  async_call_init (&call, bfg_workspace_record_finish, &changed);
  bfg_workspace_record_async (ws, MAREK, "cutover-checklist.dbSchema",
                              "rehearsed", NULL, on_async_done_cb, &call);
  spin_ms (300);
  g_assert_false (call.done);

  start = g_get_monotonic_time ();
  g_assert_cmpint (bfg_workspace_get_audit_count (ws), ==, before.audit);
  g_assert_cmpint (count_table (ws, "evidence"), ==, before.evidence);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_false (call.done);

  /* The lock goes; the change that waited for it commits. */
  sqlite3_exec (locker, "rollback", NULL, NULL, NULL);
  async_call_wait (&call);
  g_assert_no_error (call.error);
  g_assert_true (call.ok);
  g_assert_cmpuint (changed, ==, 1);
  written_get (ws, &before);

  g_assert_cmpint (sqlite3_exec (locker, "begin immediate", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  async_call_init (&call, bfg_workspace_record_finish, &changed);
  bfg_workspace_record_async (ws, MAREK, "cutover-checklist.dbSchema",
                              "again", cancellable, on_async_done_cb, &call);
  spin_ms (200);
  g_assert_false (call.done);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  async_call_wait (&call);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (call.ok);
  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  async_call_clear (&call);
  sqlite3_exec (locker, "rollback", NULL, NULL, NULL);
  sqlite3_close (locker);

  g_assert_cmpuint (changed, ==, 1);
  assert_nothing_written (ws, &before);

  g_signal_handlers_disconnect_by_func (ws, on_changed_cb, &changed);
  g_assert_finalize_object (g_steal_pointer (&ws));
  test_remove_tree (dir);
}

/* Changes from several workers at once, while the main thread evaluates:
 * each commits whole, and the audit chain still links up. */
static void
test_async_concurrent (TestEngineFixture *f,
                       gconstpointer      data)
{
  static const char * const checks[] = {
    "cutover-checklist.dbSchema", "cutover-checklist.secretsAuth",
    "cutover-checklist.scenarioStoreRehearsal",
    "cutover-checklist.migrationRollback",
  };
  g_autoptr(GError) error = NULL;
  AsyncCall calls[8];
  guint changed = 0;
  gint64 audit = bfg_workspace_get_audit_count (f->ws);
  guint done;

  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed_cb), &changed);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autofree char *note = g_strdup_printf ("rehearsal %u", i);

      async_call_init (&calls[i], bfg_workspace_record_finish, &changed);
      bfg_workspace_record_async (f->ws, i % 2 ? MAREK : ANNA,
                                  checks[i % G_N_ELEMENTS (checks)], note,
                                  NULL, on_async_done_cb, &calls[i]);
    }

  do
    {
      test_ok (bfg_engine_refresh (f->engine, &error), error);
      g_main_context_iteration (NULL, FALSE);
      done = 0;
      for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
        done += calls[i].done;
    }
  while (done < G_N_ELEMENTS (calls));

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_assert_no_error (calls[i].error);
      g_assert_true (calls[i].ok);
    }

  g_assert_cmpuint (changed, ==, G_N_ELEMENTS (calls));
  g_assert_cmpint (bfg_workspace_get_audit_count (f->ws), ==,
                   audit + G_N_ELEMENTS (calls));
  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (f->ws), NULL,
                                   &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_func (f->ws, on_changed_cb, &changed);
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
  g_test_add ("/workspace/async/signoff", TestEngineFixture, NULL,
              test_engine_fixture_setup, test_async_signoff,
              test_engine_fixture_teardown);
  g_test_add ("/workspace/async/refused", TestEngineFixture, NULL,
              test_engine_fixture_setup, test_async_refused,
              test_engine_fixture_teardown);
  g_test_add_func ("/workspace/async/lock-wait", test_async_lock_wait);
  g_test_add ("/workspace/async/concurrent", TestEngineFixture, NULL,
              test_engine_fixture_setup, test_async_concurrent,
              test_engine_fixture_teardown);

  return g_test_run ();
}
