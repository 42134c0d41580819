/* bfg-session-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The adapter the workspace runs on today. The metadata is fixed for the
 * life of a workspace; only the last write moves, and the decisions
 * object carries it, so the template binds every row.
 */

#include "config.h"

#include "bfg-session-page.h"
#include "bfg-ui-expressions.h"

struct _BfgSessionPage
{
  BfgEnginePage      parent_instance;
};

G_DEFINE_FINAL_TYPE (BfgSessionPage, bfg_session_page, BFG_TYPE_ENGINE_PAGE)

static void
bfg_session_page_dispose (GObject *object)
{
  BfgSessionPage *self = BFG_SESSION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_SESSION_PAGE);

  G_OBJECT_CLASS (bfg_session_page_parent_class)->dispose (object);
}

static void
bfg_session_page_class_init (BfgSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_session_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/bfg-session-page.ui");
  bfg_ui_bind_expression_callbacks (widget_class);
}

static void
bfg_session_page_init (BfgSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwNavigationPage *
bfg_session_page_new (BfgEngine *engine)
{
  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);

  return g_object_new (BFG_TYPE_SESSION_PAGE,
                       "engine", engine,
                       NULL);
}
