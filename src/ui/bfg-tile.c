/* bfg-tile.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tile is a card-styled button: a caption, one large figure and a line
 * of context. Activating it opens the page the figure comes from, so the
 * dashboard is also a way in by keyboard.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-tile.h"

struct _BfgTile
{
  GtkButton  parent_instance;

  char      *title;
  char      *value;
  char      *description;
  char      *page_id;
};

G_DEFINE_FINAL_TYPE (BfgTile, bfg_tile, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_DESCRIPTION,
  PROP_PAGE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A screen reader hears the caption and the figure together, as one
 * sentence, rather than two unrelated labels. */
static void
update_accessible (BfgTile *self)
{
  g_autofree char *label = NULL;

  /* Translators: how a screen reader announces a dashboard tile,
   * "Preflight: 1/5" */
  label = g_strdup_printf (_("%s: %s"),
                           self->title != NULL ? self->title : "",
                           self->value != NULL ? self->value : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "",
                                  -1);
}

static void
bfg_tile_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BFG_TYPE_TILE);

  G_OBJECT_CLASS (bfg_tile_parent_class)->dispose (object);
}

static void
bfg_tile_finalize (GObject *object)
{
  BfgTile *self = BFG_TILE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->page_id, g_free);

  G_OBJECT_CLASS (bfg_tile_parent_class)->finalize (object);
}

static void
bfg_tile_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BfgTile *self = BFG_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PAGE_ID:
      g_value_set_string (value, self->page_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_tile_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BfgTile *self = BFG_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      bfg_tile_set_title (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      bfg_tile_set_value (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      bfg_tile_set_description (self, g_value_get_string (value));
      break;

    case PROP_PAGE_ID:
      bfg_tile_set_page_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_tile_class_init (BfgTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_tile_dispose;
  object_class->finalize = bfg_tile_finalize;
  object_class->get_property = bfg_tile_get_property;
  object_class->set_property = bfg_tile_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_PAGE_ID] =
    g_param_spec_string ("page-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-tile.ui");
}

static void
bfg_tile_init (BfgTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
bfg_tile_get_title (BfgTile *self)
{
  g_return_val_if_fail (BFG_IS_TILE (self), NULL);

  return self->title;
}

void
bfg_tile_set_title (BfgTile    *self,
                    const char *title)
{
  g_return_if_fail (BFG_IS_TILE (self));

  if (!g_set_str (&self->title, title))
    return;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
bfg_tile_get_value (BfgTile *self)
{
  g_return_val_if_fail (BFG_IS_TILE (self), NULL);

  return self->value;
}

void
bfg_tile_set_value (BfgTile    *self,
                    const char *value)
{
  g_return_if_fail (BFG_IS_TILE (self));

  if (!g_set_str (&self->value, value))
    return;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
bfg_tile_get_description (BfgTile *self)
{
  g_return_val_if_fail (BFG_IS_TILE (self), NULL);

  return self->description;
}

void
bfg_tile_set_description (BfgTile    *self,
                          const char *description)
{
  g_return_if_fail (BFG_IS_TILE (self));

  if (!g_set_str (&self->description, description))
    return;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
bfg_tile_get_page_id (BfgTile *self)
{
  g_return_val_if_fail (BFG_IS_TILE (self), NULL);

  return self->page_id;
}

/**
 * bfg_tile_set_page_id:
 * @self: a #BfgTile
 * @page_id: (nullable): the page the tile opens
 *
 * A tile without a page is a figure only and takes no focus.
 */
void
bfg_tile_set_page_id (BfgTile    *self,
                      const char *page_id)
{
  g_return_if_fail (BFG_IS_TILE (self));

  if (!g_set_str (&self->page_id, page_id))
    return;

  if (page_id != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", page_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self),
                                  page_id != NULL ? "win.show-page" : NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), page_id != NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self), page_id != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_ID]);
}
