/* bfg-bench-audit-scroll.c: the audit page over a large trail
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a workspace in a real window, shows the audit page and reports:
 * the time from asking for the page to its first drawn frame, the time
 * to scroll through the trail (jumps spread over the whole range, then
 * page by page), the worst and median frame intervals while scrolling,
 * and the peak RSS. Run by hand through benchmarks/ui-audit-scroll.
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "bfg-application.h"
#include "bfg-audit-list.h"
#include "bfg-audit-page.h"
#include "bfg-window.h"

typedef struct
{
  gint64  last;
  GArray *intervals;
  guint   frames;
} Frames;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->last != 0)
    g_array_append_val (frames->intervals, (gint64) { now - frames->last });
  frames->last = now;
  frames->frames++;
}

/* Waits for the next frame, asking for one so that an idle window still
 * paints. */
static void
next_frame (GtkWidget *widget,
            Frames    *frames)
{
  guint seen = frames->frames;

  gtk_widget_queue_draw (widget);
  while (frames->frames == seen)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BfgApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  Frames frames = { 0, g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  GtkAdjustment *adjustment;
  BfgAuditPage *page;
  BfgWindow *window;
  struct rusage usage;
  gint64 start;
  gint64 first_frame;
  gint64 scrolled;
  double upper;
  guint jumps = 400;
  guint steps = 300;

  if (argc < 2)
    {
      g_printerr ("usage: %s WORKSPACE [JUMPS PAGES]\n", argv[0]);
      return 2;
    }

  /* Fewer steps make a run short enough to profile under callgrind. */
  if (argc > 3)
    {
      jumps = MAX (1, atoi (argv[2]));
      steps = MAX (1, atoi (argv[3]));
    }

  gtk_init ();
  adw_init ();

  app = bfg_application_new ();
  /* Non-unique: a test must never wait on, or hand its work to, another
   * instance that holds the app id on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_printerr ("%s\n", error->message);

  start = g_get_monotonic_time ();
  window = bfg_window_new (app, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (bfg_window_get_engine (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_print ("workspace open and console built: %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &frames);

  /* Time to first frame of the audit page, with its rows. */
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "audit");
  page = BFG_AUDIT_PAGE (bfg_window_get_page (window, "audit"));
  while (bfg_audit_list_get_loading (bfg_audit_page_get_list (page)))
    g_main_context_iteration (NULL, TRUE);
  next_frame (GTK_WIDGET (window), &frames);
  first_frame = g_get_monotonic_time () - start;
  g_print ("audit page, %u events: first frame %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (bfg_audit_page_get_list (page))),
           first_frame / 1000.0);

  /* A baseline: what a frame costs with nothing moving, so that the
   * scrolling figures can be read against this renderer and display. */
  g_array_set_size (frames.intervals, 0);
  frames.last = 0;
  for (guint i = 0; i < 30; i++)
    next_frame (GTK_WIDGET (window), &frames);
  g_array_sort (frames.intervals, compare_int64);
  g_print ("idle redraw: median frame interval %.1f ms\n",
           g_array_index (frames.intervals, gint64, frames.intervals->len / 2) / 1000.0);

  adjustment = gtk_scrolled_window_get_vadjustment (bfg_audit_page_get_scrolled_window (page));
  g_array_set_size (frames.intervals, 0);
  frames.last = 0;
  start = g_get_monotonic_time ();

  /* Jumps spread over the whole trail, as a dragged scrollbar makes... */
  for (guint i = 0; i <= jumps; i++)
    {
      upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      gtk_adjustment_set_value (adjustment, upper * i / jumps);
      next_frame (GTK_WIDGET (window), &frames);
    }

  /* ... then page after page, as a wheel or Page Down does. */
  gtk_adjustment_set_value (adjustment, 0);
  for (guint i = 0; i < steps; i++)
    {
      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_value (adjustment) +
                                gtk_adjustment_get_page_size (adjustment));
      next_frame (GTK_WIDGET (window), &frames);
    }
  scrolled = g_get_monotonic_time () - start;

  g_array_sort (frames.intervals, compare_int64);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("scrolled through: %u jumps + %u pages in %.1f ms, %u frames\n",
           jumps, steps, scrolled / 1000.0, frames.intervals->len + 1);
  if (frames.intervals->len > 0)
    g_print ("frame interval: median %.1f ms, p95 %.1f ms, worst %.1f ms\n",
             g_array_index (frames.intervals, gint64, frames.intervals->len / 2) / 1000.0,
             g_array_index (frames.intervals, gint64, frames.intervals->len * 95 / 100) / 1000.0,
             g_array_index (frames.intervals, gint64, frames.intervals->len - 1) / 1000.0);
  g_print ("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (frames.intervals);

  return EXIT_SUCCESS;
}
