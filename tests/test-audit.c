/* test-audit.c: the hash chain catches whoever edits it
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "test-core-util.h"

#define N_EVENTS 6

/* A workspace with a short chain, and a raw connection to tamper with. */
static BfgWorkspace *
make_chain (const char *dir)
{
  BfgWorkspace *ws = test_open_demo (dir);
  GError *error = NULL;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *detail = g_strdup_printf ("step %u", i);

      test_ok (bfg_workspace_append_audit (ws, ANNA, "test.step",
                                           i % 2 ? NULL : "gates.providers",
                                           detail, &error), error);
    }

  return ws;
}

static void
test_append_only (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = make_chain (dir);
  sqlite3 *db = bfg_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_assert_true (bfg_audit_verify (db, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, N_EVENTS);

  g_assert_cmpint (sqlite3_exec (db, "update audit_events set detail = 'x' "
                                 "where seq = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "delete from audit_events where seq = 2",
                                 NULL, NULL, NULL), !=, SQLITE_OK);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_hash_is_canonical (void)
{
  g_autofree char *a = bfg_audit_compute_hash (1, "t", "ab", "c", NULL, NULL,
                                               BFG_AUDIT_GENESIS_HASH);
  g_autofree char *b = bfg_audit_compute_hash (1, "t", "a", "bc", NULL, NULL,
                                               BFG_AUDIT_GENESIS_HASH);
  g_autofree char *c = bfg_audit_compute_hash (1, "t", "ab", "c", "", NULL,
                                               BFG_AUDIT_GENESIS_HASH);

  /* Field boundaries and NULL versus "" all change the hash. */
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpuint (strlen (a), ==, 64);
}

static void
tamper_and_verify (const char *column,
                   gint64      seq)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = make_chain (dir);
  sqlite3 *db = bfg_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;

  /* The tamperer goes around the triggers. */
  g_assert_cmpint (sqlite3_exec (db, "drop trigger audit_events_no_update",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  if (g_str_equal (column, "seq"))
    sql = g_strdup_printf ("update audit_events set seq = 100 "
                           "where seq = %" G_GINT64_FORMAT, seq);
  else
    sql = g_strdup_printf ("update audit_events set %s = "
                           "coalesce (%s, '') || 'x' "
                           "where seq = %" G_GINT64_FORMAT,
                           column, column, seq);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (bfg_audit_verify (db, NULL, &error));
  g_assert_error (error, BFG_AUDIT_ERROR, BFG_AUDIT_ERROR_BROKEN_CHAIN);
  expected = g_strdup_printf ("event %" G_GINT64_FORMAT " ", seq);
  if (strstr (error->message, expected) == NULL)
    g_error ("tampering %s of event %" G_GINT64_FORMAT " gave: %s", column,
             seq, error->message);

  g_clear_object (&ws);
  test_remove_tree (dir);
}

static void
test_tamper_any_field (void)
{
  const char *columns[] = {
    "time", "actor_id", "action", "check_id", "detail", "prev_hash", "hash",
    "seq",
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    for (gint64 seq = 1; seq <= N_EVENTS; seq++)
      {
        /* The last event's hash has nothing after it to disagree with,
         * but its own recomputed hash still does. */
        tamper_and_verify (columns[i], seq);
      }
}

static void
test_deleted_event (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = make_chain (dir);
  sqlite3 *db = bfg_workspace_get_db (ws);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (db, "drop trigger audit_events_no_delete; "
                                 "delete from audit_events where seq = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bfg_audit_verify (db, NULL, &error));
  g_assert_error (error, BFG_AUDIT_ERROR, BFG_AUDIT_ERROR_BROKEN_CHAIN);
  g_assert_nonnull (strstr (error->message, "event 3 "));

  g_clear_object (&ws);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/append-only", test_append_only);
  g_test_add_func ("/audit/hash-is-canonical", test_hash_is_canonical);
  g_test_add_func ("/audit/tamper-any-field", test_tamper_any_field);
  g_test_add_func ("/audit/deleted-event", test_deleted_event);

  return g_test_run ();
}
