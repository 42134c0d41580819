/* bfg-snapshot-private.h: the canonical row encoding, for the dry-run
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bfg-snapshot.h"
#include "bfg-target-schema.h"

G_BEGIN_DECLS

/* A row being encoded (see BFG_SNAPSHOT_ENCODING): fields are appended to
 * one buffer so that the table digest is fed once per row. */
typedef struct
{
  GByteArray *bytes;
} BfgRowEncoder;

void      bfg_row_encoder_init         (BfgRowEncoder       *self);
void      bfg_row_encoder_clear        (BfgRowEncoder       *self);
void      bfg_row_encoder_reset        (BfgRowEncoder       *self);
void      bfg_row_encoder_add          (BfgRowEncoder       *self,
                                        char                 tag,
                                        const void          *data,
                                        gsize                len);
void      bfg_row_encoder_add_column   (BfgRowEncoder       *self,
                                        sqlite3_stmt        *stmt,
                                        int                  column);
guint64   bfg_row_encoder_hash64       (BfgRowEncoder       *self);

char     *bfg_snapshot_select_sql      (const BfgSchemaTable *table);
void      bfg_snapshot_digest_finish   (BfgSnapshotDigest   *digest);

/* Called for every row of every table during a scan, in primary-key
 * order; the statement is positioned on the row. */
typedef gboolean (*BfgSnapshotRowFunc) (const BfgSchemaTable *table,
                                        sqlite3_stmt         *row,
                                        gint64                index,
                                        gpointer              user_data,
                                        GError              **error);

gboolean  bfg_snapshot_scan            (sqlite3             *db,
                                        BfgSnapshotRowFunc   row_func,
                                        gpointer             user_data,
                                        BfgSnapshotDigest   *out,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
