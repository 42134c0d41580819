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
#include "bfg-json-pull.h"
#include "bfg-sha256.h"
#include "bfg-snapshot-private.h"
#include "bfg-target-schema.h"
#include "bfg-workspace.h"

/* The export writes its JSON by hand, one row per line, straight from the
 * sqlite statement into a 256 KiB buffer: json-glib's generator needs a
 * node per value, which for a million rows costs more than the export's
 * performance target allows. The import reads it back as a stream of
 * tokens, for the same reason (see bfg_snapshot_import()). */

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
  g_autoptr(BfgSha256) sum = bfg_sha256_new ();

  digest->total_rows = 0;
  digest->operations_rows = 0;
  for (guint i = 0; i < digest->n_tables; i++)
    {
      const BfgSnapshotTableDigest *t = &digest->tables[i];
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s\t%" G_GINT64_FORMAT "\t%s\n",
                              t->name, t->count, t->sha256);
      bfg_sha256_update (sum, line, strlen (line));
      digest->total_rows += t->count;
      if (g_strv_contains ((const char * const[]) {
                             "orders", "driver_events", "finance_events",
                             "documents", NULL }, t->name))
        digest->operations_rows += t->count;
    }

  g_strlcpy (digest->checksum, bfg_sha256_get_string (sum),
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
        g_autoptr(BfgSha256) sum = bfg_sha256_new ();
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
            bfg_sha256_update (sum, enc.bytes->data, enc.bytes->len);

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

        g_strlcpy (td->sha256, bfg_sha256_get_string (sum), sizeof td->sha256);
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

  /* This connection lives and dies in this call, on this thread: it
   * needs none of the locking sqlite would otherwise take around each of
   * the millions of column reads below. */
  if (sqlite3_open_v2 (workspace_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
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

/* Import
 *
 * The document is read as a stream of tokens (BfgJsonPull) and each row is
 * checked and written as it comes, inside the one transaction of the
 * import: memory stays flat whatever the size, and the first problem,
 * named by table, row and field, rolls everything back. Rows reach the
 * workspace only in that transaction, so a refused snapshot leaves the
 * workspace file as it was. */

typedef struct
{
  BfgJsonPull        *pull;
  sqlite3            *db;
  GCancellable       *cancellable;
  BfgRowEncoder       enc;
  GString            *first;        /* the row's first field, for labels */
  gboolean            first_is_text;
  gboolean            cleared;      /* the old rows are deleted */
} Reader;

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

/* A problem of the JSON text itself is the snapshot's; one of reading
 * the file keeps its own domain. */
static gboolean
pull_failed (GError  *local_error,
             GError **error)
{
  if (local_error->domain == JSON_PARSER_ERROR)
    {
      g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_MALFORMED,
                   _("The snapshot is not valid JSON: %s"), local_error->message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);

  return FALSE;
}

static BfgJsonToken
next_token (Reader  *r,
            GError **error)
{
  GError *local_error = NULL;
  BfgJsonToken token = bfg_json_pull_next (r->pull, r->cancellable, &local_error);

  if (token == BFG_JSON_TOKEN_ERROR)
    pull_failed (local_error, error);

  return token;
}

static gboolean
skip_value (Reader       *r,
            BfgJsonToken  first,
            GError      **error)
{
  GError *local_error = NULL;

  if (first == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (!bfg_json_pull_skip_value (r->pull, first, r->cancellable, &local_error))
    return pull_failed (local_error, error);

  return TRUE;
}

static const char *
token_kind (BfgJsonToken token)
{
  switch (token)
    {
    case BFG_JSON_TOKEN_NULL: return "null";
    case BFG_JSON_TOKEN_BEGIN_ARRAY: return "an array";
    case BFG_JSON_TOKEN_BEGIN_OBJECT: return "an object";
    case BFG_JSON_TOKEN_INTEGER: return "an integer";
    case BFG_JSON_TOKEN_STRING: return "a string";
    case BFG_JSON_TOKEN_REAL: return "a real number";
    case BFG_JSON_TOKEN_TRUE:
    case BFG_JSON_TOKEN_FALSE: return "a boolean";
    case BFG_JSON_TOKEN_END_OBJECT:
    case BFG_JSON_TOKEN_END_ARRAY:
    case BFG_JSON_TOKEN_KEY:
    case BFG_JSON_TOKEN_END:
    case BFG_JSON_TOKEN_ERROR:
    default: return "nothing";
    }
}

static char *
row_label (Reader               *r,
           const BfgSchemaTable *table,
           gint64                index)
{
  if (r->first_is_text)
    return g_strdup_printf ("%s row %" G_GINT64_FORMAT " (%s %s)", table->name,
                            index + 1, table->fields[0].name, r->first->str);

  return g_strdup_printf ("%s row %" G_GINT64_FORMAT, table->name, index + 1);
}

/* "columns": [[name, type], ...], as the schema map has them. */
static gboolean
read_columns (Reader               *r,
              const BfgSchemaTable *table,
              GError              **error)
{
  BfgJsonToken token = next_token (r, error);
  guint f = 0;

  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != BFG_JSON_TOKEN_BEGIN_ARRAY)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("%s: the columns are not those of ScenarioStore.v1"),
                         table->name);

  while ((token = next_token (r, error)) == BFG_JSON_TOKEN_BEGIN_ARRAY)
    {
      g_autofree char *name = NULL;
      g_autofree char *type = NULL;

      if (f >= table->n_fields)
        return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                             _("%s: the columns are not those of ScenarioStore.v1"),
                             table->name);

      if (next_token (r, error) == BFG_JSON_TOKEN_STRING)
        name = g_strdup (bfg_json_pull_get_string (r->pull, NULL));
      else if (error != NULL && *error != NULL)
        return FALSE;
      if (name != NULL && next_token (r, error) == BFG_JSON_TOKEN_STRING)
        type = g_strdup (bfg_json_pull_get_string (r->pull, NULL));
      else if (error != NULL && *error != NULL)
        return FALSE;

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

      /* What follows the name and the type ("null" for a nullable
       * field) says nothing the schema map does not. */
      while ((token = next_token (r, error)) != BFG_JSON_TOKEN_END_ARRAY)
        if (!skip_value (r, token, error))
          return FALSE;
      f++;
    }

  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != BFG_JSON_TOKEN_END_ARRAY || f != table->n_fields)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("%s: the columns are not those of ScenarioStore.v1"),
                         table->name);

  return TRUE;
}

