/* test-packet-print.c: packets print to paginated PDF
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "bfg-core.h"
#include "bfg-packet-print.h"
#include "bfg-packets.h"
#include "bfg-test-services.h"

typedef struct
{
  char         *dir;
  BfgWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("bfg-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "workspace.sqlite", NULL);
  fixture->workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE,
                                           &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) listing = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->workspace);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Inflates one Flate stream; a stream that is not zlib data gives NULL. */
static GBytes *
inflate (const char *data,
         gsize       length)
{
  g_autoptr(GConverter) converter = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize read_total = 0;

  converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));

  while (TRUE)
    {
      guchar buffer[16384];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, data + read_total,
                                    length - read_total, buffer,
                                    sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, NULL);
      if (result == G_CONVERTER_ERROR)
        return NULL;

      read_total += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);

      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static guint
count_in (const char *data,
          gsize       length)
{
  static const char needle[] = "/Type /Page";
  const char *p = data;
  const char *end = data + length;
  guint pages = 0;

  while ((p = memmem (p, end - p, needle, strlen (needle))) != NULL)
    {
      p += strlen (needle);
      if (p < end && *p != 's')
        pages++;
    }

  return pages;
}

/* Page objects in the PDF: "/Type /Page" but not "/Type /Pages", in the
 * file itself and inside its compressed object streams, so that no PDF
 * library is needed. */
static guint
count_pages (const char *pdf,
             gsize       length)
{
  const char *p = pdf;
  const char *end = pdf + length;
  guint pages = count_in (pdf, length);

  while ((p = memmem (p, end - p, "stream", 6)) != NULL)
    {
      const char *data = p + 6;
      const char *stop;
      g_autoptr(GBytes) inflated = NULL;

      /* "endstream" contains "stream" too: skip it. */
      if (p > pdf && p[-1] == 'd')
        {
          p = data;
          continue;
        }

      if (data < end && *data == '\r')
        data++;
      if (data < end && *data == '\n')
        data++;

      stop = memmem (data, end - data, "endstream", 9);
      if (stop == NULL)
        break;

      inflated = inflate (data, stop - data);
      if (inflated != NULL)
        {
          gsize size;
          const char *bytes = g_bytes_get_data (inflated, &size);

          pages += count_in (bytes, size);
        }

      p = stop + 9;
    }

  return pages;
}

static guint
print_packet (Fixture    *fixture,
              const char *name,
              int        *n_pages)
{
  g_autoptr(BfgPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
  g_autofree char *origin = NULL;
  g_autofree char *pdf = NULL;
  gsize length;

  packet = bfg_packet_render_current (fixture->workspace, name, &error);
  g_assert_no_error (error);

  origin = g_strdup_printf ("%s, audit head %" G_GINT64_FORMAT,
                            bfg_workspace_get_path (fixture->workspace),
                            bfg_workspace_get_audit_count (fixture->workspace));
  g_assert_true (bfg_packet_print_to_pdf (packet, origin, path, n_pages,
                                          &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &pdf, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  return count_pages (pdf, length);
}

static void
test_runbook_spans_pages (Fixture       *fixture,
                          gconstpointer  user_data)
{
  int n_pages = 0;
  guint pages;

  pages = print_packet (fixture, BFG_PACKET_MIGRATION_RUNBOOK, &n_pages);
  g_test_message ("runbook: %d pages, %u page objects", n_pages, pages);
  g_assert_cmpint (n_pages, >, 1);
  g_assert_cmpuint (pages, ==, (guint) n_pages);
}

static void
test_short_packet_one_page (Fixture       *fixture,
                            gconstpointer  user_data)
{
  int n_pages = 0;
  guint pages;

  pages = print_packet (fixture, BFG_PACKET_ROLLBACK_DRILL, &n_pages);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_cmpuint (pages, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  bfg_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  bfg_packets_register ();

  g_test_add ("/packet-print/runbook-spans-pages", Fixture, NULL,
              fixture_set_up, test_runbook_spans_pages, fixture_tear_down);
  g_test_add ("/packet-print/short-packet-one-page", Fixture, NULL,
              fixture_set_up, test_short_packet_one_page, fixture_tear_down);

  return g_test_run ();
}
