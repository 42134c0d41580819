/* bfg-check-row.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-check-row.h"
#include "bfg-status-pill.h"

struct _BfgCheckRow
{
  GtkListBoxRow  parent_instance;

  BfgCheck      *check;

  BfgStatusPill *pill;
};

G_DEFINE_FINAL_TYPE (BfgCheckRow, bfg_check_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
owner_text_cb (BfgCheckRow *self,
               const char  *owner_name)
{
  if (owner_name == NULL || *owner_name == '\0')
    return g_strdup ("");

  /* Translators: %s is a person, such as "Anna Kowalska" */
  return g_strdup_printf (_("Owner: %s"), owner_name);
}

static gboolean
has_text_cb (BfgCheckRow *self,
             const char  *text)
{
  return text != NULL && *text != '\0';
}

/* A screen reader hears the row as title, then state, then owner, which
 * is what a sighted user reads first too. */
static void
update_accessible (BfgCheckRow *self)
{
  g_autofree char *description = NULL;

  if (self->check == NULL)
    return;

  description = g_strdup_printf ("%s. %s",
                                 bfg_status_pill_get_text (self->pill),
                                 bfg_check_get_description (self->check));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bfg_check_get_title (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description,
                                  -1);
}

static void
on_pill_text_notify_cb (BfgCheckRow *self)
{
  update_accessible (self);
}

static void
set_check (BfgCheckRow *self,
           BfgCheck    *check)
{
  if (!g_set_object (&self->check, check))
    return;

  if (check != NULL)
    {
      /* Activating the row opens the check: the window owns that
       * action, so rows work wherever a section list shows them. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s",
                                        bfg_check_get_id (check));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self),
                                      "win.show-check");
    }

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK]);
}

static void
bfg_check_row_dispose (GObject *object)
{
  BfgCheckRow *self = BFG_CHECK_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_CHECK_ROW);
  g_clear_object (&self->check);

  G_OBJECT_CLASS (bfg_check_row_parent_class)->dispose (object);
}

static void
bfg_check_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BfgCheckRow *self = BFG_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_check_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BfgCheckRow *self = BFG_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      set_check (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_check_row_class_init (BfgCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_check_row_dispose;
  object_class->get_property = bfg_check_row_get_property;
  object_class->set_property = bfg_check_row_set_property;

  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL,
                         BFG_TYPE_CHECK,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BFG_TYPE_STATUS_PILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgCheckRow, pill);
  gtk_widget_class_bind_template_callback (widget_class, owner_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pill_text_notify_cb);
}

static void
bfg_check_row_init (BfgCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bfg_check_row_new (BfgCheck *check)
{
  g_return_val_if_fail (BFG_IS_CHECK (check), NULL);

  return g_object_new (BFG_TYPE_CHECK_ROW,
                       "check", check,
                       NULL);
}

BfgCheck *
bfg_check_row_get_check (BfgCheckRow *self)
{
  g_return_val_if_fail (BFG_IS_CHECK_ROW (self), NULL);

  return self->check;
}

GtkWidget *
bfg_check_row_get_pill (BfgCheckRow *self)
{
  g_return_val_if_fail (BFG_IS_CHECK_ROW (self), NULL);

  return GTK_WIDGET (self->pill);
}