/* A reference field's check: the statement that finds the row it names
 * (NULL for other fields), and the value this row gives it. */
typedef struct
{
  sqlite3_stmt *lookup;
  GString      *value;
  gboolean      set;
} RefCheck;

/* One field of a row: checked against the schema map, added to the row's
 * encoding and bound to the insert. */
static gboolean
read_field (Reader               *r,
            const BfgSchemaTable *table,
            gint64                index,
            guint                 f,
            sqlite3_stmt         *insert,
            RefCheck             *ref,
            GError              **error)
{
  const BfgSchemaField *field = &table->fields[f];
  BfgJsonToken token = next_token (r, error);
  const char *text;
  gsize len;

  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token == BFG_JSON_TOKEN_END_ARRAY)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("%s row %u: expected %u fields"), table->name,
                         (guint) index + 1, table->n_fields);

  ref->set = FALSE;

  if (token == BFG_JSON_TOKEN_NULL && field->nullable)
    {
      bfg_row_encoder_add (&r->enc, 'N', NULL, 0);
      sqlite3_bind_null (insert, (int) f + 1);
      return TRUE;
    }

  if (token == BFG_JSON_TOKEN_INTEGER && field->type == BFG_FIELD_INTEGER)
    {
      char digits[24];
      gint64 value = bfg_json_pull_get_int (r->pull);
      int n = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, value);

      bfg_row_encoder_add (&r->enc, 'I', digits, (gsize) n);
      sqlite3_bind_int64 (insert, (int) f + 1, value);
      return TRUE;
    }

  if (token == BFG_JSON_TOKEN_STRING && field->type != BFG_FIELD_INTEGER)
    {
      text = bfg_json_pull_get_string (r->pull, &len);
      if (f == 0)
        {
          g_string_assign (r->first, text);
          r->first_is_text = TRUE;
        }
      bfg_row_encoder_add (&r->enc, 'T', text, len);
      sqlite3_bind_text (insert, (int) f + 1, text, (int) len, SQLITE_TRANSIENT);
      if (ref->lookup != NULL)
        {
          g_string_assign (ref->value, text);
          sqlite3_bind_text (ref->lookup, 1, text, (int) len, SQLITE_TRANSIENT);
          ref->set = TRUE;
        }
      return TRUE;
    }

  {
    g_autofree char *label = row_label (r, table, index);

    return import_error (error, BFG_SNAPSHOT_ERROR_BAD_TYPE,
                         _("%s field %s: expected %s%s, found %s"), label,
                         field->name,
                         field->type == BFG_FIELD_INTEGER ? "an integer"
                                                          : "a string",
                         field->nullable ? " or null" : "",
                         token_kind (token));
  }
}

