/* bfg-ui-util.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Connection page's form and the Dry-run page's panel do alike:
 * both run long work for an acting actor, tell how it went in a toast and
 * follow one check whose state decides what the actor may record.
 */

#include "config.h"

#include "bfg-ui-util.h"

/**
 * bfg_ui_show_toast:
 * @widget: a widget inside an #AdwToastOverlay
 * @text: what to tell
 *
 * Shows @text for five seconds and announces it, so that a screen reader
 * hears the outcome of work that ends long after the click. Without an
 * overlay, as in a test's bare window, only the announcement remains.
 */
void
bfg_ui_show_toast (GtkWidget  *widget,
                   const char *text)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), text,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * bfg_ui_pick_workspace:
 * @workspace: (nullable): a workspace set on its own
 * @engine: (nullable): the engine of the open workspace
 *
 * A page may be given a workspace of its own, as tests do; otherwise it
 * works on the engine's.
 *
 * Returns: (transfer none) (nullable): @workspace, or else @engine's
 */
BfgWorkspace *
bfg_ui_pick_workspace (BfgWorkspace *workspace,
                       BfgEngine    *engine)
{
  if (workspace != NULL)
    return workspace;
  if (engine != NULL)
    return bfg_engine_get_workspace (engine);

  return NULL;
}

/**
 * bfg_ui_dup_actor_name:
 * @engine: the engine of the open workspace
 * @actor_id: an actor id
 *
 * Looks in the engine's actors rather than the database, so that a
 * banner never waits on sqlite in the main loop.
 *
 * Returns: (transfer full): the actor's display name, or @actor_id for an
 *   actor the engine does not know
 */
char *
bfg_ui_dup_actor_name (BfgEngine  *engine,
                       const char *actor_id)
{
  GListModel *actors;
  guint n;

  g_return_val_if_fail (BFG_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (actor_id != NULL, NULL);

  actors = bfg_engine_get_actors (engine);
  n = g_list_model_get_n_items (actors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BfgActor) actor = g_list_model_get_item (actors, i);

      if (g_strcmp0 (bfg_actor_get_id (actor), actor_id) == 0)
        return g_strdup (bfg_actor_get_name (actor));
    }

  return g_strdup (actor_id);
}

/**
 * bfg_ui_follow_check:
 * @check: (inout) (nullable): where the followed check is kept
 * @engine: (nullable): the engine to take the check from
 * @check_id: the check to follow
 * @on_state_cb: called, swapped, with @widget when the check's state changes
 * @widget: the widget that follows
 *
 * A requirement that becomes ready or blocked changes what the actor may
 * record, so a page's actions follow its first check's state. Stops
 * following the check in @check before, and keeps a reference to the new
 * one in @check; the caller drops it in dispose.
 */
void
bfg_ui_follow_check (BfgCheck   **check,
                     BfgEngine   *engine,
                     const char  *check_id,
                     GCallback    on_state_cb,
                     gpointer     widget)
{
  BfgCheck *next = NULL;

  g_return_if_fail (check != NULL);
  g_return_if_fail (engine == NULL || BFG_IS_ENGINE (engine));

  if (*check != NULL)
    g_signal_handlers_disconnect_by_func (*check, on_state_cb, widget);
  g_clear_object (check);

  if (engine != NULL)
    next = bfg_engine_get_check (engine, check_id);
  if (next == NULL)
    return;

  *check = g_object_ref (next);
  g_signal_connect_object (next, "notify::state", on_state_cb, widget, G_CONNECT_SWAPPED);
}

/**
 * bfg_ui_trace_startup_enabled:
 *
 * Returns: whether BFG_TRACE_STARTUP asks for start-up traces
 */
gboolean
bfg_ui_trace_startup_enabled (void)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_getenv ("BFG_TRACE_STARTUP") != NULL ? 2 : 1);

  return enabled == 2;
}

/**
 * bfg_ui_trace_startup:
 * @what: the step just reached, one word
 *
 * With BFG_TRACE_STARTUP set, prints the wall-clock time of a step of the
 * start-up, so that benchmarks/cold-start.sh can tell how long each took
 * after the moment it started the process. Otherwise does nothing.
 */
void
bfg_ui_trace_startup (const char *what)
{
  if (bfg_ui_trace_startup_enabled ())
    g_printerr ("bfg-startup: %s realtime-us=%" G_GINT64_FORMAT "\n",
                what, g_get_real_time ());
}
