/* bfg-production-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What production waits for: the decision, the chosen target and owners,
 * the sections that gate it and the provider selection checks. The rows
 * are bound in the template; the acceptance list is bound here.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-check-row.h"
#include "bfg-section-row.h"
#include "bfg-status-pill.h"
#include "bfg-production-page.h"
#include "bfg-ui-expressions.h"

struct _BfgProductionPage
{
  BfgEnginePage      parent_instance;

  GtkListBox        *acceptance_list;
};

G_DEFINE_FINAL_TYPE (BfgProductionPage, bfg_production_page, BFG_TYPE_ENGINE_PAGE)

static GtkWidget *
create_check_row_cb (gpointer item,
                     gpointer user_data)
{
  return bfg_check_row_new (BFG_CHECK (item));
}

static void
bfg_production_page_dispose (GObject *object)
{
  BfgProductionPage *self = BFG_PRODUCTION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_PRODUCTION_PAGE);

  G_OBJECT_CLASS (bfg_production_page_parent_class)->dispose (object);
}

static void
bfg_production_page_constructed (GObject *object)
{
  BfgProductionPage *self = BFG_PRODUCTION_PAGE (object);
  BfgEngine *engine;

  G_OBJECT_CLASS (bfg_production_page_parent_class)->constructed (object);

  engine = bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self));
  if (engine == NULL)
    return;

  gtk_list_box_bind_model (self->acceptance_list,
                           G_LIST_MODEL (bfg_engine_get_section (engine,
                                                                 "provider-acceptance")),
                           create_check_row_cb, NULL, NULL);
}

static void
bfg_production_page_class_init (BfgProductionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_production_page_constructed;
  object_class->dispose = bfg_production_page_dispose;

  g_type_ensure (BFG_TYPE_SECTION_ROW);
  g_type_ensure (BFG_TYPE_STATUS_PILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-production-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgProductionPage, acceptance_list);
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_production_page_init (BfgProductionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwNavigationPage *
bfg_production_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_PRODUCTION_PAGE,
                       "engine", engine,
                       NULL);
}
