/* bfg-packet-view.h: a packet as monospace text, with Copy and Save…
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bfg-engine.h"

G_BEGIN_DECLS

#define BFG_TYPE_PACKET_VIEW (bfg_packet_view_get_type ())

G_DECLARE_FINAL_TYPE (BfgPacketView, bfg_packet_view, BFG, PACKET_VIEW, GtkWidget)

GtkWidget  *bfg_packet_view_new          (BfgEngine     *engine,
                                          const char    *packet_name);
const char *bfg_packet_view_get_text     (BfgPacketView *self);
const char *bfg_packet_view_get_checksum (BfgPacketView *self);
void        bfg_packet_view_refresh      (BfgPacketView *self);

G_END_DECLS
