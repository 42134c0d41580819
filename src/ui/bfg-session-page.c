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
  AdwNavigationPage  parent_instance;

  BfgEngine         *engine;
};

G_DEFINE_FINAL_TYPE (BfgSessionPage, bfg_session_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bfg_session_page_dispose (GObject *object)
{
  BfgSessionPage *self = BFG_SESSION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BFG_TYPE_SESSION_PAGE);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (bfg_session_page_parent_class)->dispose (object);
}

static void
bfg_session_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BfgSessionPage *self = BFG_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_session_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BfgSessionPage *self = BFG_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      /* Construct-only: the template's expressions follow this notify. */
      self->engine = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_session_page_class_init (BfgSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bfg_session_page_dispose;
  object_class->get_property = bfg_session_page_get_property;
  object_class->set_property = bfg_session_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

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

BfgEngine *
bfg_session_page_get_engine (BfgSessionPage *self)
{
  g_return_val_if_fail (BFG_IS_SESSION_PAGE (self), NULL);

  return self->engine;
}
