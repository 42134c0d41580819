/* test-bfgctl.c: the built bfgctl, its exit codes and its JSON
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "test-core-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "workspace.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Runs bfgctl --workspace PATH ARGS…; returns the exit status. */
static int
run (Fixture     *f,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  const char *env[] = { "LC_ALL=C", "LANGUAGE=", NULL };
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (gpointer) BFGCTL_PATH);
  if (f != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--workspace");
      g_ptr_array_add (args, f->path);
    }
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, (char **) env, 0, NULL, NULL,
                &out_text, &err_text, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);

  return WEXITSTATUS (status);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static void
test_status_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *sections;
  JsonObject *decisions;
  JsonObject *action;
  const char *ids[] = {
    "providers", "gates", "provider-acceptance", "infrastructure", "wiring",
    "cutover-checklist", "decision-board", "runbook", "data-cutover",
    "connection", "dry-run", "preflight", "release", "rollback",
    "environments",
  };
  const guint counts[][2] = {
    { 6, 6 }, { 2, 9 }, { 0, 4 }, { 0, 4 }, { 0, 7 }, { 0, 6 }, { 1, 7 },
    { 1, 6 }, { 0, 5 }, { 0, 4 }, { 0, 5 }, { 1, 5 }, { 3, 5 }, { 0, 4 },
    { 1, 3 },
  };

  /* First use makes the demo workspace. */
  g_assert_cmpint (run (f, &out, NULL, "status", "--json", NULL), ==, 0);
  root = parse (out);
  object = json_node_get_object (root);

  sections = json_object_get_array_member (object, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      g_assert_cmpstr (json_object_get_string_member (section, "id"), ==,
                       ids[i]);
      g_assert_true (json_object_has_member (section, "title"));
      g_assert_true (json_object_has_member (section, "state"));
      g_assert_true (json_object_has_member (section, "decision"));
      g_assert_cmpint (json_object_get_int_member (section, "ready"), ==,
                       counts[i][0]);
      g_assert_cmpint (json_object_get_int_member (section, "total"), ==,
                       counts[i][1]);

      if (g_str_equal (ids[i], "data-cutover"))
        {
          JsonObject *batches = json_object_get_object_member (section,
                                                               "batches");

          g_assert_cmpint (json_object_get_int_member (batches, "ready"), ==,
                           1);
          g_assert_cmpint (json_object_get_int_member (batches, "total"), ==,
                           4);
        }
    }

  g_assert_cmpint (json_object_get_int_member (object, "integration_percent"),
                   ==, 56);
  g_assert_cmpstr (json_object_get_string_member (object, "production"), ==,
                   "NO-GO");

  decisions = json_object_get_object_member (object, "decisions");
  g_assert_cmpstr (json_object_get_string_member (decisions, "runbook"), ==,
                   "BLOCKED_PENDING_PREFLIGHT");
  g_assert_cmpstr (json_object_get_string_member (decisions, "production"),
                   ==, "BLOCKED_PENDING_DRY_RUN");
  g_assert_cmpstr (json_object_get_string_member (decisions, "wiring"), ==,
                   "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");

  action = json_object_get_object_member (object, "recommended_action");
  g_assert_cmpstr (json_object_get_string_member (action, "title"), ==,
                   "Record adapter connection evidence");
  g_assert_cmpstr (json_object_get_string_member (action, "check"), ==,
                   "connection.reachability");
}

static void
test_checks_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *checks;

  g_assert_cmpint (run (f, &out, NULL, "checks", "--section", "wiring",
                        "--json", NULL), ==, 0);
  root = parse (out);
  checks = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (checks), ==, 7);

  for (guint i = 0; i < 7; i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (check,
                                                                      "id"),
                                       "db-auth-session-adapter."));
      g_assert_cmpstr (json_object_get_string_member (check, "section"), ==,
                       "wiring");
      g_assert_cmpstr (json_object_get_string_member (check, "state"), ==,
                       "blocked");
      g_assert_cmpstr (json_object_get_string_member (check, "owner"), ==,
                       ANNA);
      g_assert_true (json_object_has_member (check, "title"));
      g_assert_nonnull (json_object_get_array_member (check, "requires"));
    }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, NULL, NULL, "checks", "--section", "nope", NULL),
                   ==, 2);
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run (f, NULL, NULL, "demo", NULL), ==, 0);

  /* Refused: one clear line, exit 1. */
  g_assert_cmpint (run (f, NULL, &err, "accept",
                        "cutover-checklist.dbSchema", "--as", MAREK, NULL),
                   ==, 1);
  g_assert_cmpstr (err, ==, "bfgctl: Marek Zielinski lacks finance.accept\n");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (f, NULL, NULL, "record",
                        "cutover-checklist.contractsClosed", "--as", ANNA,
                        NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "accept",
                        "cutover-checklist.contractsClosed", "--as", ANNA,
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot also accept"));
  /* Exactly one line. */
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
  g_assert_cmpint (run (f, NULL, NULL, "record",
                        "cutover-checklist.dbSchema", "--as", ANNA,
                        "--note", "tables made", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "accept",
                        "cutover-checklist.dbSchema", "--as", OLENA,
                        "--note", "looks right", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "choose", "infrastructure.region",
                        "eu-central", "--as", MAREK, NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "revoke",
                        "cutover-checklist.dbSchema", "--as", OLENA, NULL),
                   ==, 0);

  g_assert_cmpint (run (f, &out, NULL, "audit", "verify", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (f, &out, NULL, "audit", "list", "--json", NULL), ==,
                   0);
  root = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==,
                    5);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (run (f, NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "accept", "x", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "accept", "--as", ANNA, NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "status", "--bogus", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "audit", "fix", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, NULL, "--workspace", NULL), ==, 2);
}

static void
test_demo_refuses (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run (f, NULL, NULL, "demo", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, &err, "demo", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_cmpint (run (f, NULL, NULL, "demo", "--force", NULL), ==, 0);
}

static void
test_not_a_workspace (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (f->path, "just text, not sqlite, but "
                                      "long enough to fill the header of a "
                                      "database file and then some more.\n",
                                      -1, NULL));
  g_assert_cmpint (run (f, NULL, &err, "status", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a workspace"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bfgctl/status-json", Fixture, NULL, fixture_setup,
              test_status_json, fixture_teardown);
  g_test_add ("/bfgctl/checks-json", Fixture, NULL, fixture_setup,
              test_checks_json, fixture_teardown);
  g_test_add ("/bfgctl/transitions", Fixture, NULL, fixture_setup,
              test_transitions, fixture_teardown);
  g_test_add ("/bfgctl/usage", Fixture, NULL, fixture_setup, test_usage,
              fixture_teardown);
  g_test_add ("/bfgctl/demo-refuses", Fixture, NULL, fixture_setup,
              test_demo_refuses, fixture_teardown);
  g_test_add ("/bfgctl/not-a-workspace", Fixture, NULL, fixture_setup,
              test_not_a_workspace, fixture_teardown);

  return g_test_run ();
}
