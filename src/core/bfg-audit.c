/* bfg-audit.c: the append-only, hash-chained audit trail
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each event stores the previous event's hash; its own hash is the
 * SHA-256 of a canonical serialisation in which every field is length
 * prefixed, so no two different events serialise to the same bytes.
 * Triggers in the schema refuse UPDATE and DELETE on the table; the chain
 * catches whoever goes around them.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-audit.h"
#include "bfg-error.h"

static void
put_field (GChecksum  *checksum,
           const char *value)
{
  char prefix[32];

  /* NULL and "" must not collide: NULL has no length at all. */
  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "-\n", 2);
      return;
    }

  g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":", strlen (value));
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

/**
 * bfg_audit_compute_hash:
 * @seq: the event's position
 * @time: the event's time
 * @actor: the actor id
 * @action: the action
 * @check: (nullable): the check id
 * @detail: (nullable): the detail
 * @prev_hash: the previous event's hash
 *
 * Computes an event's hash: SHA-256 over "BFGAuditEvent.v1\n" followed by
 * each field as "LENGTH:BYTES\n" (a %NULL field is "-\n"), in the order
 * seq (decimal), time, actor, action, check, detail, prev_hash.
 *
 * Returns: (transfer full): the hash as lowercase hex
 */
char *
bfg_audit_compute_hash (gint64      seq,
                        const char *time,
                        const char *actor,
                        const char *action,
                        const char *check,
                        const char *detail,
                        const char *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char seq_text[32];

  g_snprintf (seq_text, sizeof seq_text, "%" G_GINT64_FORMAT, seq);

  g_checksum_update (checksum, (const guchar *) "BFGAuditEvent.v1\n", -1);
  put_field (checksum, seq_text);
  put_field (checksum, time);
  put_field (checksum, actor);
  put_field (checksum, action);
  put_field (checksum, check);
  put_field (checksum, detail);
  put_field (checksum, prev_hash);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
set_sqlite_error (sqlite3  *db,
                  GError  **error)
{
  int code = sqlite3_extended_errcode (db) & 0xff;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_LOCKED,
                 _("The workspace is locked by another program: %s"),
                 sqlite3_errmsg (db));
  else if (code == SQLITE_READONLY)
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_READ_ONLY,
                 _("The workspace is read-only: %s"), sqlite3_errmsg (db));
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_CORRUPT,
                 _("The workspace is damaged: %s"), sqlite3_errmsg (db));
  else
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                 _("The audit trail could not be read or written: %s"),
                 sqlite3_errmsg (db));

  return FALSE;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Millisecond precision keeps events of one second in order when read
   * by a person; the chain itself orders by seq. */
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/**
 * bfg_audit_append:
 * @db: an open workspace connection, inside a write transaction
 * @actor: the acting actor's id
 * @action: what happened
 * @check: (nullable): the check it concerns
 * @detail: (nullable): free text; never a secret
 * @error: return location for a #GError
 *
 * Appends one event to the chain. The caller owns the transaction, so
 * that the change and its event commit together or not at all.
 *
 * Returns: the new event's seq, or 0 on error
 */
