/* test-ui-console.c: every page of the console, sign-off through the UI's
 * own actions, RBAC, accessibility and screenshots in two languages
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bfg-application.h"
#include "bfg-check-page.h"
#include "bfg-check-row.h"
#include "bfg-overview-page.h"
#include "bfg-screenshot.h"
#include "bfg-section-page.h"
#include "bfg-sidebar-row.h"
#include "bfg-status-pill.h"
#include "bfg-tile.h"
#include "bfg-test-services.h"
#include "bfg-window.h"
#include "bfg-workspace.h"
#include "test-ui-util.h"

typedef struct
{
  BfgApplication *app;
  BfgWindow      *window;
  char           *dir;
} Fixture;

static BfgApplication *shared_app;

static BfgWindow *
open_window (Fixture *fixture,
             int      width,
             int      height)
{
  g_autofree char *workspace = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  BfgWindow *window;

  window = bfg_window_new (fixture->app, workspace);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  while (bfg_window_get_engine (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  test_ui_spin (100);

  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bfg-ui-XXXXXX", &error);
  g_assert_no_error (error);

  /* One application per process: a second one could not export itself
   * on the session bus under the same object path. */
  if (shared_app == NULL)
    {
      shared_app = bfg_application_new ();
      /* Non-unique: a test must never wait on, or hand its work to, another
       * instance that holds the app id on the session bus. */
      g_application_set_flags (G_APPLICATION (shared_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (shared_app), NULL, &error);
      g_assert_no_error (error);
    }

  fixture->app = g_object_ref (shared_app);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  test_ui_spin (50);
  g_clear_object (&fixture->app);
  g_free (fixture->dir);
}

/* Names the widgets that ask for more width than a phone gives, so that
 * a failure says which one to fix rather than only that one is too wide. */
static int
report_wide (GtkWidget *widget,
             int        limit,
             int        depth)
{
  int min = 0;
  int found = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    found += report_wide (child, limit, depth + 1);

  if (found == 0)
    g_test_message ("%*s%s (%s%s%s) asks for %d px", depth, "",
                    G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget),
                    GTK_IS_LABEL (widget) ? ": " : "",
                    GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "",
                    min);
  return 1;
}

static void
show_page (BfgWindow  *window,
           const char *page_id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_id));
  if (report_wide (GTK_WIDGET (bfg_window_get_visible_page (window)), 340, 0))
    g_test_message ("page %s is wider than 340 px", page_id);
  test_ui_spin (30);
  g_assert_cmpstr (adw_navigation_page_get_tag (bfg_window_get_visible_page (window)), ==, page_id);
}

static const char *
badge (BfgWindow  *window,
       const char *page_id)
{
  return bfg_sidebar_row_get_badge (BFG_SIDEBAR_ROW (bfg_window_get_sidebar_row (window, page_id)));
}

static BfgCheckPage *
show_check (BfgWindow  *window,
            const char *check_id)
{
  AdwNavigationPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-check", "s", check_id));
  test_ui_spin (30);
  page = bfg_window_get_visible_page (window);
  g_assert_true (BFG_IS_CHECK_PAGE (page));
  g_assert_cmpstr (adw_navigation_page_get_tag (page), ==, check_id);

  return BFG_CHECK_PAGE (page);
}

static void
act_as (BfgWindow  *window,
        const char *actor_id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.actor", "s", actor_id));
  g_assert_cmpstr (bfg_window_get_actor_id (window), ==, actor_id);
}

static const char * const page_actions[] = {
  "check.record", "check.choose", "check.accept", "check.revoke",
};

/* The change a dialog's answer started runs in a worker thread. Until it
 * is written, every action of the page is off and says why; then the
 * page decides again, on the state the change left. */
