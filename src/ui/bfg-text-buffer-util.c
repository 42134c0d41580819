/* bfg-text-buffer-util.c
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bfg-text-buffer-util.h"

/* Walks back from @pos to the first byte of the UTF-8 character it is in. */
static gsize
char_start (const char *text,
            gsize       pos)
{
  while (pos > 0 && ((guchar) text[pos] & 0xc0) == 0x80)
    pos--;

  return pos;
}

/**
 * bfg_text_buffer_replace_changed:
 * @buffer: a text buffer that holds @old_text
 * @old_text: (nullable): what @buffer holds, or %NULL to set it whole
 * @text: the text @buffer is to hold
 *
 * Makes @buffer hold @text by replacing only the span between the longest
 * common prefix and the longest common suffix of the two texts. The lines
 * outside that span keep their layout, so a text view showing @buffer
 * lays out only what changed. Both texts must be valid UTF-8.
 */
void
bfg_text_buffer_replace_changed (GtkTextBuffer *buffer,
                                 const char    *old_text,
                                 const char    *text)
{
  gsize old_len;
  gsize len;
  gsize prefix = 0;
  gsize suffix = 0;
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (text != NULL);

  if (old_text == NULL)
    {
      gtk_text_buffer_set_text (buffer, text, -1);
      return;
    }

  old_len = strlen (old_text);
  len = strlen (text);

  while (prefix < old_len && prefix < len && old_text[prefix] == text[prefix])
    prefix++;
  prefix = char_start (old_text, prefix);

  /* The suffix may not reach into the prefix of either text. */
  while (suffix < old_len - prefix && suffix < len - prefix &&
         old_text[old_len - suffix - 1] == text[len - suffix - 1])
    suffix++;
  while (suffix > 0 && ((guchar) old_text[old_len - suffix] & 0xc0) == 0x80)
    suffix--;

  if (prefix == old_len && prefix == len)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_strlen (old_text, prefix));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_strlen (old_text, old_len - suffix));
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text + prefix, (int) (len - prefix - suffix));
  gtk_text_buffer_end_irreversible_action (buffer);
}
