/* bfg-demo-ops.h: realistic generated operations rows for a workspace
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/**
 * BFG_DEMO_OPS_ROWS_PER_ORDER:
 *
 * Each order brings 8 operations rows: the order, 3 driver events
 * (loaded, border crossing or checkpoint, delivered), 2 finance events
 * (the KSeF invoice and its payment) and 2 documents (the CMR and either
 * the proof of delivery or the invoice PDF). N rows are N / 8 orders; the
 * last order is cut short in that same order when N is not a multiple.
 */
#define BFG_DEMO_OPS_ROWS_PER_ORDER 8

/**
 * BfgDemoProgressFunc:
 * @rows: rows written so far
 * @total: rows to write
 * @user_data: the caller's data
 *
 * Reports progress from the thread that generates.
 */
typedef void (*BfgDemoProgressFunc) (guint64  rows,
                                     guint64  total,
                                     gpointer user_data);

gboolean bfg_demo_generate_operations (sqlite3              *db,
                                       guint64               n_rows,
                                       gboolean              force,
                                       BfgDemoProgressFunc   progress,
                                       gpointer              user_data,
                                       GCancellable         *cancellable,
                                       GError              **error);

G_END_DECLS
