/* bfg-bench-dry-run-stalls.c: main-loop stalls during a UI dry-run
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bfg-bench-dry-run-stalls WORKSPACE local|endpoint
 *
 * Opens a workspace in the real console window, acts as the dispatcher,
 * shows the Dry-run page and presses its Run button; "endpoint" first
 * turns on the replay into the endpoint saved in the workspace (its
 * password in the keyring), "local" keeps the local sqlite rehearsal.
 * While the dry-run runs, the window is made to paint every frame, and
 * the frame clock's frame times give the intervals between frames; a
 * 5 ms timeout gives the longest gap in the main loop's dispatch, while
 * the dry-run is busy and for a second after, when its result is shown
 * and the checks follow. Prints both, every frame interval over the goal,
 * the dry-run's time and rows, and a Markdown table row. Run by hand
 * through benchmarks/ui-dry-run-stalls.
 */

#include "config.h"

#include <stdlib.h>

#include "bfg-application.h"
#include "bfg-dry-run-panel.h"
#include "bfg-window.h"

#define ACTOR "user_dispatcher_marek"

/* Watched after the run as well: the result, the toast and the engine's
 * refresh of the five checks land in the main loop after busy drops. */
#define SETTLE_MS 1000

/* The target for main-loop stalls during a dry-run. */
#define GOAL_US (50 * 1000)

typedef struct
{
  GArray  *frame_times;
  gboolean recording;

  /* The main loop's longest gap, and when it ended, in each phase: while
   * the dry-run is busy, then from the iteration that shows its result. */
  guint    phase;
  gint64   start_us;
  gint64   last_tick_us;
  gint64   max_gap_us[2];
  gint64   max_gap_at_us[2];

  /* Each BfgWorkspace::changed: when it began, and how long all its
   * handlers (the engine's refresh among them) held the main loop. */
  gint64   changed_began_us;
  GString *changes;

  /* The phases of the frame being drawn, and of the longest one so far:
   * from the end of the update phase to the end of layout, then to the
   * end of paint. */
  gint64   frame_began_us;
  gint64   layout_ended_us;
  gint64   paint_ended_us;
  gint64   longest_frame_us;
  gint64   longest_layout_us;
  gint64   longest_paint_us;
} Watch;

enum {
  PHASE_RUN,
  PHASE_SETTLE
};

static void
on_update_done_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  watch->frame_began_us = g_get_monotonic_time ();
}

static void
on_layout_done_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  watch->layout_ended_us = g_get_monotonic_time ();
}

static void
on_paint_done_cb (GdkFrameClock *clock,
                  Watch         *watch)
{
  watch->paint_ended_us = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);
  gint64 layout_ended;
  gint64 frame_time;

  if (!watch->recording || timings == NULL)
    return;

  /* A frame that needed no layout does not emit it: its layout time is
   * then the previous frame's, and this one's is nil. */
  layout_ended = MAX (watch->layout_ended_us, watch->frame_began_us);
  if (watch->frame_began_us != 0 && watch->paint_ended_us >= layout_ended &&
      watch->paint_ended_us - watch->frame_began_us > watch->longest_frame_us)
    {
      watch->longest_frame_us = watch->paint_ended_us - watch->frame_began_us;
      watch->longest_layout_us = layout_ended - watch->frame_began_us;
      watch->longest_paint_us = watch->paint_ended_us - layout_ended;
    }

  frame_time = gdk_frame_timings_get_frame_time (timings);
  g_array_append_val (watch->frame_times, frame_time);
}

/* A frame clock only paints when something changed; the determinate
 * progress bar changes a few times a second. Asking for a draw on every
 * tick makes each frame a chance to see a stall. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Watch *watch = user_data;

  if (watch->recording)
    gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_stall_tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - watch->last_tick_us;

  if (gap > watch->max_gap_us[watch->phase])
    {
      watch->max_gap_us[watch->phase] = gap;
      watch->max_gap_at_us[watch->phase] = now - watch->start_us;
    }
  watch->last_tick_us = now;

  return G_SOURCE_CONTINUE;
}

/* Emission hooks run before any handler of this signal, which has no
 * class handler; on_changed_after_cb runs after every one of them. */
static gboolean
on_changed_hook_cb (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               user_data)
{
  Watch *watch = user_data;

  watch->changed_began_us = g_get_monotonic_time ();

  return TRUE;
}

static void
on_changed_after_cb (BfgWorkspace *workspace,
                     Watch        *watch)
{
  if (!watch->recording || watch->changed_began_us == 0)
    return;

  g_string_append_printf (watch->changes, "  BfgWorkspace::changed at %.2f s after Run: "
                          "its handlers took %.1f ms\n",
                          (watch->changed_began_us - watch->start_us) / 1e6,
                          (g_get_monotonic_time () - watch->changed_began_us) / 1000.0);
  watch->changed_began_us = 0;
}

