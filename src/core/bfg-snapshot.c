/* bfg-snapshot.c: BFGScenarioSnapshot.v1, out and in
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshot, schema map, generator and dry-run share one log domain. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-replay"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "bfg-snapshot.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bfg-audit.h"
#include "bfg-error.h"
#include "bfg-snapshot-private.h"
#include "bfg-target-schema.h"
#include "bfg-workspace.h"

/* The export writes its JSON by hand, one row per line, straight from the
 * sqlite statement into a 256 KiB buffer: json-glib's generator needs a
 * node per value, which for a million rows costs more than the export's
 * performance target allows. The import reads with json-glib's JsonParser
 * (see bfg_snapshot_import() for its memory bound). */

#define WRITE_CHUNK (256 * 1024)
#define IMPORT_PERMISSION "evidence.record"

typedef struct
{
  gboolean (*table_begin) (const BfgSchemaTable *table,
                           gpointer              user_data,
                           GError              **error);
  BfgSnapshotRowFunc row;
  gboolean (*table_end) (const BfgSchemaTable         *table,
                         const BfgSnapshotTableDigest *digest,
                         gpointer                      user_data,
                         GError                      **error);
} ScanVisitor;

/* Row encoding */

void
bfg_row_encoder_init (BfgRowEncoder *self)
{
  self->bytes = g_byte_array_sized_new (512);
}

void
bfg_row_encoder_clear (BfgRowEncoder *self)
{
  g_clear_pointer (&self->bytes, g_byte_array_unref);
}

void
bfg_row_encoder_reset (BfgRowEncoder *self)
{
  g_byte_array_set_size (self->bytes, 0);
}

void
bfg_row_encoder_add (BfgRowEncoder *self,
                     char           tag,
                     const void    *data,
                     gsize          len)
{
  guint8 head[5];

  head[0] = (guint8) tag;
  head[1] = (guint8) (len >> 24);
  head[2] = (guint8) (len >> 16);
  head[3] = (guint8) (len >> 8);
  head[4] = (guint8) len;
  g_byte_array_append (self->bytes, head, sizeof head);
  if (len > 0)
    g_byte_array_append (self->bytes, data, (guint) len);
}

void
bfg_row_encoder_add_column (BfgRowEncoder *self,
                            sqlite3_stmt  *stmt,
                            int            column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      bfg_row_encoder_add (self, 'N', NULL, 0);
      break;

    case SQLITE_INTEGER:
      {
        char digits[24];
        int len = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT,
                              (gint64) sqlite3_column_int64 (stmt, column));
        bfg_row_encoder_add (self, 'I', digits, (gsize) len);
      }
      break;

    case SQLITE_FLOAT:
      {
        char digits[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd (digits, sizeof digits, "%.17g",
                         sqlite3_column_double (stmt, column));
        bfg_row_encoder_add (self, 'F', digits, strlen (digits));
      }
      break;

    case SQLITE_BLOB:
      bfg_row_encoder_add (self, 'B', sqlite3_column_blob (stmt, column),
                           (gsize) sqlite3_column_bytes (stmt, column));
      break;

    case SQLITE_TEXT:
    default:
      bfg_row_encoder_add (self, 'T', sqlite3_column_text (stmt, column),
                           (gsize) sqlite3_column_bytes (stmt, column));
      break;
    }
}

/* FNV-1a over the encoded row: a cheap per-row fingerprint so that a
 * replay can name the first row that came back different, while the
 * SHA-256 digest stays the proof. */
guint64
bfg_row_encoder_hash64 (BfgRowEncoder *self)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (guint i = 0; i < self->bytes->len; i++)
    {
      hash ^= self->bytes->data[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }

  return hash;
}

char *
bfg_snapshot_select_sql (const BfgSchemaTable *table)
{
  GString *sql = g_string_new ("select ");

  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "",
                            table->fields[i].name);
  g_string_append_printf (sql, " from \"%s\" order by ", table->name);
  for (guint i = 0; i < table->n_key; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "",
                            table->fields[i].name);

  return g_string_free (sql, FALSE);
}