gint64
bfg_audit_append (sqlite3     *db,
                  const char  *actor,
                  const char  *action,
                  const char  *check,
                  const char  *detail,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *time = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 1;
  int rc;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (actor != NULL, 0);
  g_return_val_if_fail (action != NULL, 0);

  /* The last event, by primary key: constant cost however long the
   * chain is. */
  if (sqlite3_prepare_v2 (db,
                          "select seq, hash from audit_events "
                          "order by seq desc limit 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (db, error);

  if (prev_hash == NULL)
    prev_hash = g_strdup (BFG_AUDIT_GENESIS_HASH);

  time = now_utc ();
  hash = bfg_audit_compute_hash (seq, time, actor, action, check, detail,
                                 prev_hash);

  if (sqlite3_prepare_v2 (db,
                          "insert into audit_events (seq, time, actor_id, "
                          "action, check_id, detail, prev_hash, hash) "
                          "values (?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, check, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, hash, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error);

  g_debug ("appended audit event %" G_GINT64_FORMAT " (%s)", seq, action);

  return seq;
}

static void
read_event (sqlite3_stmt  *stmt,
            BfgAuditEvent *event)
{
  event->seq = sqlite3_column_int64 (stmt, 0);
  event->time = (char *) sqlite3_column_text (stmt, 1);
  event->actor = (char *) sqlite3_column_text (stmt, 2);
  event->action = (char *) sqlite3_column_text (stmt, 3);
  event->check = (char *) sqlite3_column_text (stmt, 4);
  event->detail = (char *) sqlite3_column_text (stmt, 5);
  event->prev_hash = (char *) sqlite3_column_text (stmt, 6);
  event->hash = (char *) sqlite3_column_text (stmt, 7);
}

/**
 * bfg_audit_foreach:
 * @db: an open workspace connection
 * @after_seq: start after this seq (0 for the first event)
 * @limit: the most events to visit, or -1 for all
 * @func: (scope call): called for each event in seq order
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Streams events in order without loading them all.
 *
 * Returns: %TRUE unless reading failed
 */
gboolean
bfg_audit_foreach (sqlite3       *db,
                   gint64         after_seq,
                   gint64         limit,
                   BfgAuditFunc   func,
                   gpointer       user_data,
                   GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (sqlite3_prepare_v2 (db,
                          "select seq, time, actor_id, action, check_id, "
                          "detail, prev_hash, hash from audit_events "
                          "where seq > ? order by seq limit ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfgAuditEvent event;

      read_event (stmt, &event);
      if (!func (&event, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error);

  return TRUE;
}

typedef struct
{
  gint64   expected_seq;
  char     prev_hash[65];
  GError  *error;
} VerifyState;

static gboolean
verify_event (const BfgAuditEvent *event,
              gpointer             user_data)
{
  VerifyState *state = user_data;
  g_autofree char *hash = NULL;
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, event->seq);

  if (event->seq != state->expected_seq)
    {
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   state->expected_seq);
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                event->seq);

      g_set_error (&state->error, BFG_AUDIT_ERROR,
                   BFG_AUDIT_ERROR_BROKEN_CHAIN,
                   _("Audit event %s is missing: the chain jumps to event %s"),
                   expected, found);
      return FALSE;
    }

  if (event->prev_hash == NULL ||
      !g_str_equal (event->prev_hash, state->prev_hash))
    {
      g_set_error (&state->error, BFG_AUDIT_ERROR,
                   BFG_AUDIT_ERROR_BROKEN_CHAIN,
                   _("Audit event %s does not link to the event before it"),
                   seq);
      return FALSE;
    }

  hash = bfg_audit_compute_hash (event->seq, event->time, event->actor,
                                 event->action, event->check, event->detail,
                                 event->prev_hash);

  if (event->hash == NULL || !g_str_equal (hash, event->hash))
    {
      g_set_error (&state->error, BFG_AUDIT_ERROR,
                   BFG_AUDIT_ERROR_BROKEN_CHAIN,
                   _("Audit event %s was altered: its hash does not match "
                     "its content"), seq);
      return FALSE;
    }

  g_strlcpy (state->prev_hash, hash, sizeof state->prev_hash);
  state->expected_seq++;

  return TRUE;
}

/**
 * bfg_audit_verify:
 * @db: an open workspace connection
 * @n_events: (out) (optional): where to store the number of events checked
 * @error: return location for a #GError
 *
 * Walks the whole chain in order, streaming, and checks every link and
 * every hash. On failure the error is %BFG_AUDIT_ERROR_BROKEN_CHAIN and
 * its message names the first broken event by seq.
 *
 * Returns: %TRUE if the chain is intact
 */
gboolean
bfg_audit_verify (sqlite3  *db,
                  gint64   *n_events,
                  GError  **error)
{
  VerifyState state = { 1, BFG_AUDIT_GENESIS_HASH, NULL };

  g_return_val_if_fail (db != NULL, FALSE);

  if (!bfg_audit_foreach (db, 0, -1, verify_event, &state, error))
    return FALSE;

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }

  if (n_events != NULL)
    *n_events = state.expected_seq - 1;

  return TRUE;
}

/**
 * bfg_audit_count:
 * @db: an open workspace connection
 *
 * Counts events in constant time: the chain has no gaps when it verifies,
 * so the highest seq is the count.
 *
 * Returns: the number of events
 */
gint64
bfg_audit_count (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;

  g_return_val_if_fail (db != NULL, 0);

  if (sqlite3_prepare_v2 (db, "select max(seq) from audit_events", -1, &stmt,
                          NULL) != SQLITE_OK)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/**
 * bfg_audit_dup_last_time:
 * @db: an open workspace connection
 *
 * Returns: (transfer full) (nullable): the time of the last event, or
 *   %NULL when nothing was ever written
 */
char *
bfg_audit_dup_last_time (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *time = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (sqlite3_prepare_v2 (db,
                          "select time from audit_events "
                          "order by seq desc limit 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    time = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return time;
}
