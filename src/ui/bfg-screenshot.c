/* bfg-screenshot.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-screenshot.h"

/* Frames to let pass before taking the picture: the first one lays the
 * window out, the next ones settle transitions and icon loading. */
#define SETTLE_FRAMES 3

/* The picture is taken just after a paint, when every widget holds the
 * render node it has just drawn. A style change (dark mode, say) drops
 * those nodes until the next paint, so an empty picture means "not yet"
 * and is retried for a few more paints before it counts as a failure. */
#define PAINT_ATTEMPTS 10

typedef struct
{
  GtkWidget     *widget;
  GdkFrameClock *frame_clock;
  char          *path;
  gulong         paint_id;
  guint          frames;
  guint          attempts;
} ShotData;

static void
shot_data_free (gpointer data)
{
  ShotData *shot = data;

  g_clear_signal_handler (&shot->paint_id, shot->frame_clock);
  g_clear_object (&shot->frame_clock);
  g_clear_object (&shot->widget);
  g_free (shot->path);
  g_free (shot);
}

/**
 * bfg_screenshot_save_now:
 * @widget: a realized, mapped widget
 * @path: where to write the PNG
 * @error: return location for a #GError
 *
 * Renders @widget with its own renderer and writes the result as a PNG.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_screenshot_save_now (GtkWidget   *widget,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  GtkNative *native;
  int width;
  int height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  native = gtk_widget_get_native (widget);

  if (width <= 0 || height <= 0 || native == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window has not been drawn yet, so there is nothing to save"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The window drew nothing, so there is nothing to save"));
      return FALSE;
    }

  renderer = gtk_native_get_renderer (native);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the picture to %s"), path);
      return FALSE;
    }

  return TRUE;
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  GTask *task = user_data;
  ShotData *shot = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (bfg_screenshot_save_now (shot->widget, shot->path, &error))
    {
      g_clear_signal_handler (&shot->paint_id, shot->frame_clock);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED) &&
      ++shot->attempts < PAINT_ATTEMPTS)
    {
      gtk_widget_queue_draw (shot->widget);
      return;
    }

  g_clear_signal_handler (&shot->paint_id, shot->frame_clock);
  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  GTask *task = user_data;
  ShotData *shot = g_task_get_task_data (task);

  if (++shot->frames < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  /* Ticks run before layout and paint, so wait for the paint that follows
   * and ask for one, in case nothing else would. */
  shot->frame_clock = g_object_ref (frame_clock);
  shot->paint_id = g_signal_connect (frame_clock, "after-paint",
                                     G_CALLBACK (on_after_paint_cb), task);
  gtk_widget_queue_draw (widget);

  return G_SOURCE_REMOVE;
}

/**
 * bfg_screenshot_save_async:
 * @widget: the widget to picture, usually a window
 * @path: where to write the PNG
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the picture is written
 * @user_data: data for @callback
 *
 * Waits until @widget has drawn a few frames, then saves it as a PNG.
 */
void
bfg_screenshot_save_async (GtkWidget           *widget,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  ShotData *shot;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, bfg_screenshot_save_async);

  shot = g_new0 (ShotData, 1);
  shot->widget = g_object_ref (widget);
  shot->path = g_strdup (path);
  g_task_set_task_data (task, shot, shot_data_free);

  gtk_widget_add_tick_callback (widget, on_tick_cb, task, NULL);
}

gboolean
bfg_screenshot_save_finish (GtkWidget     *widget,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
