/* test-ui-window.c: the main window opens under a real display
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bfg-application.h"
#include "bfg-screenshot.h"
#include "bfg-test-services.h"
#include "bfg-window.h"

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  bfg_screenshot_save_finish (GTK_WIDGET (object), result, error);
  g_main_context_wakeup (NULL);
}

static void
test_window_opens (void)
{
  g_autoptr(BfgApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autofree char *workspace = NULL;
  BfgWindow *window;
  GStatBuf st;
  gboolean done = FALSE;

  dir = g_dir_make_tmp ("bfg-ui-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (dir, "workspace.sqlite", NULL);
  png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", "00-window-en.png", NULL);
  {
    g_autofree char *shots = g_path_get_dirname (png);

    g_mkdir_with_parents (shots, 0755);
  }

  app = bfg_application_new ();
  /* Non-unique: a test must never wait on, or hand its work to, another
   * instance that holds the app id on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = bfg_window_new (app, workspace);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* The workspace opens on a worker thread; picture the window once it
   * shows the console, and never leave that thread running past the
   * end of the test. */
  while (bfg_window_get_engine (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  bfg_screenshot_save_async (GTK_WIDGET (window), png, NULL, on_saved_cb, &error);
  while (error == NULL && g_stat (png, &st) != 0)
    g_main_context_iteration (NULL, TRUE);
  done = TRUE;

  g_assert_no_error (error);
  g_assert_true (done);
  g_assert_cmpint (g_stat (png, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  bfg_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/opens", test_window_opens);

  return g_test_run ();
}