static void
wait_for_change (BfgCheckPage *page)
{
  g_assert_true (bfg_check_page_get_busy (page));
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    g_assert_cmpstr (bfg_check_page_get_why_not (page, page_actions[i]), ==,
                     _("Saving the previous change…"));

  while (bfg_check_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    g_assert_cmpstr (bfg_check_page_get_why_not (page, page_actions[i]), !=,
                     _("Saving the previous change…"));
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the page action's dialog, types the note and answers it, as a
 * user would with the keyboard. */
static void
run_dialog_action (BfgWindow    *window,
                   BfgCheckPage *page,
                   const char   *action,
                   const char   *response,
                   const char   *note)
{
  g_autofree char *bound = NULL;
  AdwDialog *dialog;
  GtkWidget *extra;

  /* An acceptance shows exactly the checksum the core will store. */
  if (g_str_equal (action, "check.accept"))
    {
      bound = bfg_engine_dup_bound_checksum (bfg_window_get_engine (window),
                                             bfg_check_get_id (bfg_check_page_get_check (page)),
                                             NULL);
      g_assert_nonnull (bound);
    }

  g_assert_null (bfg_check_page_get_why_not (page, action));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  test_ui_spin (30);

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));

  if (bound != NULL)
    g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), bound));

  extra = adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog));
  if (extra != NULL && note != NULL)
    gtk_editable_set_text (g_object_get_data (G_OBJECT (extra), "entry"), note);

  g_assert_true (adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), response));
  g_signal_emit_by_name (dialog, "response", response);
  adw_dialog_force_close (dialog);
  wait_for_change (page);
  test_ui_spin (30);
}

static void
test_console_signoff (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const *ids = bfg_window_get_page_ids ();
  BfgWindow *window;
  BfgEngine *engine;
  BfgDecisions *decisions;
  BfgCheckPage *page;
  BfgCheck *check;
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  GtkWidget *row;
  GtkWidget *pill;

  window = fixture->window = open_window (fixture, 1280, 800);
  engine = bfg_window_get_engine (window);
  decisions = bfg_engine_get_decisions (engine);

  /* Every page of the seed is reachable through its action. */
  for (guint i = 0; ids[i] != NULL; i++)
    show_page (window, ids[i]);

  /* The demo's state, as the sidebar and the overview show it. */
  g_assert_cmpstr (badge (window, "overview"), ==, "2/9");
  g_assert_cmpstr (badge (window, "cutover-checklist"), ==, "0/6");
  g_assert_cmpstr (badge (window, "connection"), ==, "0/4");
  g_assert_cmpstr (badge (window, "decision-board"), ==, "1/7");
  g_assert_cmpstr (bfg_decisions_get_recommended_title (decisions), ==,
                   "Record adapter connection evidence");
  g_assert_false (bfg_decisions_get_production_go (decisions));

  /* Check rows carry accessible names and a status pill with a role. */
  show_page (window, "cutover-checklist");
  list = bfg_section_page_get_list (BFG_SECTION_PAGE (bfg_window_get_visible_page (window)));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (BFG_IS_CHECK_ROW (row));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)), ==,
                   GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       bfg_check_get_title (
                                         bfg_check_row_get_check (BFG_CHECK_ROW (row))));
  pill = bfg_check_row_get_pill (BFG_CHECK_ROW (row));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (pill)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pill), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Status: Next");

  /* A driver signs nothing: the action is off, says why, and the core
   * refuses it as well. */
  act_as (window, "driver_tarasenko");
  page = show_check (window, "cutover-checklist.dbSchema");
  g_assert_nonnull (bfg_check_page_get_why_not (page, "check.accept"));
  g_assert_nonnull (bfg_check_page_get_why_not (page, "check.record"));
  g_assert_false (bfg_workspace_accept (bfg_engine_get_workspace (engine), "driver_tarasenko",
                                        "cutover-checklist.dbSchema", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Marek records the rehearsal; Olena, the owner, accepts it. */
  act_as (window, "user_dispatcher_marek");
  g_assert_nonnull (bfg_check_page_get_why_not (page, "check.accept"));
  run_dialog_action (window, page, "check.record", "record",
                     "Tenant, user, permission and scenario-state tables created");
  check = bfg_check_page_get_check (page);
  g_assert_cmpint (bfg_check_get_state (check), ==, BFG_CHECK_STATE_REVIEW);
  /* Whoever recorded the evidence cannot accept it. */
  g_assert_nonnull (bfg_check_page_get_why_not (page, "check.accept"));

  act_as (window, "user_accountant_olena");
  run_dialog_action (window, page, "check.accept", "accept", NULL);
  g_assert_cmpint (bfg_check_get_state (check), ==, BFG_CHECK_STATE_READY);
  g_assert_cmpstr (badge (window, "cutover-checklist"), ==, "1/6");
  g_assert_cmpstr (bfg_check_get_evidence_summary (bfg_engine_get_check (
                     engine, "decision-board.schemaRls")),
                   ==, "1/1 checks accepted");
  g_assert_cmpstr (badge (window, "decision-board"), ==, "2/7");

  /* The probe records connection evidence; the owner accepts each step
   * in the UI, and the recommended action moves on. */
  {
    static const char * const steps[] = {
      "connection.reachability", "connection.tls", "connection.rbacSession",
      "connection.writeProbe",
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_assert_true (bfg_workspace_record_step_evidence (bfg_engine_get_workspace (engine),
                                                           "user_dispatcher_marek", steps[i],
                                                           TRUE, "pass", "test probe", &error));
        g_assert_no_error (error);
        page = show_check (window, steps[i]);

        /* The page gives what the step found, in its own words, before
         * anyone accepts it: the evidence row says "Passed: test probe",
         * the step's detail row "test probe". */
        {
          GtkWidget *label = find_label_containing (GTK_WIDGET (page), "Passed: test probe");
          GtkWidget *evidence = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
          GtkWidget *next = gtk_widget_get_next_sibling (evidence);

          g_assert_true (gtk_widget_get_visible (next));
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (next)), ==,
                           "test probe");
        }
        run_dialog_action (window, page, "check.accept", "accept", NULL);
      }
  }
  g_assert_cmpstr (badge (window, "connection"), ==, "4/4");
  g_assert_cmpstr (bfg_decisions_get_recommended_title (decisions), !=,
                   "Record adapter connection evidence");
}