/* References point at tables earlier in the map, whose rows this
 * transaction has written already. */
static gboolean
check_references (Reader               *r,
                  const BfgSchemaTable *table,
                  gint64                index,
                  RefCheck             *refs,
                  GError              **error)
{
  for (guint f = 0; f < table->n_fields; f++)
    {
      const BfgSchemaTable *target;
      g_autofree char *label = NULL;
      int rc;

      if (!refs[f].set)
        continue;

      rc = sqlite3_step (refs[f].lookup);
      sqlite3_reset (refs[f].lookup);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        return set_sqlite_error (error, r->db, table->fields[f].references);

      target = bfg_schema_map_lookup (table->fields[f].references);
      label = row_label (r, table, index);
      return import_error (error, BFG_SNAPSHOT_ERROR_DANGLING_REFERENCE,
                           _("%s field %s: no %s row has %s %s"),
                           label, table->fields[f].name,
                           table->fields[f].references,
                           target->fields[0].name, refs[f].value->str);
    }

  return TRUE;
}

/* The insert of a row, and the refusal of a key written before. */
static gboolean
insert_row (Reader               *r,
            const BfgSchemaTable *table,
            gint64                index,
            sqlite3_stmt         *insert,
            GError              **error)
{
  int rc = sqlite3_step (insert);
  int extended = sqlite3_extended_errcode (r->db);
  g_autofree char *label = NULL;

  sqlite3_reset (insert);
  if (rc == SQLITE_DONE)
    return TRUE;

  label = row_label (r, table, index);
  if (extended == SQLITE_CONSTRAINT_PRIMARYKEY || extended == SQLITE_CONSTRAINT_UNIQUE)
    return import_error (error, BFG_SNAPSHOT_ERROR_DUPLICATE_KEY,
                         _("%s: another row has the same primary key"), label);

  g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
               _("%s: %s"), label, sqlite3_errmsg (r->db));
  return FALSE;
}

