/* bfg-window.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-window.h"

struct _BfgWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *workspace_path;

  AdwNavigationSplitView *split_view;
  GtkListBox           *sidebar;
};

G_DEFINE_FINAL_TYPE (BfgWindow, bfg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sections of the console, in the order the sidebar shows them. */
static const char * const sections[] = {
  N_("Overview"),
  N_("Production Decision"),
  N_("Provider Selection Acceptance"),
  N_("Infrastructure Decision"),
  N_("Guarded DB/Auth Wiring"),
  N_("Provider Contracts"),
  N_("Live Session"),
  N_("RBAC Map"),
  N_("Cutover Checklist"),
  N_("Adapter Decision Board"),
  N_("Migration Runbook"),
  N_("Data Cutover"),
  N_("Adapter Connection"),
  N_("Adapter Dry-Run"),
  N_("Migration Preflight"),
  N_("Release Handoff"),
  N_("Rollback Drill"),
  N_("Environments"),
  N_("Audit Trail"),
};

static void
bfg_window_finalize (GObject *object)
{
  BfgWindow *self = BFG_WINDOW (object);

  g_clear_pointer (&self->workspace_path, g_free);

  G_OBJECT_CLASS (bfg_window_parent_class)->finalize (object);
}

static void
bfg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BfgWindow *self = BFG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_value_set_string (value, self->workspace_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BfgWindow *self = BFG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_set_str (&self->workspace_path, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_window_class_init (BfgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bfg_window_finalize;
  object_class->get_property = bfg_window_get_property;
  object_class->set_property = bfg_window_set_property;

  properties[PROP_WORKSPACE_PATH] =
    g_param_spec_string ("workspace-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, BfgWindow, sidebar);
}

static void
bfg_window_init (BfgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *label = gtk_label_new (_(sections[i]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (self->sidebar, label);
    }
}

BfgWindow *
bfg_window_new (BfgApplication *application,
                const char     *workspace_path)
{
  return g_object_new (BFG_TYPE_WINDOW,
                       "application", application,
                       "workspace-path", workspace_path,
                       NULL);
}