/* Someone else accepts while the dialog is open: the change the page sends
 * is refused in the worker, the refusal shows as a toast, and the page
 * turns usable again with nothing more written. */
static void
test_console_signoff_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *check_id = "cutover-checklist.dbSchema";
  g_autoptr(GError) error = NULL;
  BfgWorkspace *workspace;
  BfgWindow *window;
  BfgCheckPage *page;
  AdwDialog *dialog;
  GtkWidget *toast = NULL;
  gint64 audit;

  window = fixture->window = open_window (fixture, 1280, 800);
  workspace = bfg_engine_get_workspace (bfg_window_get_engine (window));
  g_assert_true (bfg_workspace_record (workspace, "user_dispatcher_marek", check_id,
                                       "rehearsed", &error));
  g_assert_no_error (error);

  act_as (window, "user_accountant_olena");
  page = show_check (window, check_id);
  g_assert_null (bfg_check_page_get_why_not (page, "check.accept"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.accept", NULL));
  test_ui_spin (30);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));

  g_assert_true (bfg_workspace_accept (workspace, "user_accountant_olena", check_id, NULL,
                                       &error));
  g_assert_no_error (error);
  audit = bfg_workspace_get_audit_count (workspace);

  g_signal_emit_by_name (dialog, "response", "accept");
  adw_dialog_force_close (dialog);
  wait_for_change (page);

  for (guint i = 0; i < 100 && toast == NULL; i++)
    {
      test_ui_spin (20);
      toast = find_label_containing (GTK_WIDGET (window), "is already accepted");
    }
  g_assert_nonnull (toast);
  g_assert_cmpint (bfg_workspace_get_audit_count (workspace), ==, audit);
  g_assert_cmpint (bfg_check_get_state (bfg_check_page_get_check (page)), ==,
                   BFG_CHECK_STATE_READY);
  g_assert_null (bfg_check_page_get_why_not (page, "check.revoke"));
}

