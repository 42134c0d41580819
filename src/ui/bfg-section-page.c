/* bfg-section-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every section of the plan that is a list of checks uses this one page.
 * Pages that need more (the connection form, the dry-run runner, a packet
 * view) put their widget in the extra slot below the checks.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-check-row.h"
#include "bfg-section-page.h"
#include "bfg-status-pill.h"

struct _BfgSectionPage
{
  AdwNavigationPage  parent_instance;

  BfgSection        *section;
  BfgDecisions      *decisions;
  GtkWidget         *extra;

  GtkListBox        *list;
  GtkListBox        *batches_list;
  GtkWidget         *batches_box;
  GtkWidget         *traffic_row;
  AdwBin            *extra_bin;
};

G_DEFINE_FINAL_TYPE (BfgSectionPage, bfg_section_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_SECTION,
  PROP_DECISIONS,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_check_row_cb (gpointer item,
                     gpointer user_data)
{
  return bfg_check_row_new (BFG_CHECK (item));
}

static char *
counts_text_cb (BfgSectionPage *self,
                guint           ready,
                guint           total)
{
  /* Translators: "3 of 5 checks ready"; the count is the second number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u check ready",
                                       "%u of %u checks ready",
                                       total),
                          ready, total);
}

static gboolean
has_text_cb (BfgSectionPage *self,
             const char     *text)
{
  return text != NULL && *text != '\0';
}

/* Production traffic flows only once the core says production is GO
 * (the same rule the wiring packet prints); until then the wiring page
 * says so in a row of its own rather than only inside its packet. */
static gboolean
traffic_disabled_cb (BfgSectionPage *self,
                     const char     *section_id,
                     gboolean        production_go)
{
  return g_strcmp0 (section_id, "wiring") == 0 && !production_go;
}

static void
bind_lists (BfgSectionPage *self)
{
  BfgSection *batches = NULL;

  gtk_list_box_bind_model (self->list,
                           G_LIST_MODEL (self->section),
                           create_check_row_cb, NULL, NULL);

  if (self->section != NULL)
    batches = bfg_section_get_batches (self->section);

  gtk_list_box_bind_model (self->batches_list,
                           G_LIST_MODEL (batches),
                           create_check_row_cb, NULL, NULL);
  gtk_widget_set_visible (self->batches_box, batches != NULL);

  if (self->section != NULL)
    adw_navigation_page_set_tag (ADW_NAVIGATION_PAGE (self),
                                 bfg_section_get_id (self->section));
}

static void
bfg_section_page_dispose (GObject *object)
{
  BfgSectionPage *self = BFG_SECTION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_SECTION_PAGE);
  g_clear_object (&self->section);
  g_clear_object (&self->decisions);
  self->extra = NULL;

  G_OBJECT_CLASS (bfg_section_page_parent_class)->dispose (object);
}

