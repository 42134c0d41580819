/* bfg-overview-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first page: how many gates are ready, what to do next, and one tile
 * per figure of the seed's dashboard. Everything is bound in the template
 * to the engine's models; only the list of gates is bound here, as a
 * list box needs a function to build its rows.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-check-row.h"
#include "bfg-status-pill.h"
#include "bfg-tile.h"
#include "bfg-overview-page.h"
#include "bfg-ui-expressions.h"

struct _BfgOverviewPage
{
  BfgEnginePage      parent_instance;

  GtkListBox        *gates_list;
  GtkFlowBox        *glance_box;
  GtkFlowBox        *readiness_box;
  GtkWidget         *production_pill;
};

G_DEFINE_FINAL_TYPE (BfgOverviewPage, bfg_overview_page, BFG_TYPE_ENGINE_PAGE)

static GtkWidget *
create_check_row_cb (gpointer item,
                     gpointer user_data)
{
  return bfg_check_row_new (BFG_CHECK (item));
}

/* A tile is the button; the flow box's own child wrapper would be a
 * second, empty stop for Tab. */
static void
unfocus_flow_children (GtkFlowBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

static char *
gates_text_cb (BfgOverviewPage *self,
               guint            ready,
               guint            total)
{
  /* Translators: the dashboard's headline, "2/9 integration gates ready" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u/%u integration gate ready",
                                       "%u/%u integration gates ready",
                                       total),
                          ready, total);
}

static char *
percent_text_cb (BfgOverviewPage *self,
                 guint            percent)
{
  /* Translators: the share of integration gates with evidence, "Integration 56%" */
  return g_strdup_printf (_("Integration %u%%"), percent);
}

static double
percent_fraction_cb (BfgOverviewPage *self,
                     guint            percent)
{
  return MIN (percent, 100) / 100.0;
}

static char *
count_cb (GListModel *model)
{
  return g_strdup_printf ("%u", model != NULL ? g_list_model_get_n_items (model) : 0);
}

static char *
actors_text_cb (BfgOverviewPage *self,
                BfgEngine       *engine)
{
  return count_cb (engine != NULL ? bfg_engine_get_actors (engine) : NULL);
}

static char *
providers_text_cb (BfgOverviewPage *self,
                   BfgEngine       *engine)
{
  return count_cb (engine != NULL ? bfg_engine_get_providers (engine) : NULL);
}

static void
bfg_overview_page_dispose (GObject *object)
{
  BfgOverviewPage *self = BFG_OVERVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (bfg_overview_page_parent_class)->dispose (object);
}

static void
bfg_overview_page_constructed (GObject *object)
{
  BfgOverviewPage *self = BFG_OVERVIEW_PAGE (object);
  BfgEngine *engine;

  G_OBJECT_CLASS (bfg_overview_page_parent_class)->constructed (object);

  engine = bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self));
  if (engine == NULL)
    return;

  gtk_list_box_bind_model (self->gates_list,
                           G_LIST_MODEL (bfg_engine_get_section (engine, "gates")),
                           create_check_row_cb, NULL, NULL);
  unfocus_flow_children (self->glance_box);
  unfocus_flow_children (self->readiness_box);
}

static void
bfg_overview_page_class_init (BfgOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_overview_page_constructed;
  object_class->dispose = bfg_overview_page_dispose;

  g_type_ensure (BFG_TYPE_STATUS_PILL);
  g_type_ensure (BFG_TYPE_TILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgOverviewPage, gates_list);
  gtk_widget_class_bind_template_child (widget_class, BfgOverviewPage, glance_box);
  gtk_widget_class_bind_template_child (widget_class, BfgOverviewPage, readiness_box);
  gtk_widget_class_bind_template_child (widget_class, BfgOverviewPage, production_pill);
  gtk_widget_class_bind_template_callback (widget_class, gates_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, percent_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, percent_fraction_cb);
  gtk_widget_class_bind_template_callback (widget_class, actors_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, providers_text_cb);
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_overview_page_init (BfgOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwNavigationPage *
bfg_overview_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_OVERVIEW_PAGE,
                       "engine", engine,
                       NULL);
}

/**
 * bfg_overview_page_get_gates_list:
 * @self: a #BfgOverviewPage
 *
 * Returns: (transfer none): the list of integration gates
 */
GtkListBox *
bfg_overview_page_get_gates_list (BfgOverviewPage *self)
{
  g_return_val_if_fail (BFG_IS_OVERVIEW_PAGE (self), NULL);

  return self->gates_list;
}

/**
 * bfg_overview_page_get_production_pill:
 * @self: a #BfgOverviewPage
 *
 * Returns: (transfer none): the pill that shows the production decision
 */
GtkWidget *
bfg_overview_page_get_production_pill (BfgOverviewPage *self)
{
  g_return_val_if_fail (BFG_IS_OVERVIEW_PAGE (self), NULL);

  return self->production_pill;
}