static gint64
count_audit_events (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "select count(*) from audit_events", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* Another program holds the workspace's write lock, so the change the
 * page sends waits. Closing the window disposes the page, whose
 * cancellable stops that change: once the lock is free, nothing has been
 * written, and nothing touched the page after it was gone. */
static void
test_console_signoff_cancelled (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  BfgWindow *window;
  BfgCheckPage *page;
  AdwDialog *dialog;
  sqlite3 *locker = NULL;
  gint64 audit;

  /* Longer than the test waits: only cancelling can end the wait. */
  g_setenv ("BFG_BUSY_TIMEOUT_MS", "60000", TRUE);
  window = fixture->window = open_window (fixture, 1280, 800);
  g_unsetenv ("BFG_BUSY_TIMEOUT_MS");
  audit = count_audit_events (path);

  act_as (window, "user_dispatcher_marek");
  page = show_check (window, "cutover-checklist.dbSchema");
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "check.record", NULL));
  test_ui_spin (30);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (adw_alert_dialog_get_extra_child (
                                              ADW_ALERT_DIALOG (dialog))), "entry"),
                         "rehearsed");

  g_assert_cmpint (sqlite3_open (path, &locker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locker, "begin immediate", NULL, NULL, NULL), ==, SQLITE_OK);

  g_signal_emit_by_name (dialog, "response", "record");
  adw_dialog_force_close (dialog);
  g_assert_true (bfg_check_page_get_busy (page));
  test_ui_spin (200);
  g_assert_true (bfg_check_page_get_busy (page));

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  test_ui_spin (300);
  g_assert_null (page);

  sqlite3_exec (locker, "rollback", NULL, NULL, NULL);
  sqlite3_close (locker);
  test_ui_spin (300);
  g_assert_cmpint (count_audit_events (path), ==, audit);
}

typedef struct
{
  GError   *error;
  gboolean  done;
} Shot;

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Shot *shot = user_data;

  bfg_screenshot_save_finish (GTK_WIDGET (object), result, &shot->error);
  shot->done = TRUE;
}

static void
save_pages (Fixture    *fixture,
            const char *lang,
            int         width,
            int         height)
{
  const char * const *ids = bfg_window_get_page_ids ();
  g_autofree char *shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  BfgWindow *window;

  g_mkdir_with_parents (shots, 0755);
  window = fixture->window = open_window (fixture, width, height);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u-%s-%s-%dx%d.png", i, ids[i], lang,
                                               width, height);
      g_autofree char *path = g_build_filename (shots, name, NULL);
      Shot shot = { NULL, FALSE };

      show_page (window, ids[i]);
      test_ui_spin (250);
      bfg_screenshot_save_async (GTK_WIDGET (window), path, NULL, on_saved_cb, &shot);
      while (!shot.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (shot.error);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = NULL;
  test_ui_spin (50);
}

