/* bfg-section-row.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview and the production page list sections the same way: the
 * title, the decision code as subtitle and the ready/total badge, all
 * bound to the section, so that the row follows every change.
 */

#include "config.h"

#include "bfg-section-row.h"
#include "bfg-ui-expressions.h"

struct _BfgSectionRow
{
  AdwActionRow  parent_instance;

  BfgSection   *section;
};

G_DEFINE_FINAL_TYPE (BfgSectionRow, bfg_section_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bfg_section_row_dispose (GObject *object)
{
  BfgSectionRow *self = BFG_SECTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_SECTION_ROW);
  g_clear_object (&self->section);

  G_OBJECT_CLASS (bfg_section_row_parent_class)->dispose (object);
}

static void
bfg_section_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfgSectionRow *self = BFG_SECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_section_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfgSectionRow *self = BFG_SECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      bfg_section_row_set_section (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_section_row_class_init (BfgSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_section_row_dispose;
  object_class->get_property = bfg_section_row_get_property;
  object_class->set_property = bfg_section_row_set_property;

  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL,
                         BFG_TYPE_SECTION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-section-row.ui");
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_section_row_init (BfgSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfgSection *
bfg_section_row_get_section (BfgSectionRow *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_ROW (self), NULL);

  return self->section;
}

/**
 * bfg_section_row_set_section:
 * @self: a #BfgSectionRow
 * @section: (nullable): the section to sum up
 *
 * Activating the row opens the section's page, whose id is the
 * section's.
 */
void
bfg_section_row_set_section (BfgSectionRow *self,
                             BfgSection    *section)
{
  g_return_if_fail (BFG_IS_SECTION_ROW (self));
  g_return_if_fail (section == NULL || BFG_IS_SECTION (section));

  if (!g_set_object (&self->section, section))
    return;

  if (section != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s",
                                      bfg_section_get_id (section));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self),
                                  section != NULL ? "win.show-page" : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}
