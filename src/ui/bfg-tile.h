/* bfg-tile.h: one figure of the overview dashboard
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BFG_TYPE_TILE (bfg_tile_get_type ())

G_DECLARE_FINAL_TYPE (BfgTile, bfg_tile, BFG, TILE, GtkButton)

const char *bfg_tile_get_title       (BfgTile    *self);
void        bfg_tile_set_title       (BfgTile    *self,
                                      const char *title);
const char *bfg_tile_get_value       (BfgTile    *self);
void        bfg_tile_set_value       (BfgTile    *self,
                                      const char *value);
const char *bfg_tile_get_description (BfgTile    *self);
void        bfg_tile_set_description (BfgTile    *self,
                                      const char *description);
const char *bfg_tile_get_page_id     (BfgTile    *self);
void        bfg_tile_set_page_id     (BfgTile    *self,
                                      const char *page_id);

G_END_DECLS
