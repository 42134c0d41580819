/* test-audit-clock-skew.c: an audit trail whose clock went backwards
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desktops get their clocks wrong: a dead CMOS battery wakes up in 2001,
 * an NTP correction jumps back an hour, a laptop comes back from another
 * time zone set to local time. Events appended then carry times out of
 * order. The chain is ordered and linked by seq, never by time, so it
 * must still verify, list in seq order, and name its last write by seq;
 * only a change to an event's bytes may break it.
 */

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bfg-core.h"

#define ANNA  "user_md_anna"
#define MAREK "user_dispatcher_marek"

typedef struct
{
  char          *dir;
  BfgWorkspace  *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("bfg-clock-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE,
                                           &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (bfg_workspace_get_path (fixture->workspace));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->workspace);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Appends an event exactly as bfg_audit_append() would on a machine whose
 * clock reads @time: same seq rule, same hash, same transaction. */
static void
append_at (BfgWorkspace *workspace,
           const char   *time,
           const char   *action)
{
  sqlite3 *db = bfg_workspace_get_db (workspace);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 1;

  bfg_workspace_lock (workspace);
  g_assert_cmpint (sqlite3_exec (db, "begin immediate", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "select seq, hash from audit_events "
                                       "order by seq desc limit 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (prev == NULL)
    prev = g_strdup (BFG_AUDIT_GENESIS_HASH);

  hash = bfg_audit_compute_hash (seq, time, ANNA, action, NULL, "clock skew",
                                 prev);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "insert into audit_events (seq, time, "
                                       "actor_id, action, check_id, detail, "
                                       "prev_hash, hash) "
                                       "values (?, ?, ?, ?, null, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ANNA, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, "clock skew", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (db, "commit", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  bfg_workspace_unlock (workspace);
}

typedef struct
{
  gint64     last_seq;
  GPtrArray *times;
} Walk;

static gboolean
collect_event (const BfgAuditEvent *event,
               gpointer             user_data)
{
  Walk *walk = user_data;

  g_assert_cmpint (event->seq, ==, walk->last_seq + 1);
  walk->last_seq = event->seq;
  g_ptr_array_add (walk->times, g_strdup (event->time));

  return TRUE;
}

static void
assert_chain_verifies (BfgWorkspace *workspace,
                       gint64        expected)
{
  g_autoptr(GError) error = NULL;
  gint64 n_events = 0;

  bfg_workspace_lock (workspace);
  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (workspace),
                                   &n_events, &error));
  bfg_workspace_unlock (workspace);
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, expected);
}

static void
test_backwards (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last = NULL;
  Walk walk = { 0, times };

  /* Now, then a clock reset to 2001, then 2099, then now again. */
  g_assert_true (bfg_workspace_accept (fixture->workspace, ANNA,
                                       "provider-acceptance.liveProvider",
                                       "before the skew", &error));
  g_assert_no_error (error);
  append_at (fixture->workspace, "2001-01-01T00:00:00.000000Z", "clock.reset");
  g_assert_true (bfg_workspace_record (fixture->workspace, MAREK,
                                       "cutover-checklist.roleHeadersMapped",
                                       "after a reset", &error));
  g_assert_no_error (error);
  append_at (fixture->workspace, "2099-12-31T23:59:59.999999Z", "clock.ahead");
  g_assert_true (bfg_workspace_revoke (fixture->workspace, ANNA,
                                       "provider-acceptance.liveProvider",
                                       &error));
  g_assert_no_error (error);

  assert_chain_verifies (fixture->workspace, 5);

  /* Listed by seq: the times are out of order, the seqs are not. */
  bfg_workspace_lock (fixture->workspace);
  g_assert_true (bfg_audit_foreach (bfg_workspace_get_db (fixture->workspace),
                                    0, -1, collect_event, &walk, &error));
  bfg_workspace_unlock (fixture->workspace);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 5);
  g_assert_cmpstr (times->pdata[1], <, times->pdata[0]);
  g_assert_cmpstr (times->pdata[4], <, times->pdata[3]);

  /* The last write is the last event by seq, not the latest time. */
  last = bfg_workspace_dup_last_write (fixture->workspace);
  g_assert_cmpstr (last, ==, times->pdata[4]);
}

static void
test_same_time (Fixture       *fixture,
                gconstpointer  data)
{
  /* A clock that stands still (a VM paused, a coarse timer) gives many
   * events one time; the chain still tells them apart by seq. */
  for (guint i = 0; i < 20; i++)
    append_at (fixture->workspace, "2026-01-05T08:00:00.000000Z",
               "clock.frozen");

  assert_chain_verifies (fixture->workspace, 20);
}

static void
test_tampered_time (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = bfg_workspace_get_db (fixture->workspace);
  gint64 n_events = 0;

  append_at (fixture->workspace, "2026-01-05T08:00:00.000000Z", "clock.ok");
  append_at (fixture->workspace, "2026-01-05T09:00:00.000000Z", "clock.ok");
  assert_chain_verifies (fixture->workspace, 2);

  /* Skew is tolerated; rewriting a time is not. The triggers refuse the
   * update, so go around them as an attacker with the file would. */
  bfg_workspace_lock (fixture->workspace);
  g_assert_cmpint (sqlite3_exec (db,
                                 "drop trigger audit_events_no_update; "
                                 "update audit_events set time = "
                                 "'2026-01-05T07:00:00.000000Z' where seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bfg_audit_verify (db, &n_events, &error));
  bfg_workspace_unlock (fixture->workspace);
  g_assert_error (error, BFG_AUDIT_ERROR, BFG_AUDIT_ERROR_BROKEN_CHAIN);
  g_assert_nonnull (strstr (error->message, "2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/audit/clock-skew/backwards-and-ahead", Fixture, NULL,
              fixture_set_up, test_backwards, fixture_tear_down);
  g_test_add ("/audit/clock-skew/frozen-clock", Fixture, NULL,
              fixture_set_up, test_same_time, fixture_tear_down);
  g_test_add ("/audit/clock-skew/tampered-time-is-caught", Fixture, NULL,
              fixture_set_up, test_tampered_time, fixture_tear_down);

  return g_test_run ();
}
