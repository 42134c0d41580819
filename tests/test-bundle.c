/* test-bundle.c: review bundles export, audit and verify offline
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bfg-bundle.h"
#include "bfg-core.h"
#include "bfg-endpoint.h"
#include "bfg-packets.h"
#include "bfg-secret.h"
#include "bfg-test-services.h"
#include "test-core-util.h"

/* Never a real secret: a marker that must not appear in any export. */
#define CANARY "bfg-canary-Zq7vX2pL9wR4"

typedef struct
{
  char         *dir;
  char         *path;
  char         *bundle;
  BfgWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->bundle = g_build_filename (fixture->dir, "bundle", NULL);
  fixture->workspace = test_open_demo (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->workspace);
  test_remove_tree (fixture->dir);
  g_free (fixture->bundle);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
export_ok (Fixture    *fixture,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  g_assert_true (bfg_bundle_export (fixture->workspace, "user_md_anna", dir,
                                    &sha256, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha256), ==, 64);
}

static char *
bundle_file (Fixture    *fixture,
             const char *name)
{
  return g_build_filename (fixture->bundle, name, NULL);
}

static void
assert_verify_fails (Fixture    *fixture,
                     int         code,
                     const char *file)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bfg_bundle_verify (fixture->bundle, &error));
  g_assert_error (error, BFG_BUNDLE_ERROR, code);
  g_test_message ("%s", error->message);

  /* The message names the file first. */
  g_assert_true (g_str_has_prefix (error->message, file));
}

static void
test_export_layout (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char * const *names = bfg_packets_get_names ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *manifest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *files;
  GStatBuf st;
  guint n_files = 0;

  export_ok (fixture, fixture->bundle);

  g_assert_cmpint (g_stat (fixture->bundle, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  listing = g_dir_open (fixture->bundle, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    {
      g_autofree char *path = bundle_file (fixture, name);

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2 * g_strv_length ((GStrv) names) + 1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *txt = g_strconcat (names[i], ".txt", NULL);
      g_autofree char *path = bundle_file (fixture, txt);
      g_autofree char *contents = NULL;
      g_autoptr(BfgPacket) packet = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      packet = bfg_packet_render_current (fixture->workspace, names[i],
                                          &error);
      g_assert_no_error (error);

      /* Only the audit trail batch count moves with the export event. */
      if (!g_str_equal (names[i], BFG_PACKET_DATA_CUTOVER_PLAN))
        g_assert_cmpstr (contents, ==, bfg_packet_get_text (packet));
    }

  g_free (g_steal_pointer (&manifest));
  {
    g_autofree char *path = bundle_file (fixture, BFG_BUNDLE_MANIFEST);

    g_assert_true (g_file_get_contents (path, &manifest, NULL, NULL));
  }
  json_parser_load_from_data (parser, manifest, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "bundle"), ==,
                   BFG_BUNDLE_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (object, "exported_by"), ==,
                   "user_md_anna");
  g_assert_nonnull (json_object_get_string_member (object, "exported_at"));
  files = json_object_get_array_member (object, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, n_files - 1);

  g_assert_true (bfg_bundle_verify (fixture->bundle, &error));
  g_assert_no_error (error);
}

/* Two exports of the same state hold the same packet bytes; only the
 * manifest's time and audit head may differ. */
static void
test_export_deterministic (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char * const *names = bfg_packets_get_names ();
  g_autofree char *first = g_build_filename (fixture->dir, "first", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second", NULL);

  export_ok (fixture, first);
  export_ok (fixture, second);

  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; j < 2; j++)
      {
        g_autofree char *name = g_strconcat (names[i], j ? ".json" : ".txt",
                                             NULL);
        g_autofree char *a_path = g_build_filename (first, name, NULL);
        g_autofree char *b_path = g_build_filename (second, name, NULL);
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;

        /* The cutover plan counts the audit trail's rows, and the first
         * export added one. */
        if (g_str_equal (names[i], BFG_PACKET_DATA_CUTOVER_PLAN))
          continue;

        g_assert_true (g_file_get_contents (a_path, &a, NULL, NULL));
        g_assert_true (g_file_get_contents (b_path, &b, NULL, NULL));
        g_assert_cmpstr (a, ==, b);
      }
}

static gboolean
find_export_event (const BfgAuditEvent *event,
                   gpointer             user_data)
{
  const BfgAuditEvent **found = user_data;

  if (g_str_equal (event->action, "bundle.export"))
    {
      g_assert_cmpstr (event->actor, ==, "user_md_anna");
      g_assert_nonnull (strstr (event->detail, "ProductionRollbackDrill.v1=bfg-"));
      *found = event;
    }

  return TRUE;
}

static void
test_export_audited (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const BfgAuditEvent *found = NULL;
  gint64 before = bfg_workspace_get_audit_count (fixture->workspace);

  export_ok (fixture, fixture->bundle);
  g_assert_cmpint (bfg_workspace_get_audit_count (fixture->workspace), ==,
                   before + 1);

  bfg_audit_foreach (bfg_workspace_get_db (fixture->workspace), before, 10,
                     find_export_event, &found, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (fixture->workspace),
                                   NULL, &error));
  g_assert_no_error (error);
}

static void
test_export_needs_permission (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = bfg_workspace_get_audit_count (fixture->workspace);

  g_assert_false (bfg_bundle_export (fixture->workspace,
                                     "user_dispatcher_marek",
                                     fixture->bundle, NULL, &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "bundle.export"));
  g_assert_false (g_file_test (fixture->bundle, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (bfg_bundle_export (fixture->workspace, "nobody",
                                     fixture->bundle, NULL, &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR);
  g_assert_cmpint (bfg_workspace_get_audit_count (fixture->workspace), ==,
                   before);
}

static void
test_export_refuses_non_empty (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  export_ok (fixture, fixture->bundle);
  g_assert_false (bfg_bundle_export (fixture->workspace, "user_md_anna",
                                     fixture->bundle, NULL, &error));
  g_assert_error (error, BFG_BUNDLE_ERROR, BFG_BUNDLE_ERROR_NOT_EMPTY);
}

static void
test_verify_flipped_byte (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, "ProductionRollbackDrill.v1.txt");
  g_autofree char *contents = NULL;
  gsize length;

  export_ok (fixture, fixture->bundle);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  contents[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MODIFIED,
                       "ProductionRollbackDrill.v1.txt");
}

static void
test_verify_removed_file (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, "ProductionAdapterDryRun.v1.json");

  export_ok (fixture, fixture->bundle);
  g_assert_cmpint (g_unlink (path), ==, 0);

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MISSING_FILE,
                       "ProductionAdapterDryRun.v1.json");
}

static void
test_verify_added_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, "extra.txt");

  export_ok (fixture, fixture->bundle);
  g_assert_true (g_file_set_contents (path, "smuggled\n", -1, NULL));

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_UNLISTED, "extra.txt");
}

