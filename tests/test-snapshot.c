/* test-snapshot.c: BFGScenarioSnapshot.v1 out and in, and the generator
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bfg-demo-ops.h"
#include "bfg-snapshot.h"
#include "bfg-target-schema.h"
#include "test-core-util.h"

#define N_OPS 2003

typedef struct
{
  char          *dir;
  BfgWorkspace  *source;
  char          *exported;
  char          *text;
} Fixture;

static BfgWorkspace *
open_demo_at (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BfgWorkspace *workspace;

  g_assert_true (bfg_workspace_write_demo (path, FALSE, &error));
  g_assert_no_error (error);
  workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return workspace;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  BfgSnapshotDigest digest;

  f->dir = test_make_dir ();
  f->source = open_demo_at (f->dir, "source.sqlite");

  bfg_workspace_lock (f->source);
  g_assert_true (bfg_demo_generate_operations (bfg_workspace_get_db (f->source),
                                               N_OPS, FALSE, NULL, NULL, NULL,
                                               &error));
  bfg_workspace_unlock (f->source);
  g_assert_no_error (error);

  f->exported = g_build_filename (f->dir, "a.json", NULL);
  file = g_file_new_for_path (f->exported);
  g_assert_true (bfg_snapshot_export (f->source, file, &digest, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (digest.operations_rows, ==, N_OPS);
  g_assert_true (g_file_get_contents (f->exported, &f->text, NULL, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->source);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->exported);
  g_free (f->text);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *wal_contents = NULL;
  gsize len = 0, wal_len = 0;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_checksum_update (sum, (const guchar *) contents, (gssize) len);
  if (g_file_get_contents (wal, &wal_contents, &wal_len, NULL))
    g_checksum_update (sum, (const guchar *) wal_contents, (gssize) wal_len);

  return g_strdup (g_checksum_get_string (sum));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) target = open_demo_at (f->dir, "target.sqlite");
  g_autoptr(GFile) in = g_file_new_for_path (f->exported);
  g_autofree char *again_path = g_build_filename (f->dir, "b.json", NULL);
  g_autoptr(GFile) again = g_file_new_for_path (again_path);
  g_autofree char *again_text = NULL;
  BfgSnapshotDigest imported, exported, direct;
  gint64 audit_before = bfg_audit_count (bfg_workspace_get_db (target));

  g_assert_true (bfg_snapshot_import (target, MAREK, in, &imported, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (bfg_audit_count (bfg_workspace_get_db (target)), ==,
                   audit_before + 1);
  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (target), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (bfg_snapshot_export (target, again, &exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (again_path, &again_text, NULL, NULL));

  /* Byte for byte. */
  g_assert_cmpstr (again_text, ==, f->text);
  g_assert_cmpstr (imported.checksum, ==, exported.checksum);

  /* The cheap entry point agrees, from its own connection. */
  g_assert_true (bfg_snapshot_digest (bfg_workspace_get_path (target), &direct,
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (direct.checksum, ==, exported.checksum);
  g_assert_cmpint (direct.total_rows, ==, exported.total_rows);
  g_assert_cmpint (bfg_snapshot_digest_lookup (&direct, "orders")->count, ==,
                   (N_OPS + 7) / 8);
}

typedef struct
{
  const char *name;
  const char *from;
  const char *to;
  int         code;
  const char *named;
} Corruption;

static const Corruption corruptions[] = {
  { "wrong-schema", "\"schema\": \"BFGScenarioSnapshot\"",
    "\"schema\": \"OtherSnapshot\"", BFG_SNAPSHOT_ERROR_WRONG_SCHEMA,
    "OtherSnapshot" },
  { "wrong-version", "\"version\": 1,", "\"version\": 2,",
    BFG_SNAPSHOT_ERROR_WRONG_VERSION, "version" },
  { "bad-type", "[\"ord-00000002\", \"single-tenant-local\", \"cp_client_lviv_farma\"",
    "[\"ord-00000002\", \"single-tenant-local\", 42",
    BFG_SNAPSHOT_ERROR_BAD_TYPE,
    "orders row 2 (order_id ord-00000002) field client_id" },
  { "dangling-reference",
    "[\"ord-00000003\", \"single-tenant-local\", \"cp_client_lviv_farma\"",
    "[\"ord-00000003\", \"single-tenant-local\", \"nobody\"",
    BFG_SNAPSHOT_ERROR_DANGLING_REFERENCE,
    "orders row 3 (order_id ord-00000003) field client_id" },
  { "digest-mismatch", "\"delivered\"", "\"lost\"",
    BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH, "sha256" },
  { "not-json", "\"tables\": [", "\"tables\": [[[",
    BFG_SNAPSHOT_ERROR_MALFORMED, "JSON" },
};

static void
test_rejects (Fixture       *f,
              gconstpointer  data)
{
  const Corruption *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfgWorkspace) target = open_demo_at (f->dir, "target.sqlite");
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) text = g_string_new (f->text);
  BfgSnapshotDigest digest;

  /* One change, the first occurrence only. */
  {
    const char *at = strstr (text->str, c->from);

    g_assert_nonnull (at);
    g_string_erase (text, at - text->str, (gssize) strlen (c->from));
    g_string_insert (text, at - text->str, c->to);
  }
  g_assert_true (g_file_set_contents (bad_path, text->str, (gssize) text->len,
                                      NULL));

  before = file_digest (bfg_workspace_get_path (target));
  g_assert_false (bfg_snapshot_import (target, MAREK, bad, &digest, NULL,
                                       &error));
  g_assert_error (error, BFG_SNAPSHOT_ERROR, c->code);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_nonnull (strstr (error->message, c->named));

  /* Not a byte of the workspace changed. */
  after = file_digest (bfg_workspace_get_path (target));
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_needs_permission (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in = g_file_new_for_path (f->exported);

  g_assert_false (bfg_snapshot_import (f->source, PETRO, in, NULL, NULL,
                                       &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "evidence.record"));
}