/* "rows": [[field, ...], ...]: each row checked, digested and written. */
static gboolean
read_rows (Reader               *r,
           const BfgSchemaTable *table,
           BfgSha256            *sum,
           gint64               *count,
           GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree RefCheck *refs = g_new0 (RefCheck, table->n_fields);
  sqlite3_stmt *insert = NULL;
  BfgJsonToken token;
  gboolean ok = TRUE;

  token = next_token (r, error);
  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != BFG_JSON_TOKEN_BEGIN_ARRAY)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("%s has no rows array"), table->name);

  g_string_printf (sql, "insert into \"%s\" values (", table->name);
  for (guint f = 0; f < table->n_fields; f++)
    g_string_append (sql, f ? ", ?" : "?");
  g_string_append_c (sql, ')');
  if (sqlite3_prepare_v2 (r->db, sql->str, -1, &insert, NULL) != SQLITE_OK)
    return set_sqlite_error (error, r->db, sql->str);

  for (guint f = 0; ok && f < table->n_fields; f++)
    {
      const BfgSchemaTable *target;

      if (table->fields[f].references == NULL)
        continue;
      target = bfg_schema_map_lookup (table->fields[f].references);
      g_assert (target != NULL);
      g_string_printf (sql, "select 1 from \"%s\" where \"%s\" = ?",
                       target->name, target->fields[0].name);
      refs[f].value = g_string_new (NULL);
      if (sqlite3_prepare_v2 (r->db, sql->str, -1, &refs[f].lookup, NULL) != SQLITE_OK)
        ok = set_sqlite_error (error, r->db, sql->str);
    }

  for (*count = 0; ok; (*count)++)
    {
      token = next_token (r, error);
      if (token == BFG_JSON_TOKEN_END_ARRAY || token == BFG_JSON_TOKEN_ERROR)
        {
          ok = token != BFG_JSON_TOKEN_ERROR;
          break;
        }
      if (token != BFG_JSON_TOKEN_BEGIN_ARRAY)
        {
          ok = import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                             _("%s row %u: expected %u fields"),
                             table->name, (guint) *count + 1, table->n_fields);
          break;
        }

      r->first_is_text = FALSE;
      bfg_row_encoder_reset (&r->enc);
      for (guint f = 0; ok && f < table->n_fields; f++)
        ok = read_field (r, table, *count, f, insert, &refs[f], error);
      if (!ok)
        break;

      token = next_token (r, error);
      if (token != BFG_JSON_TOKEN_END_ARRAY)
        {
          ok = token != BFG_JSON_TOKEN_ERROR &&
               import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                             _("%s row %u: expected %u fields"),
                             table->name, (guint) *count + 1, table->n_fields);
          break;
        }

      bfg_sha256_update (sum, r->enc.bytes->data, r->enc.bytes->len);
      ok = check_references (r, table, *count, refs, error) &&
           insert_row (r, table, *count, insert, error);

      if (ok && (*count & 0x3fff) == 0 &&
          g_cancellable_set_error_if_cancelled (r->cancellable, error))
        ok = FALSE;
    }

  sqlite3_finalize (insert);
  for (guint f = 0; f < table->n_fields; f++)
    {
      sqlite3_finalize (refs[f].lookup);
      if (refs[f].value != NULL)
        g_string_free (refs[f].value, TRUE);
    }

  return ok;
}

/* Deletes the rows the snapshot replaces, children first, so that no
 * delete trips a reference. */
static gboolean
clear_tables (Reader  *r,
              GError **error)
{
  for (guint t = bfg_schema_map_get_n_tables (); t-- > 0;)
    {
      g_autofree char *sql = g_strdup_printf ("delete from \"%s\"",
                                              bfg_schema_map_get_table (t)->name);

      if (sqlite3_exec (r->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return set_sqlite_error (error, r->db, sql);
    }

  r->cleared = TRUE;
  return TRUE;
}

/* One element of "tables": {"name", "columns", "rows", "count",
 * "sha256"}, in any order; the digest and the count are checked once the
 * object ends. */
static gboolean
read_table (Reader                 *r,
            guint                   t,
            BfgSnapshotTableDigest *td,
            GError                **error)
{
  const BfgSchemaTable *table = bfg_schema_map_get_table (t);
  g_autoptr(BfgSha256) sum = bfg_sha256_new ();
  g_autofree char *name = NULL;
  g_autofree char *sha = NULL;
  gboolean have_columns = FALSE;
  gboolean have_rows = FALSE;
  gboolean have_count = FALSE;
  gint64 declared = -1;
  gint64 n_rows = 0;
  BfgJsonToken token;

  while ((token = next_token (r, error)) == BFG_JSON_TOKEN_KEY)
    {
      g_autofree char *key = g_strdup (bfg_json_pull_get_string (r->pull, NULL));

      if (strcmp (key, "name") == 0)
        {
          token = next_token (r, error);
          g_clear_pointer (&name, g_free);
          if (token == BFG_JSON_TOKEN_STRING)
            name = g_strdup (bfg_json_pull_get_string (r->pull, NULL));
          else if (!skip_value (r, token, error))
            return FALSE;
          if (g_strcmp0 (name, table->name) != 0)
            return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                                 _("Table %u is %s; expected %s"), t + 1,
                                 name ? name : "unnamed", table->name);
        }
      else if (strcmp (key, "columns") == 0)
        {
          if (!read_columns (r, table, error))
            return FALSE;
          have_columns = TRUE;
        }
      else if (strcmp (key, "rows") == 0 && !have_rows)
        {
          if (!read_rows (r, table, sum, &n_rows, error))
            return FALSE;
          have_rows = TRUE;
        }
      else if (strcmp (key, "count") == 0)
        {
          token = next_token (r, error);
          if (token == BFG_JSON_TOKEN_INTEGER)
            declared = bfg_json_pull_get_int (r->pull);
          else if (!skip_value (r, token, error))
            return FALSE;
          have_count = TRUE;
        }
      else if (strcmp (key, "sha256") == 0)
        {
          token = next_token (r, error);
          g_clear_pointer (&sha, g_free);
          if (token == BFG_JSON_TOKEN_STRING)
            sha = g_strdup (bfg_json_pull_get_string (r->pull, NULL));
          else if (!skip_value (r, token, error))
            return FALSE;
        }
      else if (!skip_value (r, next_token (r, error), error))
        return FALSE;
    }
  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;

  if (name == NULL)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("Table %u is %s; expected %s"), t + 1, "unnamed",
                         table->name);
  if (!have_columns)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("%s: the columns are not those of ScenarioStore.v1"),
                         table->name);
  if (!have_rows)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("%s has no rows array"), table->name);

  td->name = table->name;
  td->count = n_rows;
  g_strlcpy (td->sha256, bfg_sha256_get_string (sum), sizeof td->sha256);

  if (!have_count || declared != n_rows)
    return import_error (error, BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
                         _("%s: the count does not match its %u rows"),
                         table->name, (guint) n_rows);
  if (g_strcmp0 (sha, td->sha256) != 0)
    return import_error (error, BFG_SNAPSHOT_ERROR_DIGEST_MISMATCH,
                         _("%s: the sha256 does not match its rows (computed %s)"),
                         table->name, td->sha256);

  return TRUE;
}

