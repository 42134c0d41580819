/* bfg-text-buffer-util.h: change a text buffer by what differs
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bfg_text_buffer_replace_changed (GtkTextBuffer *buffer,
                                      const char    *old_text,
                                      const char    *text);

G_END_DECLS
