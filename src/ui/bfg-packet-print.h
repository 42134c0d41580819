/* bfg-packet-print.h: printing packets and exporting them to PDF
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bfg-packets.h"

G_BEGIN_DECLS

GtkPrintOperation *bfg_packet_print_operation_new (BfgPacket    *packet,
                                                   const char   *origin);
gboolean           bfg_packet_print_to_pdf        (BfgPacket    *packet,
                                                   const char   *origin,
                                                   const char   *filename,
                                                   int          *n_pages,
                                                   GError      **error);
void               bfg_packet_print_run_dialog    (BfgPacket    *packet,
                                                   const char   *origin,
                                                   GtkWindow    *parent);

G_END_DECLS
