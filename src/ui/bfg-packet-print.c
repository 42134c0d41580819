/* bfg-packet-print.c: printing packets and exporting them to PDF
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A printed packet is the packet's exact text in a monospace font, with a
 * header on every page naming the packet, its checksum and the state it
 * came from, so that a page found on a desk can be matched to a bundle.
 * Long lines are cut at the page width rather than reflowed: reflowing
 * SQL or an env block would change what a reviewer reads.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bfg-packet-print.h"

#define BODY_FONT   "Monospace 9"
#define HEADER_FONT "Monospace Bold 9"

typedef struct
{
  BfgPacket  *packet;
  char       *origin;
  GPtrArray  *rows;           /* the text cut to the page width */
  double      line_height;
  double      body_top;
  guint       lines_per_page;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_pointer (&job->packet, bfg_packet_unref);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job->origin);
  g_free (job);
}

static PangoLayout *
create_layout (GtkPrintContext *context,
               const char      *font)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);

  pango_layout_set_font_description (layout, desc);
  return layout;
}

/* Cuts each line into pieces of at most @columns characters. */
static GPtrArray *
cut_lines (const char *text,
           guint       columns)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length (lines);

  /* The text ends with a newline, which is not a line of its own. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;

  for (guint i = 0; i < n; i++)
    {
      const char *rest = lines[i];
      glong length = g_utf8_strlen (rest, -1);

      do
        {
          glong take = MIN (length, (glong) columns);
          const char *end = g_utf8_offset_to_pointer (rest, take);

          g_ptr_array_add (rows, g_strndup (rest, end - rest));
          rest = end;
          length -= take;
        }
      while (length > 0);
    }

  return rows;
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  g_autoptr(PangoLayout) layout = create_layout (context, BODY_FONT);
  PangoRectangle logical;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double char_width;
  guint columns;
  guint n_pages;

  /* A monospace font: ten characters measure the column width. */
  pango_layout_set_text (layout, "MMMMMMMMMM", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  char_width = (double) logical.width / PANGO_SCALE / 10.0;
  job->line_height = (double) logical.height / PANGO_SCALE;

  columns = MAX (20, (guint) (width / MAX (char_width, 1.0)));
  job->rows = cut_lines (bfg_packet_get_text (job->packet), columns);

  /* Two header lines and a gap of one line under the rule. */
  job->body_top = 3 * job->line_height;
  job->lines_per_page = MAX (1, (guint) ((height - job->body_top) /
                                         job->line_height));

  n_pages = (job->rows->len + job->lines_per_page - 1) / job->lines_per_page;
  gtk_print_operation_set_n_pages (operation, MAX (1, n_pages));
}

static void
show_line (cairo_t     *cr,
           PangoLayout *layout,
           double       y,
           const char  *text)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) header = create_layout (context, HEADER_FONT);
  g_autoptr(PangoLayout) body = create_layout (context, BODY_FONT);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  double width = gtk_print_context_get_width (context);
  int n_pages = 1;
  guint first;
  guint last;

  g_object_get (operation, "n-pages", &n_pages, NULL);

  /* Identifiers stay as they are; only the page count is translated. */
  title = g_strdup_printf ("%s  %s", bfg_packet_get_name (job->packet),
                           bfg_packet_get_checksum (job->packet));
  subtitle = g_strdup_printf (_("%s · page %d of %d"), job->origin,
                              page_nr + 1, n_pages);

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_line (cr, header, 0, title);
  show_line (cr, body, job->line_height, subtitle);

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, 2.5 * job->line_height);
  cairo_line_to (cr, width, 2.5 * job->line_height);
  cairo_stroke (cr);

  first = (guint) page_nr * job->lines_per_page;
  last = MIN (first + job->lines_per_page, job->rows->len);

  for (guint i = first; i < last; i++)
    show_line (cr, body, job->body_top + (i - first) * job->line_height,
               job->rows->pdata[i]);
}

/**
 * bfg_packet_print_operation_new:
 * @packet: a packet
 * @origin: where the packet came from, such as the workspace path and the
 *   audit chain head; printed under the title on every page
 *
 * Creates a print operation that prints @packet's text in a monospace
 * font, paginated, with a header on each page.
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
bfg_packet_print_operation_new (BfgPacket  *packet,
                                const char *origin)
{
  GtkPrintOperation *operation;
  PrintJob *job;

  g_return_val_if_fail (packet != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  job = g_new0 (PrintJob, 1);
  job->packet = bfg_packet_ref (packet);
  job->origin = g_strdup (origin);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, bfg_packet_get_name (packet));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "bfg-print-job", job,
                          print_job_free);

  g_signal_connect (operation, "begin-print",
                    G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page",
                    G_CALLBACK (on_draw_page_cb), job);

  return operation;
}

/**
 * bfg_packet_print_to_pdf:
 * @packet: a packet
 * @origin: where the packet came from
 * @filename: the PDF file to write
 * @n_pages: (out) (optional): where to store the number of pages written
 * @error: return location for a #GtkPrintError
 *
 * Exports @packet to a PDF file without showing a dialog.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_packet_print_to_pdf (BfgPacket   *packet,
                         const char  *origin,
                         const char  *filename,
                         int         *n_pages,
                         GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (packet != NULL, FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = bfg_packet_print_operation_new (packet, origin);
  gtk_print_operation_set_export_filename (operation, filename);

  result = gtk_print_operation_run (operation,
                                    GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;

  if (n_pages != NULL)
    g_object_get (operation, "n-pages", n_pages, NULL);

  return TRUE;
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GtkAlertDialog) dialog = NULL;
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  dialog = gtk_alert_dialog_new (_("The packet could not be printed"));
  if (error != NULL)
    gtk_alert_dialog_set_detail (dialog, error->message);
  gtk_alert_dialog_show (dialog, parent);
}

/**
 * bfg_packet_print_run_dialog:
 * @packet: a packet
 * @origin: where the packet came from
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog for @packet and prints it. The dialog runs
 * asynchronously; a failure is reported in an alert over @parent.
 */
void
bfg_packet_print_run_dialog (BfgPacket  *packet,
                             const char *origin,
                             GtkWindow  *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (packet != NULL);
  g_return_if_fail (origin != NULL);
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  operation = bfg_packet_print_operation_new (packet, origin);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb),
                    parent != NULL ? g_object_ref (parent) : NULL);

  if (gtk_print_operation_run (operation,
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Cannot print %s: %s", bfg_packet_get_name (packet),
               error->message);
}