void
bfg_snapshot_digest_finish (BfgSnapshotDigest *digest)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  digest->total_rows = 0;
  digest->operations_rows = 0;
  for (guint i = 0; i < digest->n_tables; i++)
    {
      const BfgSnapshotTableDigest *t = &digest->tables[i];
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s\t%" G_GINT64_FORMAT "\t%s\n",
                              t->name, t->count, t->sha256);
      g_checksum_update (sum, (const guchar *) line, (gssize) strlen (line));
      digest->total_rows += t->count;
      if (g_strv_contains ((const char * const[]) {
                             "orders", "driver_events", "finance_events",
                             "documents", NULL }, t->name))
        digest->operations_rows += t->count;
    }

  g_strlcpy (digest->checksum, g_checksum_get_string (sum),
             sizeof digest->checksum);
  g_snprintf (digest->short_checksum, sizeof digest->short_checksum,
              "bfg-%.8s", digest->checksum);
}

/**
 * bfg_snapshot_digest_lookup:
 * @digest: a snapshot digest
 * @table: a ScenarioStore table
 *
 * Returns: (transfer none) (nullable): the table's count and digest
 */
const BfgSnapshotTableDigest *
bfg_snapshot_digest_lookup (const BfgSnapshotDigest *digest,
                            const char              *table)
{
  g_return_val_if_fail (digest != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < digest->n_tables; i++)
    {
      if (strcmp (digest->tables[i].name, table) == 0)
        return &digest->tables[i];
    }

  return NULL;
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
               _("%s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
scan_tables (sqlite3            *db,
             const ScanVisitor  *visitor,
             gpointer            user_data,
             BfgSnapshotDigest  *out,
             GCancellable       *cancellable,
             GError            **error)
{
  BfgRowEncoder enc;
  BfgSnapshotDigest digest = { 0 };
  gboolean ok = TRUE;

  bfg_row_encoder_init (&enc);

  /* One read transaction: every table comes from the same instant even
   * when another connection writes meanwhile (WAL). When the caller
   * already holds one, sqlite refuses the nested begin and we join it. */
  {
    gboolean own_txn = sqlite3_get_autocommit (db);

    if (own_txn && sqlite3_exec (db, "begin", NULL, NULL, NULL) != SQLITE_OK)
      {
        bfg_row_encoder_clear (&enc);
        return set_sqlite_error (error, db, _("Cannot start reading"));
      }

    for (guint t = 0; ok && t < bfg_schema_map_get_n_tables (); t++)
      {
        const BfgSchemaTable *table = bfg_schema_map_get_table (t);
        BfgSnapshotTableDigest *td = &digest.tables[digest.n_tables++];
        g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
        g_autofree char *sql = bfg_snapshot_select_sql (table);
        sqlite3_stmt *stmt = NULL;
        int rc;

        td->name = table->name;
        if (visitor && visitor->table_begin &&
            !visitor->table_begin (table, user_data, error))
          {
            ok = FALSE;
            break;
          }

        if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
          {
            g_autofree char *what = g_strdup_printf ("Cannot read %s",
                                                     table->name);
            ok = set_sqlite_error (error, db, what);
            break;
          }

        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            bfg_row_encoder_reset (&enc);
            for (guint f = 0; f < table->n_fields; f++)
              bfg_row_encoder_add_column (&enc, stmt, (int) f);
            g_checksum_update (sum, enc.bytes->data, enc.bytes->len);

            if (visitor && visitor->row &&
                !visitor->row (table, stmt, td->count, user_data, error))
              {
                ok = FALSE;
                break;
              }
            td->count++;

            if ((td->count & 0x3fff) == 0 &&
                g_cancellable_set_error_if_cancelled (cancellable, error))
              {
                ok = FALSE;
                break;
              }
          }

        if (ok && rc != SQLITE_DONE)
          {
            g_autofree char *what = g_strdup_printf ("Cannot read %s",
                                                     table->name);
            ok = set_sqlite_error (error, db, what);
          }
        sqlite3_finalize (stmt);

        if (!ok)
          break;

        g_strlcpy (td->sha256, g_checksum_get_string (sum), sizeof td->sha256);
        if (visitor && visitor->table_end &&
            !visitor->table_end (table, td, user_data, error))
          ok = FALSE;
      }

    if (own_txn)
      sqlite3_exec (db, "rollback", NULL, NULL, NULL);
  }

  bfg_row_encoder_clear (&enc);

  if (!ok)
    return FALSE;

  bfg_snapshot_digest_finish (&digest);
  if (out != NULL)
    *out = digest;

  return TRUE;
}

gboolean
bfg_snapshot_scan (sqlite3             *db,
                   BfgSnapshotRowFunc   row_func,
                   gpointer             user_data,
                   BfgSnapshotDigest   *out,
                   GCancellable        *cancellable,
                   GError             **error)
{
  ScanVisitor visitor = { NULL, row_func, NULL };

  return scan_tables (db, &visitor, user_data, out, cancellable, error);
}

/**
 * bfg_snapshot_compute_digests:
 * @db: a workspace's database
 * @out: (out caller-allocates): where the digest goes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every ScenarioStore table in primary-key order, in one read
 * transaction, and computes per-table counts and digests and the snapshot
 * checksum (see %BFG_SNAPSHOT_ENCODING). It reads every row: cache the
 * result by the workspace's data version.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_snapshot_compute_digests (sqlite3            *db,
                              BfgSnapshotDigest  *out,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return scan_tables (db, NULL, NULL, out, cancellable, error);
}

/**
 * bfg_snapshot_digest:
 * @workspace_path: a workspace file
 * @out: (out caller-allocates): where the digest goes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like bfg_snapshot_compute_digests(), over a read-only connection of its
 * own, so that it can run in any thread.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_snapshot_digest (const char         *workspace_path,
                     BfgSnapshotDigest  *out,
                     GCancellable       *cancellable,
                     GError            **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (workspace_path != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sqlite3_open_v2 (workspace_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                   _("Cannot open %s: %s"), workspace_path,
                   db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);

  ok = scan_tables (db, NULL, NULL, out, cancellable, error);
  sqlite3_close (db);

  return ok;
}

/* Export */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buf;
  gboolean       first_table;
} Exporter;

