/* bfg-info-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provider contracts, the live session and the RBAC map are views of
 * recorded facts rather than lists of checks; each is a few preferences
 * groups bound to the engine's models, shown by this page.
 */

#include "config.h"

#include "bfg-info-page.h"

struct _BfgInfoPage
{
  AdwNavigationPage    parent_instance;

  char                *description;

  AdwPreferencesPage  *prefs_page;
};

G_DEFINE_FINAL_TYPE (BfgInfoPage, bfg_info_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bfg_info_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BFG_TYPE_INFO_PAGE);

  G_OBJECT_CLASS (bfg_info_page_parent_class)->dispose (object);
}

static void
bfg_info_page_finalize (GObject *object)
{
  BfgInfoPage *self = BFG_INFO_PAGE (object);

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (bfg_info_page_parent_class)->finalize (object);
}

static void
bfg_info_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BfgInfoPage *self = BFG_INFO_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_info_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BfgInfoPage *self = BFG_INFO_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      if (g_set_str (&self->description, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_info_page_class_init (BfgInfoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_info_page_dispose;
  object_class->finalize = bfg_info_page_finalize;
  object_class->get_property = bfg_info_page_get_property;
  object_class->set_property = bfg_info_page_set_property;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-info-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgInfoPage, prefs_page);
}

static void
bfg_info_page_init (BfgInfoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfgInfoPage *
bfg_info_page_new (const char *tag,
                   const char *title,
                   const char *description)
{
  return g_object_new (BFG_TYPE_INFO_PAGE,
                       "tag", tag,
                       "title", title,
                       "description", description,
                       NULL);
}

void
bfg_info_page_add_group (BfgInfoPage         *self,
                         AdwPreferencesGroup *group)
{
  g_return_if_fail (BFG_IS_INFO_PAGE (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  adw_preferences_page_add (self->prefs_page, group);
}