static void
test_verify_truncated_manifest (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, BFG_BUNDLE_MANIFEST);
  g_autofree char *contents = NULL;
  gsize length;

  export_ok (fixture, fixture->bundle);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MANIFEST,
                       BFG_BUNDLE_MANIFEST);
}

static void
test_verify_manifest_not_json (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, BFG_BUNDLE_MANIFEST);

  export_ok (fixture, fixture->bundle);
  g_assert_true (g_file_set_contents (path, "files: all good\n", -1, NULL));

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MANIFEST,
                       BFG_BUNDLE_MANIFEST);
}

static void
test_verify_manifest_missing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, BFG_BUNDLE_MANIFEST);

  export_ok (fixture, fixture->bundle);
  g_assert_cmpint (g_unlink (path), ==, 0);

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MANIFEST,
                       BFG_BUNDLE_MANIFEST);
}

/* A manifest that lists a path outside the bundle is malformed, not a
 * way to vouch for another file. */
static void
test_verify_manifest_path (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = bundle_file (fixture, BFG_BUNDLE_MANIFEST);
  g_autofree char *contents = NULL;
  g_autofree char *evil = NULL;
  g_auto(GStrv) parts = NULL;

  export_ok (fixture, fixture->bundle);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  parts = g_strsplit (contents, "\"ProductionRollbackDrill.v1.txt\"", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  evil = g_strjoinv ("\"../ProductionRollbackDrill.v1.txt\"", parts);
  g_assert_true (g_file_set_contents (path, evil, -1, NULL));

  assert_verify_fails (fixture, BFG_BUNDLE_ERROR_MANIFEST,
                       BFG_BUNDLE_MANIFEST);
}

static void
assert_no_canary_in_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_null (memmem (contents, length, CANARY, strlen (CANARY)));
    }
}

/* No secret ever leaves in a bundle: a password stored for the endpoint
 * and one placed in the environment never appear in any exported byte. */
static void
test_no_secret (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("BFG_TEST_SECRET_CANARY", CANARY, TRUE);
  g_setenv ("PGPASSWORD", CANARY, TRUE);

  endpoint = bfg_endpoint_new ("db.example.invalid", 5432, "bfg", "bfg_app",
                               BFG_SSL_MODE_VERIFY_FULL, NULL);
  bfg_secret_session_remember (endpoint, CANARY);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL &&
      !bfg_secret_store_sync (endpoint, CANARY, NULL, &error))
    {
      g_test_message ("keyring store failed: %s", error->message);
      g_clear_error (&error);
    }

  export_ok (fixture, fixture->bundle);
  assert_no_canary_in_tree (fixture->bundle);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    bfg_secret_clear_sync (endpoint, NULL, NULL);
  bfg_secret_session_forget (endpoint);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("BFG_TEST_SECRET_CANARY");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bfg_packets_register ();

  ADD ("/bundle/export/layout", test_export_layout);
  ADD ("/bundle/export/deterministic", test_export_deterministic);
  ADD ("/bundle/export/audited", test_export_audited);
  ADD ("/bundle/export/needs-permission", test_export_needs_permission);
  ADD ("/bundle/export/refuses-non-empty", test_export_refuses_non_empty);
  ADD ("/bundle/verify/flipped-byte", test_verify_flipped_byte);
  ADD ("/bundle/verify/removed-file", test_verify_removed_file);
  ADD ("/bundle/verify/added-file", test_verify_added_file);
  ADD ("/bundle/verify/truncated-manifest", test_verify_truncated_manifest);
  ADD ("/bundle/verify/manifest-not-json", test_verify_manifest_not_json);
  ADD ("/bundle/verify/manifest-missing", test_verify_manifest_missing);
  ADD ("/bundle/verify/manifest-path", test_verify_manifest_path);
  ADD ("/bundle/no-secret", test_no_secret);

  return g_test_run ();
}