/* The packet under the runner shows the new transcript: its text is set
 * here, and laid out in the frames that follow. */
static void
on_packet_text_changed_cb (GtkTextBuffer *buffer,
                           Watch         *watch)
{
  if (!watch->recording)
    return;

  g_string_append_printf (watch->changes, "  packet text set at %.2f s after Run: "
                          "%d lines, %d characters\n",
                          (g_get_monotonic_time () - watch->start_us) / 1e6,
                          gtk_text_buffer_get_line_count (buffer),
                          gtk_text_buffer_get_char_count (buffer));
}

static gboolean
on_wait_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wait_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Frame times in, sorted intervals between consecutive frames out. */
static GArray *
frame_intervals (GArray *frame_times)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 1; i < frame_times->len; i++)
    {
      gint64 interval = g_array_index (frame_times, gint64, i) -
                        g_array_index (frame_times, gint64, i - 1);

      g_array_append_val (intervals, interval);
    }
  g_array_sort (intervals, compare_int64);

  return intervals;
}

static double
percentile_ms (GArray *sorted,
               guint   percent)
{
  guint i;

  if (sorted->len == 0)
    return 0;

  i = MIN (sorted->len - 1, sorted->len * percent / 100);

  return g_array_index (sorted, gint64, i) / 1000.0;
}

static guint
count_over (GArray *sorted,
            gint64  limit_us)
{
  guint n = 0;

  for (guint i = 0; i < sorted->len; i++)
    if (g_array_index (sorted, gint64, i) > limit_us)
      n++;

  return n;
}

/* Idle frames first: what a frame costs on this renderer and display
 * with nothing else going on, to read the figures of the run against. */