static gboolean
append_json_string (GString     *buf,
                    const char  *text,
                    gsize        len)
{
  static const char hex[] = "0123456789abcdef";
  gsize start = 0;

  if (!g_utf8_validate_len (text, len, NULL))
    return FALSE;

  g_string_append_c (buf, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (buf, text + start, (gssize) (i - start));
      start = i + 1;
      switch (c)
        {
        case '"': g_string_append (buf, "\\\""); break;
        case '\\': g_string_append (buf, "\\\\"); break;
        case '\n': g_string_append (buf, "\\n"); break;
        case '\r': g_string_append (buf, "\\r"); break;
        case '\t': g_string_append (buf, "\\t"); break;
        default:
          g_string_append (buf, "\\u00");
          g_string_append_c (buf, hex[c >> 4]);
          g_string_append_c (buf, hex[c & 0xf]);
          break;
        }
    }
  g_string_append_len (buf, text + start, (gssize) (len - start));
  g_string_append_c (buf, '"');

  return TRUE;
}

static gboolean
exporter_flush (Exporter  *self,
                gboolean   force,
                GError   **error)
{
  if (!force && self->buf->len < WRITE_CHUNK)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->buf->str, self->buf->len,
                                  NULL, self->cancellable, error))
    return FALSE;
  g_string_truncate (self->buf, 0);

  return TRUE;
}

static gboolean
export_table_begin (const BfgSchemaTable  *table,
                    gpointer               user_data,
                    GError               **error)
{
  Exporter *self = user_data;

  g_string_append_printf (self->buf,
                          "%s    {\n"
                          "      \"name\": \"%s\",\n"
                          "      \"columns\": [",
                          self->first_table ? "" : ",\n", table->name);
  self->first_table = FALSE;
  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (self->buf, "%s[\"%s\", \"%s\"%s]",
                            i ? ", " : "", table->fields[i].name,
                            bfg_field_type_to_string (table->fields[i].type),
                            table->fields[i].nullable ? ", \"null\"" : "");
  g_string_append (self->buf, "],\n      \"rows\": [");

  return TRUE;
}

static gboolean
export_row (const BfgSchemaTable  *table,
            sqlite3_stmt          *row,
            gint64                 index,
            gpointer               user_data,
            GError               **error)
{
  Exporter *self = user_data;

  g_string_append (self->buf, index ? ",\n        [" : "\n        [");
  for (guint f = 0; f < table->n_fields; f++)
    {
      if (f > 0)
        g_string_append (self->buf, ", ");

      switch (sqlite3_column_type (row, (int) f))
        {
        case SQLITE_NULL:
          g_string_append (self->buf, "null");
          break;

        case SQLITE_INTEGER:
          g_string_append_printf (self->buf, "%" G_GINT64_FORMAT,
                                  (gint64) sqlite3_column_int64 (row, (int) f));
          break;

        case SQLITE_FLOAT:
        case SQLITE_BLOB:
          g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_BAD_TYPE,
                       /* Translators: a table, a row number, the id column
                        * and its value, a field, then "real" or "blob" (SQL
                        * types, kept in English); ScenarioStore.v1 stays */
                       _("%s row %" PRId64 " (%s %s) field %s holds a "
                         "%s, which ScenarioStore.v1 never stores"),
                       table->name, index + 1, table->fields[0].name,
                       (const char *) sqlite3_column_text (row, 0),
                       table->fields[f].name,
                       sqlite3_column_type (row, (int) f) == SQLITE_FLOAT
                         ? "real" : "blob");
          return FALSE;

        case SQLITE_TEXT:
        default:
          if (!append_json_string (self->buf,
                                   (const char *) sqlite3_column_text (row, (int) f),
                                   (gsize) sqlite3_column_bytes (row, (int) f)))
            {
              g_set_error (error, BFG_SNAPSHOT_ERROR,
                           BFG_SNAPSHOT_ERROR_BAD_TYPE,
                           /* Translators: a table, a row number, a field */
                           _("%s row %" PRId64 " field %s is not "
                             "valid UTF-8"), table->name, index + 1,
                           table->fields[f].name);
              return FALSE;
            }
          break;
        }
    }
  g_string_append_c (self->buf, ']');

  return exporter_flush (self, FALSE, error);
}

