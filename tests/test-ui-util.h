/* test-ui-util.h: small helpers shared by the tests that open real windows
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

/* Runs the main loop without blocking, so that a test can also watch for
 * something that never comes. */
static inline void
test_ui_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static inline gboolean
test_ui_on_wait_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits in the main loop, so that frames are drawn as they would be. */
static inline void
test_ui_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, test_ui_on_wait_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline GtkWidget *
test_ui_find_named (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_ui_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The longest gap between two ticks: how long the main loop stood still. */
typedef struct
{
  gint64 last_us;
  gint64 max_gap_us;
} TestStalls;

static inline void
test_ui_stalls_tick (TestStalls *stalls)
{
  gint64 now = g_get_monotonic_time ();

  if (stalls->last_us != 0)
    stalls->max_gap_us = MAX (stalls->max_gap_us, now - stalls->last_us);
  stalls->last_us = now;
}

static inline gboolean
test_ui_on_stall_tick_cb (gpointer user_data)
{
  test_ui_stalls_tick (user_data);

  return G_SOURCE_CONTINUE;
}

static inline gboolean
test_ui_on_frame_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  test_ui_stalls_tick (user_data);

  return G_SOURCE_CONTINUE;
}

/* Renders @page afresh, not from the window's last frame: all of it,
 * however tall, and none of the toasts over it. The PNG goes to the
 * screenshots folder of the build's tests. */
static inline void
test_ui_screenshot (GtkWindow  *window,
                    GtkWidget  *page,
                    const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  graphene_rect_t bounds;

  g_mkdir_with_parents (dir, 0755);
  test_ui_wait_ms (300);

  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (gtk_widget_get_parent (page), page, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