static void
measure_idle (Watch *watch)
{
  g_autoptr(GArray) intervals = NULL;

  g_array_set_size (watch->frame_times, 0);
  watch->recording = TRUE;
  wait_ms (1000);
  watch->recording = FALSE;

  intervals = frame_intervals (watch->frame_times);
  g_print ("idle, drawing every frame: %u frames in 1 s, median interval %.1f ms, "
           "max %.1f ms\n",
           watch->frame_times->len, percentile_ms (intervals, 50),
           percentile_ms (intervals, 100));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BfgApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) intervals = NULL;
  Watch watch = { g_array_new (FALSE, FALSE, sizeof (gint64)), FALSE, PHASE_RUN };
  BfgWorkspace *workspace;
  AdwNavigationPage *page;
  BfgDryRunResult *result;
  BfgDryRunPanel *panel;
  GtkWidget *text_view;
  GdkFrameClock *clock;
  GtkWidget *run;
  GtkWidget *use_endpoint;
  BfgWindow *window;
  gboolean endpoint;
  gboolean passed;
  const char *target;
  gint64 start;
  gint64 elapsed;
  gint64 rows;
  gint64 max_gap;
  guint stall_id;
  guint tick_id;

  if (argc < 3 || (!g_str_equal (argv[2], "local") && !g_str_equal (argv[2], "endpoint")))
    {
      g_printerr ("usage: %s WORKSPACE local|endpoint\n", argv[0]);
      return 2;
    }
  endpoint = g_str_equal (argv[2], "endpoint");

  gtk_init ();
  adw_init ();

  app = bfg_application_new ();
  /* Non-unique: a benchmark must never hand its work to another instance
   * that holds the app id on the session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_printerr ("%s\n", error->message);

  window = bfg_window_new (app, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (bfg_window_get_engine (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* As a user would: pick the actor in the header, open the page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.actor", "s", ACTOR);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dry-run");
  page = bfg_window_get_page (window, "dry-run");
  if (page == NULL)
    g_error ("the console has no Dry-run page");
  panel = BFG_DRY_RUN_PANEL (find_by_type (GTK_WIDGET (page), BFG_TYPE_DRY_RUN_PANEL));
  run = find_named (GTK_WIDGET (panel), "run");
  use_endpoint = find_named (GTK_WIDGET (panel), "use-endpoint");
  wait_ms (500);

  if (endpoint)
    {
      if (!gtk_widget_get_visible (use_endpoint))
        g_error ("the workspace has no saved endpoint; see benchmarks/ui-dry-run-stalls");
      adw_switch_row_set_active (ADW_SWITCH_ROW (use_endpoint), TRUE);
    }
  if (!gtk_widget_is_sensitive (run))
    g_error ("the Run button is insensitive for %s", ACTOR);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect_after (clock, "update", G_CALLBACK (on_update_done_cb), &watch);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done_cb), &watch);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done_cb), &watch);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &watch);
  workspace = bfg_engine_get_workspace (bfg_window_get_engine (window));
  watch.changes = g_string_new (NULL);
  g_signal_add_emission_hook (g_signal_lookup ("changed", BFG_TYPE_WORKSPACE), 0,
                              on_changed_hook_cb, &watch, NULL);
  g_signal_connect_after (workspace, "changed", G_CALLBACK (on_changed_after_cb), &watch);
  text_view = find_by_type (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW);
  if (text_view != NULL)
    g_signal_connect_after (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "changed",
                            G_CALLBACK (on_packet_text_changed_cb), &watch);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick_cb, &watch, NULL);
  measure_idle (&watch);

  /* The run, from the press of the button until busy drops, then the
   * settling time after it. */
  g_array_set_size (watch.frame_times, 0);
  watch.recording = TRUE;
  start = watch.start_us = watch.last_tick_us = g_get_monotonic_time ();
  stall_id = g_timeout_add (5, on_stall_tick_cb, &watch);

  /* A click, not gtk_widget_activate(): a keyboard activation shows the
   * button pressed for a moment before it clicks. */
  g_signal_emit_by_name (run, "clicked");
  if (!bfg_dry_run_panel_get_busy (panel))
    g_error ("pressing Run started no dry-run");
  while (bfg_dry_run_panel_get_busy (panel))
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  watch.phase = PHASE_SETTLE;
  wait_ms (SETTLE_MS);

  g_source_remove (stall_id);
  watch.recording = FALSE;
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);

  result = bfg_dry_run_panel_get_result (panel);
  if (result == NULL)
    g_error ("the dry-run did not run; see its toast");
  passed = bfg_dry_run_result_get_passed (result);
  if (!passed)
    g_printerr ("warning: the dry-run did not pass:\n%s\n",
                bfg_dry_run_result_get_transcript (result));

  target = g_strcmp0 (bfg_dry_run_result_get_target (result),
                      BFG_DRY_RUN_LOCAL_REHEARSAL) == 0 ? "local rehearsal" : "PostgreSQL";
  rows = bfg_dry_run_result_get_step_rows (result, BFG_DRY_RUN_STEP_ADAPTER_REPLAY);
  intervals = frame_intervals (watch.frame_times);

  g_print ("dry-run (%s): %s, %.1f s, %" G_GINT64_FORMAT " rows replayed\n", target,
           passed ? "passed" : "did not pass",
           elapsed / 1e6, rows);
  for (const char * const *id = bfg_dry_run_step_ids (); *id != NULL; id++)
    g_print ("  %-20s %8.1f s %10" G_GINT64_FORMAT " rows\n", *id,
             bfg_dry_run_result_get_step_ms (result, *id) / 1e3,
             bfg_dry_run_result_get_step_rows (result, *id));
  g_print ("frames: %u, interval median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; "
           "%u over 50 ms\n",
           watch.frame_times->len, percentile_ms (intervals, 50),
           percentile_ms (intervals, 95), percentile_ms (intervals, 99),
           percentile_ms (intervals, 100), count_over (intervals, GOAL_US));
  for (guint i = 1; i < watch.frame_times->len; i++)
    {
      gint64 at = g_array_index (watch.frame_times, gint64, i);
      gint64 interval = at - g_array_index (watch.frame_times, gint64, i - 1);

      if (interval > GOAL_US)
        g_print ("  a %.1f ms frame interval, ending %.2f s after Run\n",
                 interval / 1000.0, (at - start) / 1e6);
    }
  g_print ("main loop: longest gap %.1f ms while busy (at %.2f s after Run), "
           "%.1f ms in the %d ms after (at %.2f s)\n",
           watch.max_gap_us[PHASE_RUN] / 1000.0, watch.max_gap_at_us[PHASE_RUN] / 1e6,
           watch.max_gap_us[PHASE_SETTLE] / 1000.0, SETTLE_MS,
           watch.max_gap_at_us[PHASE_SETTLE] / 1e6);
  g_print ("longest frame: %.1f ms of layout and %.1f ms of paint\n",
           watch.longest_layout_us / 1000.0, watch.longest_paint_us / 1000.0);
  g_print ("%s", watch.changes->str);
  max_gap = MAX (watch.max_gap_us[PHASE_RUN], watch.max_gap_us[PHASE_SETTLE]);

  /* The row of the table ui-dry-run-stalls prints. */
  g_print ("| %s | %" G_GINT64_FORMAT " | %.1f s | %u | %.1f ms | %.1f ms | %.1f ms | "
           "%.1f ms | < 50 ms |\n",
           target, rows, elapsed / 1e6, watch.frame_times->len,
           percentile_ms (intervals, 50), percentile_ms (intervals, 95),
           percentile_ms (intervals, 100), max_gap / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (watch.frame_times);
  g_string_free (watch.changes, TRUE);

  return passed ? EXIT_SUCCESS : EXIT_FAILURE;
}