static gboolean
export_table_end (const BfgSchemaTable          *table,
                  const BfgSnapshotTableDigest  *digest,
                  gpointer                       user_data,
                  GError                       **error)
{
  Exporter *self = user_data;

  g_string_append_printf (self->buf,
                          "%s],\n"
                          "      \"count\": %" G_GINT64_FORMAT ",\n"
                          "      \"sha256\": \"%s\"\n"
                          "    }",
                          digest->count ? "\n      " : "",
                          digest->count, digest->sha256);

  return exporter_flush (self, FALSE, error);
}

static char *
dup_first_tenant (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *tenant = NULL;

  if (sqlite3_prepare_v2 (db, "select tenant_id from tenants "
                          "order by tenant_id limit 1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tenant = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return tenant;
}

static void
append_member (GString    *buf,
               const char *name,
               const char *value)
{
  g_string_append_printf (buf, "  \"%s\": ", name);
  if (value == NULL || !append_json_string (buf, value, strlen (value)))
    g_string_append (buf, "null");
  g_string_append (buf, ",\n");
}

/**
 * bfg_snapshot_export_db:
 * @db: a workspace's database
 * @session: (nullable): the session id the snapshot belongs to
 * @stream: where the JSON goes
 * @out: (out caller-allocates) (optional): the snapshot's digest
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Streams a BFGScenarioSnapshot.v1 document: schema name and version, the
 * tenant, the session, then every ScenarioStore table with its columns,
 * its rows in primary-key order (one per line), its count and its digest,
 * and finally the total and the snapshot checksum. The output depends on
 * the rows only, so exporting the same rows twice gives the same bytes.
 * Memory stays bounded by one 256 KiB buffer whatever the row count.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_snapshot_export_db (sqlite3            *db,
                        const char         *session,
                        GOutputStream      *stream,
                        BfgSnapshotDigest  *out,
                        GCancellable       *cancellable,
                        GError            **error)
{
  static const ScanVisitor visitor = {
    export_table_begin, export_row, export_table_end,
  };
  g_autoptr(GString) buf = g_string_sized_new (WRITE_CHUNK + 4096);
  g_autofree char *tenant = NULL;
  Exporter exporter = { stream, cancellable, buf, TRUE };
  BfgSnapshotDigest digest;
  gboolean own_txn;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The tenant and the rows must come from the same instant. */
  own_txn = sqlite3_get_autocommit (db);
  if (own_txn && sqlite3_exec (db, "begin", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, _("Cannot start reading"));

  tenant = dup_first_tenant (db);
  g_string_append (buf, "{\n");
  append_member (buf, "schema", BFG_SNAPSHOT_SCHEMA);
  g_string_append_printf (buf, "  \"version\": %d,\n", BFG_SNAPSHOT_VERSION);
  append_member (buf, "contract", "ScenarioStore.v1");
  append_member (buf, "tenant", tenant);
  append_member (buf, "session", session);
  append_member (buf, "encoding", BFG_SNAPSHOT_ENCODING);
  g_string_append (buf, "  \"tables\": [\n");

  ok = scan_tables (db, &visitor, &exporter, &digest, cancellable, error);

  if (own_txn)
    sqlite3_exec (db, "rollback", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  g_string_append_printf (buf,
                          "\n  ],\n"
                          "  \"rows\": %" G_GINT64_FORMAT ",\n"
                          "  \"checksum\": \"%s\",\n"
                          "  \"shortChecksum\": \"%s\"\n"
                          "}\n",
                          digest.total_rows, digest.checksum,
                          digest.short_checksum);
  if (!exporter_flush (&exporter, TRUE, error))
    return FALSE;

  if (out != NULL)
    *out = digest;

  return TRUE;
}

static char *
dup_session (BfgWorkspace *workspace)
{
  char *session = bfg_workspace_dup_session_value (workspace, "session");

  return session;
}

/**
 * bfg_snapshot_export:
 * @workspace: a workspace
 * @file: where the snapshot goes; replaced atomically
 * @out: (out caller-allocates) (optional): the snapshot's digest
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the workspace's BFGScenarioSnapshot.v1 to @file (see
 * bfg_snapshot_export_db()). Reading needs no permission and changes
 * nothing in the workspace.
 *
 * Returns: %TRUE on success
 */
gboolean
bfg_snapshot_export (BfgWorkspace       *workspace,
                     GFile              *file,
                     BfgSnapshotDigest  *out,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *session = NULL;
  gboolean ok;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_replace (file, NULL, FALSE,
                           G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;

  session = dup_session (workspace);
  bfg_workspace_lock (workspace);
  ok = bfg_snapshot_export_db (bfg_workspace_get_db (workspace), session,
                               G_OUTPUT_STREAM (stream), out, cancellable, error);
  bfg_workspace_unlock (workspace);

  /* Closing commits the replacement; on failure the old file stays. */
  if (!ok)
    {
      g_autoptr(GCancellable) never = g_cancellable_new ();

      g_cancellable_cancel (never);
      g_output_stream_close (G_OUTPUT_STREAM (stream), never, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/* Import */

typedef struct
{
  const BfgSchemaTable *table;
  JsonArray            *rows;
  GHashTable           *keys;
} ImportTable;

static gboolean
import_error (GError     **error,
              int          code,
              const char  *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
import_error (GError     **error,
              int          code,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BFG_SNAPSHOT_ERROR, code, message);

  return FALSE;
}

static char *
row_label (const BfgSchemaTable *table,
           JsonArray            *row,
           guint                 index)
{
  JsonNode *first = json_array_get_length (row) > 0
                      ? json_array_get_element (row, 0) : NULL;

  if (first != NULL && JSON_NODE_HOLDS_VALUE (first) &&
      json_node_get_value_type (first) == G_TYPE_STRING)
    return g_strdup_printf ("%s row %u (%s %s)", table->name, index + 1,
                            table->fields[0].name,
                            json_node_get_string (first));

  return g_strdup_printf ("%s row %u", table->name, index + 1);
}

static char *
row_key (const BfgSchemaTable *table,
         JsonArray            *row)
{
  GString *key = g_string_new (NULL);

  for (guint k = 0; k < table->n_key; k++)
    {
      JsonNode *node = json_array_get_element (row, k);

      if (k > 0)
        g_string_append_c (key, '\x1f');
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (key, "%" G_GINT64_FORMAT,
                                json_node_get_int (node));
      else
        g_string_append (key, json_node_get_string (node));
    }

  return g_string_free (key, FALSE);
}

static gboolean
check_value (const BfgSchemaTable *table,
             JsonArray            *row,
             guint                 index,
             guint                 f,
             BfgRowEncoder        *enc,
             GError              **error)
{
  const BfgSchemaField *field = &table->fields[f];
  JsonNode *node = json_array_get_element (row, f);
  const char *found;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->nullable)
        {
          bfg_row_encoder_add (enc, 'N', NULL, 0);
          return TRUE;
        }
      found = "null";
    }
  else if (!JSON_NODE_HOLDS_VALUE (node))
    found = JSON_NODE_HOLDS_ARRAY (node) ? "an array" : "an object";
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      if (field->type == BFG_FIELD_INTEGER)
        {
          char digits[24];
          int len = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT,
                                json_node_get_int (node));

          bfg_row_encoder_add (enc, 'I', digits, (gsize) len);
          return TRUE;
        }
      found = "an integer";
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (field->type != BFG_FIELD_INTEGER)
        {
          const char *text = json_node_get_string (node);

          bfg_row_encoder_add (enc, 'T', text, strlen (text));
          return TRUE;
        }
      found = "a string";
    }
  else
    found = json_node_get_value_type (node) == G_TYPE_DOUBLE
              ? "a real number" : "a boolean";

  {
    g_autofree char *label = row_label (table, row, index);

    return import_error (error, BFG_SNAPSHOT_ERROR_BAD_TYPE,
                         _("%s field %s: expected %s%s, found %s"), label,
                         field->name,
                         field->type == BFG_FIELD_INTEGER ? "an integer"
                                                          : "a string",
                         field->nullable ? " or null" : "", found);
  }
}


/* json-glib's typed getters log a critical for a missing or mistyped
 * member; a hostile snapshot must only ever produce an error, so every
 * lookup of imported JSON goes through these. */
static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
element_array (JsonArray *array,
               guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
element_string (JsonArray *array,
                guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
validate_table (ImportTable            *it,
                ImportTable            *all,
                guint                   n_all,
                JsonObject             *tobj,
                BfgSnapshotTableDigest *td,
                GCancellable           *cancellable,
                GError                **error)
{
  const BfgSchemaTable *table = it->table;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  BfgRowEncoder enc;
  JsonArray *columns;
  JsonNode *count_node;
  const char *sha;
  guint n_rows;

  columns = member_array (tobj, "columns");
  if (columns == NULL || json_array_get_length (columns) != table->n_fields)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("%s: the columns are not those of ScenarioStore.v1"),
                         table->name);
  for (guint f = 0; f < table->n_fields; f++)
    {
      JsonArray *col = element_array (columns, f);
      const char *name = element_string (col, 0);
      const char *type = element_string (col, 1);

      if (g_strcmp0 (name, table->fields[f].name) != 0)
        return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                             _("%s column %u: expected %s, found %s"),
                             table->name, f + 1, table->fields[f].name,
                             name ? name : "nothing");
      if (g_strcmp0 (type, bfg_field_type_to_string (table->fields[f].type)) != 0)
        return import_error (error, BFG_SNAPSHOT_ERROR_BAD_TYPE,
                             _("%s field %s: declared %s, expected %s"),
                             table->name, name, type ? type : "nothing",
                             bfg_field_type_to_string (table->fields[f].type));
    }

  it->rows = member_array (tobj, "rows");
  if (it->rows == NULL)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("%s has no rows array"), table->name);

  n_rows = json_array_get_length (it->rows);
  it->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bfg_row_encoder_init (&enc);

  for (guint r = 0; r < n_rows; r++)
    {
      JsonNode *row_node = json_array_get_element (it->rows, r);
      JsonArray *row = JSON_NODE_HOLDS_ARRAY (row_node)
                         ? json_node_get_array (row_node) : NULL;
      char *key;

      if (row == NULL || json_array_get_length (row) != table->n_fields)
        {
          bfg_row_encoder_clear (&enc);
          return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                               _("%s row %u: expected %u fields"), table->name,
                               r + 1, table->n_fields);
        }

      bfg_row_encoder_reset (&enc);
      for (guint f = 0; f < table->n_fields; f++)
        {
          if (!check_value (table, row, r, f, &enc, error))
            {
              bfg_row_encoder_clear (&enc);
              return FALSE;
            }
        }
      g_checksum_update (sum, enc.bytes->data, enc.bytes->len);

      /* References point at tables listed earlier in the map. */
      for (guint f = 0; f < table->n_fields; f++)
        {
          const char *ref = table->fields[f].references;
          JsonNode *node = json_array_get_element (row, f);

          if (ref == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          for (guint a = 0; a < n_all; a++)
            {
              if (strcmp (all[a].table->name, ref) != 0)
                continue;
              if (all[a].keys == NULL ||
                  !g_hash_table_contains (all[a].keys,
                                          json_node_get_string (node)))
                {
                  g_autofree char *label = row_label (table, row, r);

                  bfg_row_encoder_clear (&enc);
                  return import_error (error,
                                       BFG_SNAPSHOT_ERROR_DANGLING_REFERENCE,
                                       _("%s field %s: no %s row has %s %s"),
                                       label, table->fields[f].name, ref,
                                       all[a].table->fields[0].name,
                                       json_node_get_string (node));
                }
            }
        }

      key = row_key (table, row);
      if (!g_hash_table_add (it->keys, key))
        {
          g_autofree char *label = row_label (table, row, r);

          bfg_row_encoder_clear (&enc);
          return import_error (error, BFG_SNAPSHOT_ERROR_DUPLICATE_KEY,
                               _("%s: another row has the same primary key"),
                               label);
        }

      if ((r & 0x3fff) == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          bfg_row_encoder_clear (&enc);
          return FALSE;
        }
    }
  bfg_row_encoder_clear (&enc);

  td->name = table->name;
  td->count = n_rows;
  g_strlcpy (td->sha256, g_checksum_get_string (sum), sizeof td->sha256);

  count_node = json_object_get_member (tobj, "count");
  if (count_node == NULL || !JSON_NODE_HOLDS_VALUE (count_node) ||
      json_node_get_value_type (count_node) != G_TYPE_INT64 ||
      json_node_get_int (count_node) != n_rows)
    return import_error (error, BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
                         _("%s: the count does not match its %u rows"),
                         table->name, n_rows);

  sha = member_string (tobj, "sha256");
  if (g_strcmp0 (sha, td->sha256) != 0)
    return import_error (error, BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
                         _("%s: the sha256 does not match its rows (computed %s)"),
                         table->name, td->sha256);

  return TRUE;
}

static gboolean
validate_document (JsonNode          *root,
                   ImportTable       *tables,
                   BfgSnapshotDigest *digest,
                   GCancellable      *cancellable,
                   GError           **error)
{
  JsonObject *obj;
  JsonArray *jtables;
  JsonNode *version;
  const char *schema;
  const char *checksum;
  guint n_map = bfg_schema_map_get_n_tables ();

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("The snapshot is not a JSON object"));
  obj = json_node_get_object (root);

  schema = member_string (obj, "schema");
  if (g_strcmp0 (schema, BFG_SNAPSHOT_SCHEMA) != 0)
    return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_SCHEMA,
                         /* Translators: the schema a file names, then
                          * BFGScenarioSnapshot, an identifier */
                         _("The schema is %s, not %s"),
                         schema ? schema : _("missing"), BFG_SNAPSHOT_SCHEMA);

  version = json_object_get_member (obj, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != BFG_SNAPSHOT_VERSION)
    return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_VERSION,
                         _("The schema version is %s; this console reads "
                         "version %d only"),
                         version && JSON_NODE_HOLDS_VALUE (version)
                           ? json_node_get_value_type (version) == G_TYPE_INT64
                             ? "not 1" : "not a number"
                           : "missing",
                         BFG_SNAPSHOT_VERSION);

  jtables = member_array (obj, "tables");
  if (jtables == NULL)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("The snapshot has no tables array"));
  if (json_array_get_length (jtables) != n_map)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("The snapshot holds %u tables; ScenarioStore.v1 "
                         "has %u"), json_array_get_length (jtables), n_map);

  memset (digest, 0, sizeof *digest);
  for (guint t = 0; t < n_map; t++)
    {
      JsonObject *tobj = element_object (jtables, t);
      const char *name = member_string (tobj, "name");

      tables[t].table = bfg_schema_map_get_table (t);
      if (g_strcmp0 (name, tables[t].table->name) != 0)
        return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                             _("Table %u is %s; expected %s"), t + 1,
                             name ? name : "unnamed", tables[t].table->name);

      if (!validate_table (&tables[t], tables, t, tobj,
                           &digest->tables[t], cancellable, error))
        return FALSE;
      digest->n_tables++;
    }

  bfg_snapshot_digest_finish (digest);
  checksum = member_string (obj, "checksum");
  if (g_strcmp0 (checksum, digest->checksum) != 0)
    return import_error (error, BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
                         _("The snapshot checksum does not match its tables "
                         "(computed %s)"), digest->short_checksum);

  return TRUE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, sql);

  return TRUE;
}

