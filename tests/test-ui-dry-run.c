/* test-ui-dry-run.c: the Dry-run page's panel in a real window
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the local rehearsal through the panel's own action until the five
 * dry-run checks wait for review, with the main loop watched the whole
 * time, and cancels a long replay half-way.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "bfg-demo-ops.h"
#include "bfg-dry-run-panel.h"
#include "bfg-engine.h"
#include "bfg-test-services.h"
#include "bfg-workspace.h"
#include "test-ui-util.h"

/* Not a speed test: the figure is printed for the benchmarks. A main loop
 * that waited on the work would stall for as long as the work (seconds);
 * this bound sits well above a loaded machine's scheduling noise. */
#define BLOCKED_LOOP_US (500 * 1000)

#define ACTOR "user_dispatcher_marek"

typedef struct
{
  char         *dir;
  char         *path;
  BfgWorkspace *workspace;
  BfgEngine    *engine;
  GtkWindow    *window;
  GtkWidget    *panel;
  GtkWidget    *page;
} Fixture;

/* Helpers */

static void
wait_idle (Fixture *fixture,
           guint    timeout_s)
{
  gint64 until = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  BfgDryRunPanel *panel = BFG_DRY_RUN_PANEL (fixture->panel);

  while (bfg_dry_run_panel_get_busy (panel) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bfg_dry_run_panel_get_busy (panel));
  test_ui_wait_ms (50);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint64 ops_rows = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  GtkWidget *scrolled;

  fixture->dir = g_dir_make_tmp ("bfg-ui-dry-run-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);

  /* A workspace with many operations rows makes a replay long enough to
   * cancel half-way. */
  if (ops_rows > 0)
    {
      sqlite3 *db = NULL;

      bfg_workspace_write_demo (fixture->path, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
      bfg_demo_generate_operations (db, ops_rows, FALSE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      sqlite3_close (db);
    }

  fixture->workspace = bfg_workspace_open (fixture->path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->engine = bfg_engine_new (fixture->workspace, &error);
  g_assert_no_error (error);

  fixture->panel = g_object_ref_sink (bfg_dry_run_panel_new (fixture->engine, ACTOR));
  gtk_widget_set_margin_top (fixture->panel, 18);
  gtk_widget_set_margin_bottom (fixture->panel, 18);
  gtk_widget_set_margin_start (fixture->panel, 12);
  gtk_widget_set_margin_end (fixture->panel, 12);

  fixture->page = adw_clamp_new ();
  gtk_widget_add_css_class (fixture->page, "background");
  adw_clamp_set_child (ADW_CLAMP (fixture->page), fixture->panel);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), fixture->page);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture->window, "BFG Integration Console");
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_set_default_size (fixture->window, 900, 780);
  gtk_window_present (fixture->window);
  test_ui_wait_ms (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  test_ui_wait_ms (50);
  g_assert_finalize_object (fixture->panel);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->workspace);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Tests */

static void
test_local_rehearsal (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const *steps = bfg_dry_run_step_ids ();
  BfgDryRunPanel *panel = BFG_DRY_RUN_PANEL (fixture->panel);
  TestStalls stalls = { 0, 0 };
  BfgDryRunResult *result;
  const char *lang = g_getenv ("BFG_TEST_LANG");
  g_autofree char *name = NULL;
  guint timer_id;

  for (guint i = 0; steps[i] != NULL; i++)
    g_assert_cmpint (bfg_engine_get_check_state (fixture->engine,
                                                 bfg_dry_run_step_check_id (steps[i])),
                     ==, BFG_CHECK_STATE_NEXT);

  timer_id = g_timeout_add (5, test_ui_on_stall_tick_cb, &stalls);
  g_assert_true (gtk_widget_activate_action (fixture->panel, "dry-run-panel.run", NULL));
  g_assert_true (bfg_dry_run_panel_get_busy (panel));
  wait_idle (fixture, 120);
  g_source_remove (timer_id);

  g_test_message ("main loop: longest gap %" G_GINT64_FORMAT " ms",
                  stalls.max_gap_us / 1000);
  g_assert_cmpint (stalls.max_gap_us, <, BLOCKED_LOOP_US);

  result = bfg_dry_run_panel_get_result (panel);
  g_assert_nonnull (result);
  if (!bfg_dry_run_result_get_passed (result))
    g_error ("the dry-run failed: %s", bfg_dry_run_result_get_transcript (result));

  /* No endpoint is saved: the rehearsal is local, and says so. */
  g_assert_cmpstr (bfg_dry_run_result_get_target (result), ==, BFG_DRY_RUN_LOCAL_REHEARSAL);
  g_assert_false (gtk_widget_get_visible (test_ui_find_named (fixture->panel, "use-endpoint")));

  /* The core recorded each step; the engine followed by itself. */
  test_ui_wait_ms (100);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_assert_cmpint (bfg_dry_run_result_get_step_status (result, steps[i]), ==,
                       BFG_DRY_RUN_STATUS_PASS);
      g_assert_cmpint (bfg_engine_get_check_state (fixture->engine,
                                                   bfg_dry_run_step_check_id (steps[i])),
                       ==, BFG_CHECK_STATE_REVIEW);
    }

  name = g_strdup_printf ("42-dry-run-panel-%s.png", lang != NULL ? lang : "en");
  test_ui_screenshot (fixture->window, fixture->page, name);
}

static void
test_local_rehearsal_es (void)
{
  g_auto(GStrv) envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LANGUAGE", "es", TRUE);
  envp = g_environ_setenv (envp, "LANG", "es_ES.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "BFG_TEST_LANG", "es", TRUE);
  g_test_trap_subprocess_with_envp ("/ui/dry-run/local", (const char * const *) envp, 0,
                                    G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  BfgDryRunPanel *panel = BFG_DRY_RUN_PANEL (fixture->panel);
  BfgDryRunResult *result;
  TestStalls stalls = { 0, 0 };
  const char *replay_check;
  gint64 cancelled_at;
  gint64 stopped_after;
  guint timer_id;

  g_assert_true (gtk_widget_activate_action (fixture->panel, "dry-run-panel.run", NULL));
  test_ui_wait_ms (300);
  g_assert_true (bfg_dry_run_panel_get_busy (panel));
  test_ui_screenshot (fixture->window, fixture->page, "43-dry-run-progress-en.png");

  /* Watched from here: the test's own rendering above is not the app's. */
  timer_id = g_timeout_add (5, test_ui_on_stall_tick_cb, &stalls);
  test_ui_wait_ms (200);
  g_assert_true (bfg_dry_run_panel_get_busy (panel));

  cancelled_at = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (fixture->panel, "dry-run-panel.cancel", NULL));
  wait_idle (fixture, 10);
  stopped_after = g_get_monotonic_time () - cancelled_at;
  g_source_remove (timer_id);

  g_test_message ("main loop: longest gap %" G_GINT64_FORMAT " ms; cancel took %"
                  G_GINT64_FORMAT " ms", stalls.max_gap_us / 1000, stopped_after / 1000);
  g_assert_cmpint (stalls.max_gap_us, <, BLOCKED_LOOP_US);
  g_assert_cmpint (stopped_after, <, 2 * G_USEC_PER_SEC);

  result = bfg_dry_run_panel_get_result (panel);
  g_assert_nonnull (result);
  g_assert_true (bfg_dry_run_result_get_cancelled (result));
  g_assert_false (bfg_dry_run_result_get_passed (result));
  replay_check = bfg_dry_run_step_check_id (BFG_DRY_RUN_STEP_ADAPTER_REPLAY);
  g_assert_cmpint (bfg_engine_get_check_state (fixture->engine, replay_check), !=,
                   BFG_CHECK_STATE_REVIEW);
}

static void
test_rbac (Fixture       *fixture,
           gconstpointer  data)
{
  AdwBanner *banner = ADW_BANNER (test_ui_find_named (fixture->panel, "rbac-banner"));
  GtkWidget *run = test_ui_find_named (fixture->panel, "run");

  g_assert_false (adw_banner_get_revealed (banner));
  g_assert_true (gtk_widget_get_sensitive (run));

  bfg_dry_run_panel_set_actor_id (BFG_DRY_RUN_PANEL (fixture->panel), "cp_client_lviv_farma");
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_false (gtk_widget_get_sensitive (run));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BFG_LOCALEDIR");

  bfg_test_require_display ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/dry-run/local", Fixture, NULL,
              fixture_set_up, test_local_rehearsal, fixture_tear_down);
  g_test_add_func ("/ui/dry-run/local-es", test_local_rehearsal_es);
  g_test_add ("/ui/dry-run/cancel", Fixture, GSIZE_TO_POINTER (400000),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/dry-run/rbac", Fixture, NULL,
              fixture_set_up, test_rbac, fixture_tear_down);

  return g_test_run ();
}
