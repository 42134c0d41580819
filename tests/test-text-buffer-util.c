/* test-text-buffer-util.c: a text buffer changed by what differs
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "bfg-text-buffer-util.h"

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Marks where the first line starts: it must survive a change that does
 * not touch that line, which is what keeps its layout. */
static void
check_replace (const char *old_text,
               const char *text,
               gboolean    first_line_kept)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *result = NULL;
  GtkTextMark *mark;
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer, old_text, -1);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_iter_forward_char (&iter);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);

  bfg_text_buffer_replace_changed (buffer, old_text, text);

  result = buffer_text (buffer);
  g_assert_cmpstr (result, ==, text);
  if (first_line_kept)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
      g_assert_false (gtk_text_mark_get_deleted (mark));
      g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 1);
    }
}

static void
test_cases (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *whole = NULL;

  check_replace ("title\nrows=10\nend\n", "title\nrows=12\nend\n", TRUE);
  check_replace ("title\nrows=10\n", "title\nrows=10\nmore=1\n", TRUE);
  check_replace ("title\nrows=10\nmore=1\n", "title\nrows=10\n", TRUE);
  check_replace ("title\n", "title\n", TRUE);
  check_replace ("ab", "", FALSE);
  check_replace ("", "abc", FALSE);
  check_replace ("x\naaa", "x\naa", TRUE);
  check_replace ("x\naa", "x\naaa", TRUE);

  /* Characters of several bytes that share a first byte (é is c3 a9, è
   * is c3 a8; ł is c5 82, Ł is c5 81), or a last one (е is d0 b5, ĵ is
   * c4 b5): the span must start and end between characters. */
  check_replace ("Łódź\nstatus=é\n", "Łódź\nstatus=è\n", TRUE);
  check_replace ("Łódź\nkey=łe\n", "Łódź\nkey=Łe\n", TRUE);
  check_replace ("Łódź\nа=е\n", "Łódź\nа=ĵ\n", TRUE);
  check_replace ("Łódź\nа=е€\n", "Łódź\nа=€\n", TRUE);
  check_replace ("Львів → Łódź", "Львів → Lodz", TRUE);

  /* No old text: set whole. */
  bfg_text_buffer_replace_changed (buffer, NULL, "whole\n");
  whole = buffer_text (buffer);
  g_assert_cmpstr (whole, ==, "whole\n");
}

/* Random edits of random texts from an alphabet of one- to four-byte
 * characters: whatever differs, the buffer ends up holding the new text. */
static void
test_random (void)
{
  static const char * const alphabet[] = {
    "a", "b", "\n", "=", "é", "è", "ł", "Ł", "е", "ĵ", "€", "→", "𝄞", "😀",
  };
  GRand *rand = g_rand_new_with_seed (20261203);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) old_text = g_string_new (NULL);
      g_autoptr(GString) text = NULL;
      guint n = (guint) g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (old_text, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);

      /* An edit: some characters out, some in, somewhere. */
      text = g_string_new (old_text->str);
      {
        glong chars = g_utf8_strlen (text->str, -1);
        glong at = g_rand_int_range (rand, 0, (gint32) chars + 1);
        glong cut = g_rand_int_range (rand, 0, (gint32) (chars - at) + 1);
        const char *from = g_utf8_offset_to_pointer (text->str, at);
        const char *to = g_utf8_offset_to_pointer (text->str, at + cut);
        gsize pos = (gsize) (from - text->str);
        guint add = (guint) g_rand_int_range (rand, 0, 4);

        g_string_erase (text, (gssize) pos, to - from);
        for (guint i = 0; i < add; i++)
          {
            const char *c = alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))];

            g_string_insert (text, (gssize) pos, c);
            pos += strlen (c);
          }
      }

      check_replace (old_text->str, text->str, FALSE);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-buffer/replace-changed/cases", test_cases);
  g_test_add_func ("/text-buffer/replace-changed/random", test_random);

  return g_test_run ();
}
