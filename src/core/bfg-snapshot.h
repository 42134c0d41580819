/* bfg-snapshot.h: BFGScenarioSnapshot.v1, out and in
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "bfg-types.h"

G_BEGIN_DECLS

/**
 * BFG_SNAPSHOT_SCHEMA:
 *
 * The schema name a snapshot carries in its "schema" member.
 */
#define BFG_SNAPSHOT_SCHEMA "BFGScenarioSnapshot"

/**
 * BFG_SNAPSHOT_VERSION:
 *
 * The schema version a snapshot carries in its "version" member; the only
 * one this program writes and reads.
 */
#define BFG_SNAPSHOT_VERSION 1

/**
 * BFG_SNAPSHOT_ID:
 *
 * Schema name and version as packets print them.
 */
#define BFG_SNAPSHOT_ID "BFGScenarioSnapshot.v1"

/**
 * BFG_SNAPSHOT_ENCODING:
 *
 * The name of the canonical row encoding the digests are computed over.
 *
 * A row is encoded field by field, in column order. A field is one tag
 * byte ('N' null, 'I' integer, 'T' text, 'F' real, 'B' blob), the length
 * of its payload as a 4-byte big-endian unsigned integer, then the
 * payload: nothing for null, the decimal digits (and a leading '-') for an
 * integer, the UTF-8 bytes for text, "%.17g" for a real, the raw bytes of
 * a blob. A table's digest is the SHA-256 of its rows' encodings
 * concatenated in primary-key order (sqlite's binary collation, which is
 * PostgreSQL's "C"). The snapshot checksum is the SHA-256 of one line
 * "NAME\tCOUNT\tDIGEST\n" per table, in schema-map order; its short form
 * is "bfg-" and the first 8 hex digits.
 */
#define BFG_SNAPSHOT_ENCODING "bfg-row-v1"

#define BFG_SNAPSHOT_MAX_TABLES 16

/**
 * BfgSnapshotTableDigest:
 * @name: the ScenarioStore table
 * @count: how many rows it holds
 * @sha256: the SHA-256, hex, of its canonical rows
 *
 * One table of a #BfgSnapshotDigest.
 */
typedef struct
{
  const char *name;
  gint64      count;
  char        sha256[65];
} BfgSnapshotTableDigest;

/**
 * BfgSnapshotDigest:
 * @n_tables: how many tables follow
 * @tables: per-table counts and digests, in schema-map order
 * @total_rows: rows over every table
 * @operations_rows: rows in orders, driver_events, finance_events and
 *   documents: what "N operations rows" counts
 * @checksum: the snapshot checksum, hex
 * @short_checksum: "bfg-" and its first 8 hex digits
 *
 * What identifies a snapshot's content. A plain struct: keep it on the
 * stack or copy it with `=`.
 */
typedef struct
{
  guint                   n_tables;
  BfgSnapshotTableDigest  tables[BFG_SNAPSHOT_MAX_TABLES];
  gint64                  total_rows;
  gint64                  operations_rows;
  char                    checksum[65];
  char                    short_checksum[13];
} BfgSnapshotDigest;

const BfgSnapshotTableDigest *
          bfg_snapshot_digest_lookup        (const BfgSnapshotDigest *digest,
                                             const char              *table);

gboolean  bfg_snapshot_compute_digests      (sqlite3                 *db,
                                             BfgSnapshotDigest       *out,
                                             GCancellable            *cancellable,
                                             GError                 **error);
gboolean  bfg_snapshot_digest               (const char              *workspace_path,
                                             BfgSnapshotDigest       *out,
                                             GCancellable            *cancellable,
                                             GError                 **error);

gboolean  bfg_snapshot_export_db            (sqlite3                 *db,
                                             const char              *session,
                                             GOutputStream           *stream,
                                             BfgSnapshotDigest       *out,
                                             GCancellable            *cancellable,
                                             GError                 **error);
gboolean  bfg_snapshot_export               (BfgWorkspace            *workspace,
                                             GFile                   *file,
                                             BfgSnapshotDigest       *out,
                                             GCancellable            *cancellable,
                                             GError                 **error);
gboolean  bfg_snapshot_import               (BfgWorkspace            *workspace,
                                             const char              *actor_id,
                                             GFile                   *file,
                                             BfgSnapshotDigest       *out,
                                             GCancellable            *cancellable,
                                             GError                 **error);

G_END_DECLS