/* "tables": one object per table of the schema map, in its order. */
static gboolean
read_tables (Reader            *r,
             BfgSnapshotDigest *digest,
             GError           **error)
{
  guint n_map = bfg_schema_map_get_n_tables ();
  BfgJsonToken token = next_token (r, error);
  guint n_seen = 0;

  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != BFG_JSON_TOKEN_BEGIN_ARRAY)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("The snapshot has no tables array"));

  if (!r->cleared && !clear_tables (r, error))
    return FALSE;

  while ((token = next_token (r, error)) != BFG_JSON_TOKEN_END_ARRAY)
    {
      if (token == BFG_JSON_TOKEN_ERROR)
        return FALSE;

      /* Past the map's tables, only count what else there is. */
      if (n_seen >= n_map)
        {
          if (!skip_value (r, token, error))
            return FALSE;
          n_seen++;
          continue;
        }

      if (token != BFG_JSON_TOKEN_BEGIN_OBJECT)
        return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                             _("Table %u of the snapshot is not a JSON object"),
                             n_seen + 1);
      if (!read_table (r, n_seen, &digest->tables[n_seen], error))
        return FALSE;
      digest->n_tables = ++n_seen;
    }

  if (n_seen != n_map)
    return import_error (error, BFG_SNAPSHOT_ERROR_UNKNOWN_TABLE,
                         _("The snapshot holds %u tables; ScenarioStore.v1 "
                           "has %u"), n_seen, n_map);

  return TRUE;
}

