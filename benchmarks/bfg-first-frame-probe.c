/* bfg-first-frame-probe.c: when did a GTK program draw its first frame?
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded with LD_PRELOAD into any GTK 4 program, it prints the wall-clock
 * time of the first frame painted by the first window the program
 * presents:
 *
 *   bfg-first-frame: realtime-us=N
 *
 * cold-start.sh loads it into the console and into gnome-text-editor
 * alike, so that both are timed to their first drawn frame by the same
 * probe, which neither program knows about. It wraps gtk_window_present()
 * and gtk_window_present_with_time(), which every GTK 4 application calls
 * to show its window, and listens to the window's frame clock from there.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dlfcn.h>
#include <gtk/gtk.h>

static gboolean watching;
static gboolean reported;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  if (reported)
    return;

  reported = TRUE;
  g_printerr ("bfg-first-frame: realtime-us=%" G_GINT64_FORMAT "\n",
              g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, user_data);
}

static void
on_realize_cb (GtkWidget *window,
               gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static void
watch_window (GtkWindow *window)
{
  if (watching || !GTK_IS_WINDOW (window))
    return;

  watching = TRUE;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}

void
gtk_window_present (GtkWindow *window)
{
  static void (*real) (GtkWindow *);

  if (real == NULL)
    real = (void (*) (GtkWindow *)) dlsym (RTLD_NEXT, "gtk_window_present");

  watch_window (window);
  real (window);
}

void
gtk_window_present_with_time (GtkWindow *window,
                              guint32    timestamp)
{
  static void (*real) (GtkWindow *, guint32);

  if (real == NULL)
    real = (void (*) (GtkWindow *, guint32)) dlsym (RTLD_NEXT,
                                                    "gtk_window_present_with_time");

  watch_window (window);
  real (window, timestamp);
}