static gboolean
write_tables (sqlite3      *db,
              ImportTable  *tables,
              guint         n_tables,
              GError      **error)
{
  /* Children first, so that no delete trips a reference. */
  for (guint t = n_tables; t-- > 0;)
    {
      g_autofree char *sql = g_strdup_printf ("delete from \"%s\"",
                                              tables[t].table->name);

      if (!exec_sql (db, sql, error))
        return FALSE;
    }

  for (guint t = 0; t < n_tables; t++)
    {
      const BfgSchemaTable *table = tables[t].table;
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;
      guint n_rows = json_array_get_length (tables[t].rows);

      g_string_printf (sql, "insert into \"%s\" values (", table->name);
      for (guint f = 0; f < table->n_fields; f++)
        g_string_append (sql, f ? ", ?" : "?");
      g_string_append_c (sql, ')');

      if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
        return set_sqlite_error (error, db, sql->str);

      for (guint r = 0; r < n_rows; r++)
        {
          JsonArray *row = json_array_get_array_element (tables[t].rows, r);

          for (guint f = 0; f < table->n_fields; f++)
            {
              JsonNode *node = json_array_get_element (row, f);

              if (JSON_NODE_HOLDS_NULL (node))
                sqlite3_bind_null (stmt, (int) f + 1);
              else if (json_node_get_value_type (node) == G_TYPE_INT64)
                sqlite3_bind_int64 (stmt, (int) f + 1, json_node_get_int (node));
              else
                sqlite3_bind_text (stmt, (int) f + 1, json_node_get_string (node),
                                   -1, SQLITE_STATIC);
            }
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              g_autofree char *label = row_label (table, row, r);

              g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                           _("%s: %s"), label, sqlite3_errmsg (db));
              sqlite3_finalize (stmt);
              return FALSE;
            }
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

static void
import_table_clear (ImportTable *it)
{
  g_clear_pointer (&it->keys, g_hash_table_unref);
}

/**
 * bfg_snapshot_import:
 * @workspace: a writable workspace
 * @actor_id: the acting actor; needs evidence.record
 * @file: a BFGScenarioSnapshot.v1 document
 * @out: (out caller-allocates) (optional): the imported snapshot's digest
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces the workspace's ScenarioStore rows with the snapshot's, all or
 * nothing. The whole document is validated first (schema name and
 * version, tables and columns, value types, primary keys, references,
 * counts, table digests and the checksum); the first problem is named by
 * table, row and field, and the workspace is not touched. Only then are
 * the rows written, with an audit event, in one transaction that is
 * rolled back on any error.
 *
 * The document is parsed whole with JsonParser: memory grows with it, at
 * about 1 KiB per row (a million-row snapshot needs about 1 GiB), which is
 * why the dry-run replays from the workspace and never from a file.
 *
 * Returns: %TRUE when the snapshot was imported
 */
gboolean
bfg_snapshot_import (BfgWorkspace       *workspace,
                     const char         *actor_id,
                     GFile              *file,
                     BfgSnapshotDigest  *out,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *path = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *actor_name = NULL;
  g_autoptr(GError) local_error = NULL;
  ImportTable tables[BFG_SNAPSHOT_MAX_TABLES] = { { 0 } };
  BfgSnapshotDigest digest;
  guint n_tables = bfg_schema_map_get_n_tables ();
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The guards: who may, and whether the file may change at all. */
  if (!bfg_workspace_actor_exists (workspace, actor_id))
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                   _("No actor %s in this workspace"), actor_id);
      return FALSE;
    }
  if (!bfg_workspace_actor_has_permission (workspace, actor_id,
                                           IMPORT_PERMISSION))
    {
      actor_name = bfg_workspace_dup_actor_name (workspace, actor_id);
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED,
                   /* Translators: the second %s is a permission id,
                    * such as evidence.record; keep it as is. */
                   _("%s lacks %s"), actor_name ? actor_name : actor_id,
                   IMPORT_PERMISSION);
      return FALSE;
    }
  if (bfg_workspace_is_read_only (workspace))
    {
      g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY,
                   _("The workspace is open read-only"));
      return FALSE;
    }

  /* Validation: nothing is written until the whole document passed. */
  path = g_file_get_path (file);
  parser = json_parser_new ();
  if (path != NULL)
    ok = json_parser_load_from_mapped_file (parser, path, &local_error);
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      ok = g_file_load_contents (file, cancellable, &contents, &len, NULL,
                                 &local_error) &&
           json_parser_load_from_data (parser, contents, (gssize) len,
                                       &local_error);
    }
  if (!ok)
    {
      if (local_error->domain == G_IO_ERROR ||
          local_error->domain == G_FILE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_MALFORMED,
                     _("The snapshot is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  ok = validate_document (json_parser_get_root (parser), tables, &digest,
                          cancellable, error);

  /* Writing: one transaction; references are checked at commit, so that
   * console tables pointing at users survive the replacement. */
  if (ok)
    {
      db = bfg_workspace_get_db (workspace);
      detail = g_strdup_printf ("%s %s, %" G_GINT64_FORMAT " rows",
                                BFG_SNAPSHOT_ID, digest.short_checksum,
                                digest.total_rows);

      bfg_workspace_lock (workspace);
      ok = exec_sql (db, "begin immediate", error);
      if (ok)
        {
          ok = exec_sql (db, "pragma defer_foreign_keys = on", error) &&
               write_tables (db, tables, n_tables, error) &&
               bfg_audit_append (db, actor_id, "snapshot.import", NULL,
                                 detail, error) > 0 &&
               exec_sql (db, "commit", error);
          if (!ok)
            sqlite3_exec (db, "rollback", NULL, NULL, NULL);
        }
      bfg_workspace_unlock (workspace);
    }

  for (guint t = 0; t < n_tables; t++)
    import_table_clear (&tables[t]);

  if (ok && out != NULL)
    *out = digest;

  return ok;
}
