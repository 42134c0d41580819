/* bfg-providers-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per provider: what it is, the mode it runs in locally and the
 * mode production will use. Rows bind to their provider, so a changed
 * contract shows without rebuilding the list.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-providers-page.h"
#include "bfg-ui-expressions.h"

struct _BfgProvidersPage
{
  BfgEnginePage      parent_instance;

  GtkListBox        *provider_list;
};

G_DEFINE_FINAL_TYPE (BfgProvidersPage, bfg_providers_page, BFG_TYPE_ENGINE_PAGE)

static char *
modes_text (BfgProvider *provider)
{
  /* Translators: a provider's current mode → its production target,
   * "file-local → Postgres/RLS"; both are identifiers */
  return g_strdup_printf (_("%s → %s"),
                          bfg_provider_get_current_mode (provider),
                          bfg_provider_get_target_mode (provider));
}

static GtkWidget *
create_provider_row_cb (gpointer item,
                        gpointer user_data)
{
  BfgProvider *provider = item;
  g_autofree char *modes = modes_text (provider);
  GtkWidget *row;
  GtkWidget *label;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "use-markup", FALSE,
                      NULL);
  g_object_bind_property (provider, "title", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (provider, "description", row, "subtitle", G_BINDING_SYNC_CREATE);

  /* The modes wrap under each other rather than widen the row on a
   * phone. */
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", modes,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "xalign", 1.0f,
                        "max-width-chars", 16,
                        "css-classes", (const char *[]) { "monospace", "caption", NULL },
                        NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static void
bfg_providers_page_dispose (GObject *object)
{
  BfgProvidersPage *self = BFG_PROVIDERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_PROVIDERS_PAGE);

  G_OBJECT_CLASS (bfg_providers_page_parent_class)->dispose (object);
}

static void
bfg_providers_page_constructed (GObject *object)
{
  BfgProvidersPage *self = BFG_PROVIDERS_PAGE (object);
  BfgEngine *engine;

  G_OBJECT_CLASS (bfg_providers_page_parent_class)->constructed (object);

  engine = bfg_engine_page_get_engine (BFG_ENGINE_PAGE (self));
  if (engine != NULL)
    gtk_list_box_bind_model (self->provider_list, bfg_engine_get_providers (engine),
                             create_provider_row_cb, NULL, NULL);
}

static void
bfg_providers_page_class_init (BfgProvidersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bfg_providers_page_constructed;
  object_class->dispose = bfg_providers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-providers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfgProvidersPage, provider_list);
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_providers_page_init (BfgProvidersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwNavigationPage *
bfg_providers_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_PROVIDERS_PAGE,
                       "engine", engine,
                       NULL);
}