static void
bfg_section_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BfgSectionPage *self = BFG_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    case PROP_DECISIONS:
      g_value_set_object (value, self->decisions);
      break;

    case PROP_EXTRA:
      g_value_set_object (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_section_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BfgSectionPage *self = BFG_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      bfg_section_page_set_section (self, g_value_get_object (value));
      break;

    case PROP_DECISIONS:
      bfg_section_page_set_decisions (self, g_value_get_object (value));
      break;

    case PROP_EXTRA:
      bfg_section_page_set_extra (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_section_page_class_init (BfgSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_section_page_dispose;
  object_class->get_property = bfg_section_page_get_property;
  object_class->set_property = bfg_section_page_set_property;

  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL,
                         BFG_TYPE_SECTION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DECISIONS] =
    g_param_spec_object ("decisions", NULL, NULL,
                         BFG_TYPE_DECISIONS,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_EXTRA] =
    g_param_spec_object ("extra", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BFG_TYPE_STATUS_PILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-section-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgSectionPage, list);
  gtk_widget_class_bind_template_child (widget_class, BfgSectionPage, batches_list);
  gtk_widget_class_bind_template_child (widget_class, BfgSectionPage, batches_box);
  gtk_widget_class_bind_template_child (widget_class, BfgSectionPage, traffic_row);
  gtk_widget_class_bind_template_child (widget_class, BfgSectionPage, extra_bin);
  gtk_widget_class_bind_template_callback (widget_class, counts_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, traffic_disabled_cb);
}

static void
bfg_section_page_init (BfgSectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfgSectionPage *
bfg_section_page_new (BfgSection *section)
{
  g_return_val_if_fail (BFG_IS_SECTION (section), NULL);

  return g_object_new (BFG_TYPE_SECTION_PAGE,
                       "section", section,
                       NULL);
}

BfgSection *
bfg_section_page_get_section (BfgSectionPage *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_PAGE (self), NULL);

  return self->section;
}

void
bfg_section_page_set_section (BfgSectionPage *self,
                              BfgSection     *section)
{
  g_return_if_fail (BFG_IS_SECTION_PAGE (self));
  g_return_if_fail (section == NULL || BFG_IS_SECTION (section));

  if (!g_set_object (&self->section, section))
    return;

  bind_lists (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/**
 * bfg_section_page_get_decisions:
 * @self: a #BfgSectionPage
 *
 * Returns: (transfer none) (nullable): the engine's decisions
 */
BfgDecisions *
bfg_section_page_get_decisions (BfgSectionPage *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_PAGE (self), NULL);

  return self->decisions;
}

/**
 * bfg_section_page_set_decisions:
 * @self: a #BfgSectionPage
 * @decisions: (nullable): the engine's decisions
 *
 * Lets the page show what a decision of the plan means for it, such as
 * production traffic staying off on the wiring page.
 */
void
bfg_section_page_set_decisions (BfgSectionPage *self,
                                BfgDecisions   *decisions)
{
  g_return_if_fail (BFG_IS_SECTION_PAGE (self));
  g_return_if_fail (decisions == NULL || BFG_IS_DECISIONS (decisions));

  if (!g_set_object (&self->decisions, decisions))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISIONS]);
}

/**
 * bfg_section_page_get_traffic_row:
 * @self: a #BfgSectionPage
 *
 * Returns: (transfer none): the row that says production traffic is off
 */
GtkWidget *
bfg_section_page_get_traffic_row (BfgSectionPage *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_PAGE (self), NULL);

  return self->traffic_row;
}

/**
 * bfg_section_page_get_extra:
 * @self: a #BfgSectionPage
 *
 * Returns: (transfer none) (nullable): the widget shown below the checks
 */
GtkWidget *
bfg_section_page_get_extra (BfgSectionPage *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_PAGE (self), NULL);

  return self->extra;
}

/**
 * bfg_section_page_set_extra:
 * @self: a #BfgSectionPage
 * @extra: (nullable): a widget to show below the checks
 *
 * Fills the page's slot: the connection form, the dry-run runner or a
 * packet view go here, bound to the same core as the checks above.
 */
void
bfg_section_page_set_extra (BfgSectionPage *self,
                            GtkWidget      *extra)
{
  g_return_if_fail (BFG_IS_SECTION_PAGE (self));
  g_return_if_fail (extra == NULL || GTK_IS_WIDGET (extra));

  if (self->extra == extra)
    return;

  self->extra = extra;
  adw_bin_set_child (self->extra_bin, extra);
  gtk_widget_set_visible (GTK_WIDGET (self->extra_bin), extra != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

/**
 * bfg_section_page_get_list:
 * @self: a #BfgSectionPage
 *
 * Returns: (transfer none): the list of check rows
 */
GtkListBox *
bfg_section_page_get_list (BfgSectionPage *self)
{
  g_return_val_if_fail (BFG_IS_SECTION_PAGE (self), NULL);

  return self->list;
}
