/* bfg-screenshot.h: save what a widget shows as a PNG
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     bfg_screenshot_save_async  (GtkWidget            *widget,
                                     const char           *path,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean bfg_screenshot_save_finish (GtkWidget            *widget,
                                     GAsyncResult         *result,
                                     GError              **error);
gboolean bfg_screenshot_save_now    (GtkWidget            *widget,
                                     const char           *path,
                                     GError              **error);

G_END_DECLS