static void
test_generator (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) a = open_demo_at (dir, "a.sqlite");
  g_autoptr(BfgWorkspace) b = open_demo_at (dir, "b.sqlite");
  BfgSnapshotDigest da, db;

  for (guint i = 0; i < 2; i++)
    {
      BfgWorkspace *ws = i == 0 ? a : b;

      g_assert_true (bfg_demo_generate_operations (bfg_workspace_get_db (ws),
                                                   1001, FALSE, NULL, NULL,
                                                   NULL, &error));
      g_assert_no_error (error);
    }

  /* Deterministic, and exactly N rows. */
  g_assert_true (bfg_snapshot_compute_digests (bfg_workspace_get_db (a), &da,
                                               NULL, &error));
  g_assert_true (bfg_snapshot_compute_digests (bfg_workspace_get_db (b), &db,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (da.checksum, ==, db.checksum);
  g_assert_cmpint (da.operations_rows, ==, 1001);
  g_assert_cmpint (bfg_snapshot_digest_lookup (&da, "orders")->count, ==, 126);

  /* A second run is refused without force, and replaces with it. */
  g_assert_false (bfg_demo_generate_operations (bfg_workspace_get_db (a), 16,
                                                FALSE, NULL, NULL, NULL,
                                                &error));
  g_assert_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (bfg_demo_generate_operations (bfg_workspace_get_db (a), 16,
                                               TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bfg_snapshot_compute_digests (bfg_workspace_get_db (a), &da,
                                               NULL, &error));
  g_assert_cmpint (da.operations_rows, ==, 16);

  g_clear_object (&a);
  g_clear_object (&b);
  test_remove_tree (dir);
}

static void
test_schema_map (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(BfgWorkspace) ws = open_demo_at (dir, "w.sqlite");
  g_autoptr(GError) error = NULL;

  /* Every ScenarioStore column maps, and the SQL names every table. */
  g_assert_true (bfg_schema_map_check_source (bfg_workspace_get_db (ws),
                                              &error));
  g_assert_no_error (error);
  for (const char * const *t = bfg_target_schema_tables (); *t; t++)
    {
      g_autofree char *create = g_strdup_printf ("create table if not exists "
                                                 BFG_TARGET_SCHEMA ".%s (", *t);
      g_autofree char *force = g_strdup_printf ("alter table " BFG_TARGET_SCHEMA
                                                ".%s force row level security",
                                                *t);

      g_assert_nonnull (strstr (bfg_target_schema_sql (), create));
      g_assert_nonnull (strstr (bfg_target_schema_sql (), force));
    }
  g_assert_true (bfg_timestamp_is_canonical ("2026-12-03T10:00:00Z", 20));
  g_assert_false (bfg_timestamp_is_canonical ("2026-12-03 10:00:00", 19));

  g_clear_object (&ws);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/snapshot/round-trip", Fixture, NULL, fixture_set_up,
              test_round_trip, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (corruptions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/snapshot/rejects/%s",
                                               corruptions[i].name);

      g_test_add (path, Fixture, &corruptions[i], fixture_set_up,
                  test_rejects, fixture_tear_down);
    }
  g_test_add ("/snapshot/import-needs-permission", Fixture, NULL,
              fixture_set_up, test_import_needs_permission, fixture_tear_down);
  g_test_add_func ("/snapshot/generator", test_generator);
  g_test_add_func ("/snapshot/schema-map", test_schema_map);

  return g_test_run ();
}
