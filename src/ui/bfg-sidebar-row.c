/* bfg-sidebar-row.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-sidebar-row.h"

struct _BfgSidebarRow
{
  GtkListBoxRow  parent_instance;

  char          *page_id;
  char          *title;
  char          *group;
  BfgSection    *section;

  GtkLabel      *badge;
};

G_DEFINE_FINAL_TYPE (BfgSidebarRow, bfg_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PAGE_ID,
  PROP_TITLE,
  PROP_GROUP,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
badge_text_cb (BfgSidebarRow *self,
               guint          ready,
               guint          total)
{
  if (self->section == NULL)
    return g_strdup ("");

  /* Translators: a sidebar badge, "2/9"; ready checks / all checks */
  return g_strdup_printf (C_("badge", "%u/%u"), ready, total);
}

static char *
badge_accessible_cb (BfgSidebarRow *self,
                     guint          ready,
                     guint          total)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u check ready",
                                       "%u of %u checks ready",
                                       total),
                          ready, total);
}

static void
on_badge_label_notify_cb (BfgSidebarRow *self)
{
  g_autofree char *description = NULL;

  if (self->section == NULL)
    return;

  description = badge_accessible_cb (self,
                                     bfg_section_get_ready (self->section),
                                     bfg_section_get_total (self->section));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
bfg_sidebar_row_dispose (GObject *object)
{
  BfgSidebarRow *self = BFG_SIDEBAR_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_SIDEBAR_ROW);
  g_clear_object (&self->section);

  G_OBJECT_CLASS (bfg_sidebar_row_parent_class)->dispose (object);
}

static void
bfg_sidebar_row_finalize (GObject *object)
{
  BfgSidebarRow *self = BFG_SIDEBAR_ROW (object);

  g_clear_pointer (&self->page_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->group, g_free);

  G_OBJECT_CLASS (bfg_sidebar_row_parent_class)->finalize (object);
}

static void
bfg_sidebar_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfgSidebarRow *self = BFG_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE_ID:
      g_value_set_string (value, self->page_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;

    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_sidebar_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfgSidebarRow *self = BFG_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE_ID:
      g_set_str (&self->page_id, g_value_get_string (value));
      break;

    case PROP_TITLE:
      if (g_set_str (&self->title, g_value_get_string (value)))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                          -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_GROUP:
      g_set_str (&self->group, g_value_get_string (value));
      break;

    case PROP_SECTION:
      if (g_set_object (&self->section, g_value_get_object (value)))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->badge), self->section != NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_sidebar_row_class_init (BfgSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_sidebar_row_dispose;
  object_class->finalize = bfg_sidebar_row_finalize;
  object_class->get_property = bfg_sidebar_row_get_property;
  object_class->set_property = bfg_sidebar_row_set_property;

  properties[PROP_PAGE_ID] =
    g_param_spec_string ("page-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL, BFG_TYPE_SECTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgSidebarRow, badge);
  gtk_widget_class_bind_template_callback (widget_class, badge_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_badge_label_notify_cb);
}

static void
bfg_sidebar_row_init (BfgSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bfg_sidebar_row_new (const char *page_id,
                     const char *title,
                     const char *group,
                     BfgSection *section)
{
  return g_object_new (BFG_TYPE_SIDEBAR_ROW,
                       "page-id", page_id,
                       "title", title,
                       "group", group,
                       "section", section,
                       NULL);
}

const char *
bfg_sidebar_row_get_page_id (BfgSidebarRow *self)
{
  g_return_val_if_fail (BFG_IS_SIDEBAR_ROW (self), NULL);
  return self->page_id;
}

const char *
bfg_sidebar_row_get_group (BfgSidebarRow *self)
{
  g_return_val_if_fail (BFG_IS_SIDEBAR_ROW (self), NULL);
  return self->group;
}

/**
 * bfg_sidebar_row_get_badge:
 * @self: a #BfgSidebarRow
 *
 * Returns: the badge as shown, such as "2/9", or "" without a section
 */
const char *
bfg_sidebar_row_get_badge (BfgSidebarRow *self)
{
  g_return_val_if_fail (BFG_IS_SIDEBAR_ROW (self), NULL);
  return gtk_label_get_label (self->badge);
}
