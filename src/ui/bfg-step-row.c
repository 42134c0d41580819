/* bfg-step-row.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A step of the connection probe or of the dry-run: a status icon, or a
 * spinner while the step runs, a subtitle with the status and what the
 * step found, and its numbers at the end. The owner composes the texts,
 * so that each page keeps its own translator context; the row keeps the
 * icon, the spinner and the accessible label in step with each other.
 */

#include "config.h"

#include "bfg-step-row.h"

struct _BfgStepRow
{
  AdwActionRow  parent_instance;

  GtkImage     *icon;
  GtkWidget    *spinner;
  GtkLabel     *numbers_label;
};

G_DEFINE_FINAL_TYPE (BfgStepRow, bfg_step_row, ADW_TYPE_ACTION_ROW)

/* Every style an owner may give the icon: a new look must clear the old. */
static const char * const icon_styles[] = { "success", "error", "warning", "dimmed", NULL };

static void
bfg_step_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BFG_TYPE_STEP_ROW);

  G_OBJECT_CLASS (bfg_step_row_parent_class)->dispose (object);
}

static void
bfg_step_row_class_init (BfgStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_step_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgStepRow, icon);
  gtk_widget_class_bind_template_child (widget_class, BfgStepRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfgStepRow, numbers_label);
}

static void
bfg_step_row_init (BfgStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bfg_step_row_new:
 * @step_id: the step's identifier, which becomes the row's widget name
 * @title: the step's translated name
 *
 * Returns: (transfer floating): a new step row
 */
GtkWidget *
bfg_step_row_new (const char *step_id,
                  const char *title)
{
  g_return_val_if_fail (step_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (BFG_TYPE_STEP_ROW,
                       "name", step_id,
                       "title", title,
                       NULL);
}

/**
 * bfg_step_row_show:
 * @self: a #BfgStepRow
 * @icon_name: (nullable): the status icon, or %NULL for a spinner while
 *   the step runs
 * @style: (nullable): a style class for the icon, such as "success"
 * @status: the status in a word or two, which is also the icon's
 *   accessible label
 * @subtitle: the status and what the step found
 * @numbers: (nullable): the step's numbers, hidden when %NULL
 */
void
bfg_step_row_show (BfgStepRow *self,
                   const char *icon_name,
                   const char *style,
                   const char *status,
                   const char *subtitle,
                   const char *numbers)
{
  gboolean running = icon_name == NULL;

  g_return_if_fail (BFG_IS_STEP_ROW (self));
  g_return_if_fail (status != NULL);

  for (guint i = 0; icon_styles[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), icon_styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !running);
  gtk_widget_set_visible (self->spinner, running);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status, -1);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_label_set_label (self->numbers_label, numbers != NULL ? numbers : "");
  gtk_widget_set_visible (GTK_WIDGET (self->numbers_label), numbers != NULL);
}