/* The whole document: {"schema", "version", "tables", "checksum", ...}. */
static gboolean
read_document (Reader            *r,
               BfgSnapshotDigest *digest,
               GError           **error)
{
  g_autofree char *checksum = NULL;
  gboolean have_schema = FALSE;
  gboolean have_version = FALSE;
  gboolean have_tables = FALSE;
  BfgJsonToken token;

  memset (digest, 0, sizeof *digest);

  token = next_token (r, error);
  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != BFG_JSON_TOKEN_BEGIN_OBJECT)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("The snapshot is not a JSON object"));

  while ((token = next_token (r, error)) == BFG_JSON_TOKEN_KEY)
    {
      g_autofree char *key = g_strdup (bfg_json_pull_get_string (r->pull, NULL));

      if (strcmp (key, "schema") == 0)
        {
          token = next_token (r, error);
          if (token == BFG_JSON_TOKEN_ERROR)
            return FALSE;
          if (token != BFG_JSON_TOKEN_STRING ||
              strcmp (bfg_json_pull_get_string (r->pull, NULL), BFG_SNAPSHOT_SCHEMA) != 0)
            return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_SCHEMA,
                                 /* Translators: the schema a file names, then
                                  * BFGScenarioSnapshot, an identifier */
                                 _("The schema is %s, not %s"),
                                 token == BFG_JSON_TOKEN_STRING
                                   ? bfg_json_pull_get_string (r->pull, NULL)
                                   : _("missing"),
                                 BFG_SNAPSHOT_SCHEMA);
          have_schema = TRUE;
        }
      else if (strcmp (key, "version") == 0)
        {
          token = next_token (r, error);
          if (token == BFG_JSON_TOKEN_ERROR)
            return FALSE;
          if (token != BFG_JSON_TOKEN_INTEGER ||
              bfg_json_pull_get_int (r->pull) != BFG_SNAPSHOT_VERSION)
            return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_VERSION,
                                 _("The schema version is %s; this console reads "
                                   "version %d only"),
                                 token == BFG_JSON_TOKEN_INTEGER ? "not 1"
                                                                 : "not a number",
                                 BFG_SNAPSHOT_VERSION);
          have_version = TRUE;
        }
      else if (strcmp (key, "tables") == 0 && !have_tables)
        {
          if (!read_tables (r, digest, error))
            return FALSE;
          have_tables = TRUE;
        }
      else if (strcmp (key, "checksum") == 0)
        {
          token = next_token (r, error);
          if (token == BFG_JSON_TOKEN_STRING)
            {
              g_free (checksum);
              checksum = g_strdup (bfg_json_pull_get_string (r->pull, NULL));
            }
          else if (!skip_value (r, token, error))
            return FALSE;
        }
      else if (!skip_value (r, next_token (r, error), error))
        return FALSE;
    }
  if (token == BFG_JSON_TOKEN_ERROR)
    return FALSE;

  /* The end of the text must follow. */
  if (next_token (r, error) != BFG_JSON_TOKEN_END)
    return FALSE;

  if (!have_schema)
    return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_SCHEMA,
                         _("The schema is %s, not %s"), _("missing"),
                         BFG_SNAPSHOT_SCHEMA);
  if (!have_version)
    return import_error (error, BFG_SNAPSHOT_ERROR_WRONG_VERSION,
                         _("The schema version is %s; this console reads "
                           "version %d only"), "missing", BFG_SNAPSHOT_VERSION);
  if (!have_tables)
    return import_error (error, BFG_SNAPSHOT_ERROR_MALFORMED,
                         _("The snapshot has no tables array"));

  bfg_snapshot_digest_finish (digest);
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
 * nothing. The document is read as a stream, in memory that does not grow
 * with it, and checked as it is read: schema name and version, tables and
 * columns, value types, primary keys, references, counts, table digests
 * and the checksum. Rows are written as they are checked, with an audit
 * event, in one transaction; the first problem, named by table, row and
 * field, rolls it back and leaves the workspace as it was.
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
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(BfgJsonPull) pull = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *actor_name = NULL;
  BfgSnapshotDigest digest;
  Reader r = { 0 };
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

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  pull = bfg_json_pull_new (G_INPUT_STREAM (stream));

  r.pull = pull;
  r.db = bfg_workspace_get_db (workspace);
  r.cancellable = cancellable;
  r.first = g_string_new (NULL);
  bfg_row_encoder_init (&r.enc);

  /* One transaction for the rows, the audit event and nothing else;
   * references from console tables to users are checked at commit, so
   * that they survive the replacement of the users. */
  bfg_workspace_lock (workspace);
  ok = exec_sql (r.db, "begin immediate", error);
  if (ok)
    {
      ok = exec_sql (r.db, "pragma defer_foreign_keys = on", error) &&
           read_document (&r, &digest, error);
      if (ok)
        {
          detail = g_strdup_printf ("%s %s, %" G_GINT64_FORMAT " rows",
                                    BFG_SNAPSHOT_ID, digest.short_checksum,
                                    digest.total_rows);
          ok = bfg_audit_append (r.db, actor_id, "snapshot.import", NULL,
                                 detail, error) > 0 &&
               exec_sql (r.db, "commit", error);
        }
      if (!ok)
        sqlite3_exec (r.db, "rollback", NULL, NULL, NULL);
    }
  bfg_workspace_unlock (workspace);

  bfg_row_encoder_clear (&r.enc);
  g_string_free (r.first, TRUE);

  if (ok && out != NULL)
    *out = digest;

  return ok;
}
