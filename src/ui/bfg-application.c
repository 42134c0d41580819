/* bfg-application.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-application.h"
#include "bfg-packets.h"
#include "bfg-screenshot.h"
#include "bfg-ui-util.h"
#include "bfg-window.h"

struct _BfgApplication
{
  AdwApplication  parent_instance;

  char           *workspace_path;
  char           *screenshot_path;
};

G_DEFINE_FINAL_TYPE (BfgApplication, bfg_application, ADW_TYPE_APPLICATION)

static void
on_screenshot_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BfgApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bfg_screenshot_save_finish (GTK_WIDGET (object), result, &error))
    {
      g_printerr ("%s\n", error->message);
      g_application_release (G_APPLICATION (self));
      exit (EXIT_FAILURE);
    }

  g_print (_("Saved a picture of the console to %s\n"), self->screenshot_path);
  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
}

/* BFG_TRACE_STARTUP: the cold-start benchmark (benchmarks/cold-start.sh)
 * reads the "first-frame" and "console-frame" steps; "console" is the
 * first frame drawn once the workspace is open and the console built. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   BfgWindow     *window)
{
  if (g_object_get_data (G_OBJECT (window), "bfg-first-frame") == NULL)
    {
      g_object_set_data (G_OBJECT (window), "bfg-first-frame", GINT_TO_POINTER (1));
      bfg_ui_trace_startup ("first-frame");
    }

  if (bfg_window_get_engine (window) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  bfg_ui_trace_startup ("console-frame");
}

/* Runs after the frame's layout, so that the trace splits the first
 * console frame into layout and drawing. */
static void
on_layout_cb (GdkFrameClock *clock,
              BfgWindow     *window)
{
  bfg_ui_trace_startup ("layout-done");
  if (bfg_window_get_engine (window) != NULL)
    g_signal_handlers_disconnect_by_func (clock, on_layout_cb, window);
}

static void
on_window_realize_cb (GtkWidget *window)
{
  bfg_ui_trace_startup ("realized");
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "layout",
                           G_CALLBACK (on_layout_cb), window, G_CONNECT_AFTER);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), window, 0);
}

static void
trace_startup (GtkWindow *window)
{
  if (!bfg_ui_trace_startup_enabled () || gtk_widget_get_realized (GTK_WIDGET (window)))
    return;

  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
}

static void
bfg_application_activate (GApplication *app)
{
  BfgApplication *self = BFG_APPLICATION (app);
  GtkWindow *window;

  bfg_ui_trace_startup ("activate");

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      g_debug ("Activated: building the window");
      window = GTK_WINDOW (bfg_window_new (self, self->workspace_path));
      g_debug ("Built the window");
      bfg_ui_trace_startup ("window-built");
    }

  trace_startup (window);
  gtk_window_present (window);
  bfg_ui_trace_startup ("presented");

  /* --screenshot keeps the application alive until the first frame has
   * been drawn and saved, then quits. */
  if (self->screenshot_path != NULL)
    {
      g_application_hold (app);
      bfg_screenshot_save_async (GTK_WIDGET (window),
                                 self->screenshot_path,
                                 NULL,
                                 on_screenshot_done_cb,
                                 g_object_ref (self));
    }
}

static int
bfg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  BfgApplication *self = BFG_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("bfg-console %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "workspace", "^&ay", &path))
    self->workspace_path = g_canonicalize_filename (path, NULL);

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &path))
    self->screenshot_path = g_canonicalize_filename (path, NULL);

  /* A screenshot run is a one-off: it must not hand its work to an
   * instance that is already running. */
  if (self->screenshot_path != NULL || self->workspace_path != NULL)
    {
      GApplicationFlags flags = g_application_get_flags (app);
      g_application_set_flags (app, flags | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
bfg_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
bfg_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  BfgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwDialog *about;

  about = adw_about_dialog_new_from_appdata (RESOURCE_PREFIX "/metainfo.xml",
                                             PACKAGE_VERSION);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about),
                                           /* Translators: your name and address, one per line */
                                           _("translator-credits"));
  adw_dialog_present (about, GTK_WIDGET (window));
}

static const GActionEntry app_actions[] = {
  { "quit", bfg_application_quit_action },
  { "about", bfg_application_about_action },
};

static void
bfg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  bfg_ui_trace_startup ("startup");
  G_APPLICATION_CLASS (bfg_application_parent_class)->startup (app);
  bfg_ui_trace_startup ("gtk-ready");

  /* Packet checksums feed sign-offs (rollback.auditPacket): the engine
   * must use the same renderer as bfgctl before its first evaluation. */
  bfg_packets_register ();

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                         "app.quit",
                                         quit_accels);
}

static void
bfg_application_finalize (GObject *object)
{
  BfgApplication *self = BFG_APPLICATION (object);

  g_clear_pointer (&self->workspace_path, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (bfg_application_parent_class)->finalize (object);
}

static void
bfg_application_class_init (BfgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bfg_application_finalize;

  app_class->activate = bfg_application_activate;
  app_class->startup = bfg_application_startup;
  app_class->handle_local_options = bfg_application_handle_local_options;
}

static void
bfg_application_init (BfgApplication *self)
{
  static const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the workspace at PATH instead of the default one"), N_("PATH") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a PNG picture of the window to FILE once drawn, then quit"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/**
 * bfg_application_new:
 *
 * Returns: (transfer full): the console's application object
 */
BfgApplication *
bfg_application_new (void)
{
  return g_object_new (BFG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

const char *
bfg_application_get_workspace_path (BfgApplication *self)
{
  g_return_val_if_fail (BFG_IS_APPLICATION (self), NULL);

  return self->workspace_path;
}