static void
save_one (BfgWindow  *window,
          const char *name)
{
  g_autofree char *shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = g_build_filename (shots, name, NULL);
  Shot shot = { NULL, FALSE };

  g_mkdir_with_parents (shots, 0755);
  bfg_screenshot_save_async (GTK_WIDGET (window), path, NULL, on_saved_cb, &shot);
  while (!shot.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (shot.error);
}

/* Keyboard, accessibility, the narrow layout and dark mode. */
static void
test_console_hig (Fixture       *fixture,
                  gconstpointer  data)
{
  BfgWindow *window;
  BfgEngine *engine;
  AdwNavigationSplitView *split_view;
  GtkWidget *tile = NULL;
  GtkWidget *traffic;
  GtkWidget *focus;
  AdwStyleManager *style = adw_style_manager_get_default ();

  window = fixture->window = open_window (fixture, 1280, 800);
  engine = bfg_window_get_engine (window);
  split_view = ADW_NAVIGATION_SPLIT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                         BFG_TYPE_WINDOW,
                                                                         "split_view"));
  g_assert_false (adw_navigation_split_view_get_collapsed (split_view));

  /* Tab alone reaches the Preflight tile of the overview, and Enter on it
   * opens that page. */
  show_page (window, "overview");
  gtk_widget_grab_focus (GTK_WIDGET (bfg_window_get_sidebar_row (window, "overview")));
  for (guint i = 0; i < 200 && tile == NULL; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (BFG_IS_TILE (focus) &&
          g_strcmp0 (bfg_tile_get_page_id (BFG_TILE (focus)), "preflight") == 0)
        tile = focus;
    }
  g_assert_nonnull (tile);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Preflight: 1/5");
  /* A button shows itself pressed for a moment before it clicks. */
  g_assert_true (gtk_widget_activate (tile));
  test_ui_spin (400);
  g_assert_cmpstr (adw_navigation_page_get_tag (bfg_window_get_visible_page (window)), ==,
                   "preflight");

  /* The production pill on the overview says NO-GO in words, as a status. */
  show_page (window, "overview");
  {
    GtkWidget *pill = bfg_overview_page_get_production_pill (
                        BFG_OVERVIEW_PAGE (bfg_window_get_visible_page (window)));

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (pill), GTK_ACCESSIBLE_ROLE_STATUS);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pill), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Status: NO-GO");
  }

  /* The wiring page says production traffic is off, with the engine's
   * decision code, in a row of its own. */
  show_page (window, "wiring");
  traffic = bfg_section_page_get_traffic_row (
              BFG_SECTION_PAGE (bfg_window_get_visible_page (window)));
  g_assert_true (gtk_widget_get_visible (traffic));
  g_assert_cmpstr (bfg_decisions_get_code (bfg_engine_get_decisions (engine), "wiring"), ==,
                   "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (traffic), GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (traffic), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       _("Production traffic disabled"));
  show_page (window, "connection");
  traffic = bfg_section_page_get_traffic_row (
              BFG_SECTION_PAGE (bfg_window_get_visible_page (window)));
  g_assert_false (gtk_widget_get_visible (traffic));

  /* Dark mode follows libadwaita's palette. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  show_page (window, "overview");
  test_ui_spin (250);
  g_assert_true (adw_style_manager_get_dark (style));
  save_one (window, "90-overview-en-dark-1280x800.png");
  show_page (window, "wiring");
  test_ui_spin (250);
  save_one (window, "91-wiring-en-dark-1280x800.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* At phone width the split view collapses into one pane. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  test_ui_spin (300);
  g_assert_true (adw_navigation_split_view_get_collapsed (split_view));
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *lang = g_getenv ("BFG_TEST_LANG");

  save_pages (fixture, lang != NULL ? lang : "en", 1280, 800);
  save_pages (fixture, lang != NULL ? lang : "en", 360, 640);
}

/* Spanish runs in a child, so that gettext sees LANGUAGE before GTK
 * starts and every string of the core and the UI comes out in Spanish. */
static void
test_screenshots_es (void)
{
  if (g_getenv ("BFG_TEST_LANG") != NULL)
    return;

  {
    g_auto(GStrv) envp = g_get_environ ();

    envp = g_environ_setenv (envp, "LANGUAGE", "es", TRUE);
    envp = g_environ_setenv (envp, "LANG", "es_ES.UTF-8", TRUE);
    envp = g_environ_setenv (envp, "BFG_TEST_LANG", "es", TRUE);
    g_test_trap_subprocess_with_envp ("/ui/console/screenshots", (const char * const *) envp,
                                      0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                         G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
  }
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

  g_test_add ("/ui/console/signoff", Fixture, NULL,
              fixture_set_up, test_console_signoff, fixture_tear_down);
  g_test_add ("/ui/console/signoff-refused", Fixture, NULL,
              fixture_set_up, test_console_signoff_refused, fixture_tear_down);
  g_test_add ("/ui/console/signoff-cancelled", Fixture, NULL,
              fixture_set_up, test_console_signoff_cancelled, fixture_tear_down);
  g_test_add ("/ui/console/hig", Fixture, NULL,
              fixture_set_up, test_console_hig, fixture_tear_down);
  g_test_add ("/ui/console/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add_func ("/ui/console/screenshots-es", test_screenshots_es);

  return g_test_run ();
}
