/* bfg-engine-page.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages that show the engine's models all take the engine once, at
 * construction, and bind to it in their templates. This base holds that
 * property so that each page only builds what is its own. The engine is
 * set before GObject's constructed runs, so a subclass binds its models
 * in its own constructed, after chaining up.
 */

#include "config.h"

#include "bfg-engine-page.h"

typedef struct
{
  BfgEngine *engine;
} BfgEnginePagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BfgEnginePage, bfg_engine_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bfg_engine_page_dispose (GObject *object)
{
  BfgEnginePage *self = BFG_ENGINE_PAGE (object);
  BfgEnginePagePrivate *priv = bfg_engine_page_get_instance_private (self);

  /* Subclasses dispose their templates first and chain up to here, so
   * no expression still looks the engine up once it is gone. */
  g_clear_object (&priv->engine);

  G_OBJECT_CLASS (bfg_engine_page_parent_class)->dispose (object);
}

static void
bfg_engine_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfgEnginePage *self = BFG_ENGINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, bfg_engine_page_get_engine (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_engine_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfgEnginePage *self = BFG_ENGINE_PAGE (object);
  BfgEnginePagePrivate *priv = bfg_engine_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENGINE:
      /* Construct-only: the template's expressions follow this notify. */
      priv->engine = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bfg_engine_page_class_init (BfgEnginePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bfg_engine_page_dispose;
  object_class->get_property = bfg_engine_page_get_property;
  object_class->set_property = bfg_engine_page_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL,
                         BFG_TYPE_ENGINE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bfg_engine_page_init (BfgEnginePage *self)
{
}

/**
 * bfg_engine_page_get_engine:
 * @self: a #BfgEnginePage
 *
 * Returns: (transfer none) (nullable): the engine the page shows
 */
BfgEngine *
bfg_engine_page_get_engine (BfgEnginePage *self)
{
  BfgEnginePagePrivate *priv;

  g_return_val_if_fail (BFG_IS_ENGINE_PAGE (self), NULL);

  priv = bfg_engine_page_get_instance_private (self);

  return priv->engine;
}
