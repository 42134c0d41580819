/* bfg-eval.c: one evaluation of the readiness plan
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An evaluation loads the workspace's facts once, inside one read
 * transaction, and then computes check states, section counts, decisions
 * and values lazily with memoisation. The plan is a DAG (a test checks
 * it), so the recursion ends; a cycle would still be caught and logged.
 *
 * Loading costs a fixed number of indexed queries: nothing here reads a
 * row per audit event or per scenario row.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bfg-audit.h"
#include "bfg-dry-run.h"
#include "bfg-engine-private.h"
#include "bfg-error.h"

typedef enum
{
  MARK_NONE,
  MARK_VISITING,
  MARK_DONE,
} Mark;

typedef struct
{
  const BfgCheckInfo *info;
  BfgCheckFacts       facts;

  Mark                state_mark;
  BfgCheckState       state;
  Mark                value_mark;
  char               *value;
  char               *summary;
  char               *detail;
} CheckEval;

typedef struct
{
  const BfgSectionInfo *info;
  GPtrArray            *checks;   /* CheckEval, borrowed */
  Mark                  mark;
  guint                 ready;
  BfgCheckState         state;
} SectionEval;

typedef struct
{
  const BfgDecisionInfo *info;
  Mark                   mark;
  const char            *code;
} DecisionEval;

struct _BfgEval
{
  BfgWorkspace *workspace;

  CheckEval    *checks;
  guint         n_checks;
  GHashTable   *check_index;      /* id -> CheckEval */
  SectionEval  *sections;
  guint         n_sections;
  GHashTable   *section_index;    /* id -> SectionEval */
  DecisionEval *decisions;
  guint         n_decisions;

  GHashTable   *session;          /* key -> value */
  GHashTable   *scenario_rows;    /* table -> gint64 */
  GPtrArray    *actors;           /* BfgActorRow */
  GPtrArray    *providers;        /* BfgProviderRow */
  GHashTable   *environments;     /* id -> "status\nadapter" */
  gint64        audit_count;
  char         *last_write;

  char         *recommended_title;
  char         *recommended_reason;
  const char   *recommended_check;
  gboolean      recommended_done;
};

static BfgValueProvider value_provider;
static gpointer value_provider_data;

static BfgCheckState check_state (BfgEval *eval, CheckEval *ce);
static SectionEval *section_eval (BfgEval *eval, SectionEval *se);
static const char *decision_code (BfgEval *eval, const char *decision_id);

/**
 * bfg_checksum_fields:
 * @first_field: (nullable): the first field
 * @...: more fields, ending with %NULL
 *
 * Hashes fields length-prefixed, the same way the audit chain does, so
 * that "a" + "bc" and "ab" + "c" never collide.
 *
 * Returns: (transfer full): "sha256:" and the hex digest
 */
char *
bfg_checksum_fields (const char *first_field,
                     ...)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL;
       field = va_arg (args, const char *))
    {
      char prefix[32];

      g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":",
                  strlen (field));
      g_checksum_update (checksum, (const guchar *) prefix, -1);
      g_checksum_update (checksum, (const guchar *) field, -1);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  va_end (args);

  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

static void
actor_row_free (gpointer data)
{
  BfgActorRow *row = data;

  g_free (row->id);
  g_free (row->name);
  g_free (row->desk);
  g_free (row->role);
  g_strfreev (row->permissions);
  g_free (row);
}

static void
provider_row_free (gpointer data)
{
  BfgProviderRow *row = data;

  g_free (row->id);
  g_free (row->title);
  g_free (row->description);
  g_free (row->current_mode);
  g_free (row->target_mode);
  g_free (row);
}

static void
facts_clear (BfgCheckFacts *facts)
{
  g_free (facts->evidence_actor);
  g_free (facts->evidence_kind);
  g_free (facts->evidence_value);
  g_free (facts->evidence_detail);
  g_free (facts->evidence_checksum);
  g_free (facts->evidence_time);
  g_free (facts->accepted_by);
  g_free (facts->bound_value);
  g_free (facts->bound_checksum);
  g_free (facts->accepted_at);
  g_free (facts->acceptance_note);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
load_error (sqlite3  *db,
            GError  **error)
{
  int code = sqlite3_extended_errcode (db) & 0xff;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_LOCKED,
                 _("The workspace is locked by another program: %s"),
                 sqlite3_errmsg (db));
  else
    g_set_error (error, BFG_WORKSPACE_ERROR, BFG_WORKSPACE_ERROR_IO,
                 _("The workspace could not be read: %s"),
                 sqlite3_errmsg (db));

  return FALSE;
}

static gboolean
load_facts (BfgEval  *eval,
            sqlite3  *db,
            GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *perm = NULL;
  sqlite3_stmt *ev = NULL;
  sqlite3_stmt *acc = NULL;
  gboolean ok = FALSE;
  int rc;

  /* Session metadata. A damaged file may hold a NULL key; it names
   * nothing, so it is passed over rather than trusted. */
  if (sqlite3_prepare_v2 (db, "select key, value from session_metadata "
                              "where key is not null",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (eval->session, column_dup (stmt, 0),
                         column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Counters kept by triggers: constant time at any size. */
  if (sqlite3_prepare_v2 (db, "select key, value from scenario_state "
                              "where key is not null",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_str_has_prefix (key, "rows."))
        g_hash_table_insert (eval->scenario_rows,
                             g_strdup (key + strlen ("rows.")),
                             g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) },
                                        sizeof (gint64)));
    }
  if (rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Actors and their claims, in the order the workspace lists them. A
   * damaged file can hold NULL ids; such rows name nothing and are
   * passed over here, as in the queries above and below. */
  if (sqlite3_prepare_v2 (db,
                          "select user_id, display_name, desk, role_key "
                          "from users where user_id is not null order by rowid",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "select permission from user_permissions "
                          "where user_id = ? and permission is not null "
                          "order by rowid",
                          -1, &perm, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfgActorRow *row = g_new0 (BfgActorRow, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      row->id = column_dup (stmt, 0);
      row->name = column_dup (stmt, 1);
      row->desk = column_dup (stmt, 2);
      row->role = column_dup (stmt, 3);

      /* A damaged file's empty BLOB reads as a NULL text: added, it
       * would end the list early and leak what follows. */
      sqlite3_bind_text (perm, 1, row->id, -1, SQLITE_STATIC);
      while (sqlite3_step (perm) == SQLITE_ROW)
        {
          const char *permission = (const char *) sqlite3_column_text (perm, 0);

          if (permission != NULL)
            g_strv_builder_add (builder, permission);
        }
      sqlite3_reset (perm);
      row->permissions = g_strv_builder_end (builder);

      g_ptr_array_add (eval->actors, row);
    }
  if (rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Provider contracts and environments. */
  if (sqlite3_prepare_v2 (db,
                          "select provider_id, title, description, "
                          "current_mode, target_mode from provider_contracts "
                          "where provider_id is not null order by position",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfgProviderRow *row = g_new0 (BfgProviderRow, 1);

      row->id = column_dup (stmt, 0);
      row->title = column_dup (stmt, 1);
      row->description = column_dup (stmt, 2);
      row->current_mode = column_dup (stmt, 3);
      row->target_mode = column_dup (stmt, 4);
      g_ptr_array_add (eval->providers, row);
    }
  if (rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db,
                          "select environment_id, status, adapter "
                          "from environments where environment_id is not null",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (eval->environments, column_dup (stmt, 0),
                         g_strdup_printf ("%s\n%s",
                                          sqlite3_column_text (stmt, 1),
                                          sqlite3_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Per check: the latest evidence and the active acceptance, both by
   * index, so the cost follows the number of checks only. */
  if (sqlite3_prepare_v2 (db,
                          "select evidence_id, actor_id, kind, passed, value, "
                          "detail, checksum, recorded_at from evidence "
                          "where check_id = ? "
                          "order by evidence_id desc limit 1",
                          -1, &ev, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db,
                          "select acceptance_id, actor_id, bound_value, "
                          "bound_checksum, accepted_at, note "
                          "from acceptances "
                          "where check_id = ? and revoked_at is null",
                          -1, &acc, NULL) != SQLITE_OK)
    goto out;

  for (guint i = 0; i < eval->n_checks; i++)
    {
      CheckEval *ce = &eval->checks[i];
      BfgCheckFacts *f = &ce->facts;

      sqlite3_bind_text (ev, 1, ce->info->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (ev);
      if (rc == SQLITE_ROW)
        {
          f->evidence_id = sqlite3_column_int64 (ev, 0);
          f->evidence_actor = column_dup (ev, 1);
          f->evidence_kind = column_dup (ev, 2);
          f->evidence_passed = sqlite3_column_int (ev, 3) != 0;
          f->evidence_value = column_dup (ev, 4);
          f->evidence_detail = column_dup (ev, 5);
          f->evidence_checksum = column_dup (ev, 6);
          f->evidence_time = column_dup (ev, 7);
        }
      else if (rc != SQLITE_DONE)
        goto out;
      sqlite3_reset (ev);

      sqlite3_bind_text (acc, 1, ce->info->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (acc);
      if (rc == SQLITE_ROW)
        {
          f->acceptance_id = sqlite3_column_int64 (acc, 0);
          f->accepted_by = column_dup (acc, 1);
          f->bound_value = column_dup (acc, 2);
          f->bound_checksum = column_dup (acc, 3);
          f->accepted_at = column_dup (acc, 4);
          f->acceptance_note = column_dup (acc, 5);
        }
      else if (rc != SQLITE_DONE)
        goto out;
      sqlite3_reset (acc);
    }

  eval->audit_count = bfg_audit_count (db);
  eval->last_write = bfg_audit_dup_last_time (db);
  ok = TRUE;

out:
  if (!ok)
    load_error (db, error);

  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&perm, sqlite3_finalize);
  g_clear_pointer (&ev, sqlite3_finalize);
  g_clear_pointer (&acc, sqlite3_finalize);

  return ok;
}

/**
 * bfg_eval_new:
 * @workspace: a workspace
 * @error: return location for a #GError
 *
 * Loads the workspace's facts in one read transaction (or inside the
 * caller's transaction, if one is open) and prepares an evaluation.
 *
 * Returns: (transfer full): the evaluation, or %NULL on error
 */
BfgEval *
bfg_eval_new (BfgWorkspace  *workspace,
              GError       **error)
{
  g_autoptr(BfgEval) eval = NULL;
  const BfgCheckInfo *checks;
  const BfgSectionInfo *sections;
  const BfgDecisionInfo *decisions;
  sqlite3 *db;
  gboolean own_txn;
  gboolean ok;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);

  eval = g_new0 (BfgEval, 1);
  eval->workspace = g_object_ref (workspace);

  checks = bfg_plan_get_checks (&eval->n_checks);
  sections = bfg_plan_get_sections (&eval->n_sections);
  decisions = bfg_plan_get_decisions (&eval->n_decisions);

  eval->checks = g_new0 (CheckEval, eval->n_checks);
  eval->sections = g_new0 (SectionEval, eval->n_sections);
  eval->decisions = g_new0 (DecisionEval, eval->n_decisions);
  eval->check_index = g_hash_table_new (g_str_hash, g_str_equal);
  eval->section_index = g_hash_table_new (g_str_hash, g_str_equal);
  eval->session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         g_free);
  eval->scenario_rows = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, g_free);
  eval->environments = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, g_free);
  eval->actors = g_ptr_array_new_with_free_func (actor_row_free);
  eval->providers = g_ptr_array_new_with_free_func (provider_row_free);

  for (guint i = 0; i < eval->n_sections; i++)
    {
      eval->sections[i].info = &sections[i];
      eval->sections[i].checks = g_ptr_array_new ();
      g_hash_table_insert (eval->section_index, (gpointer) sections[i].id,
                           &eval->sections[i]);
    }

  for (guint i = 0; i < eval->n_checks; i++)
    {
      SectionEval *se;

      eval->checks[i].info = &checks[i];
      g_hash_table_insert (eval->check_index, (gpointer) checks[i].id,
                           &eval->checks[i]);
      se = g_hash_table_lookup (eval->section_index, checks[i].section);
      g_assert (se != NULL);
      g_ptr_array_add (se->checks, &eval->checks[i]);
    }

  for (guint i = 0; i < eval->n_decisions; i++)
    eval->decisions[i].info = &decisions[i];

  /* One read transaction gives one consistent view; inside a write
   * transaction of the caller, that transaction is the view. */
  bfg_workspace_lock (workspace);
  db = bfg_workspace_get_db (workspace);
  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "begin", NULL, NULL, NULL) != SQLITE_OK)
    {
      load_error (db, error);
      bfg_workspace_unlock (workspace);
      return NULL;
    }

  ok = load_facts (eval, db, error);

  if (own_txn)
    sqlite3_exec (db, "commit", NULL, NULL, NULL);
  bfg_workspace_unlock (workspace);

  if (!ok)
    return NULL;

  return g_steal_pointer (&eval);
}

/**
 * bfg_eval_free:
 * @eval: an evaluation
 *
 * Frees @eval.
 */
void
bfg_eval_free (BfgEval *eval)
{
  if (eval == NULL)
    return;

  for (guint i = 0; eval->checks != NULL && i < eval->n_checks; i++)
    {
      facts_clear (&eval->checks[i].facts);
      g_free (eval->checks[i].value);
      g_free (eval->checks[i].summary);
      g_free (eval->checks[i].detail);
    }
  for (guint i = 0; eval->sections != NULL && i < eval->n_sections; i++)
    g_clear_pointer (&eval->sections[i].checks, g_ptr_array_unref);

  g_free (eval->checks);
  g_free (eval->sections);
  g_free (eval->decisions);
  g_clear_pointer (&eval->check_index, g_hash_table_unref);
  g_clear_pointer (&eval->section_index, g_hash_table_unref);
  g_clear_pointer (&eval->session, g_hash_table_unref);
  g_clear_pointer (&eval->scenario_rows, g_hash_table_unref);
  g_clear_pointer (&eval->environments, g_hash_table_unref);
  g_clear_pointer (&eval->actors, g_ptr_array_unref);
  g_clear_pointer (&eval->providers, g_ptr_array_unref);
  g_free (eval->last_write);
  g_free (eval->recommended_title);
  g_free (eval->recommended_reason);
  g_clear_object (&eval->workspace);
  g_free (eval);
}

static CheckEval *
lookup_check (BfgEval    *eval,
              const char *check_id)
{
  return g_hash_table_lookup (eval->check_index, check_id);
}

static SectionEval *
lookup_section (BfgEval    *eval,
                const char *section_id)
{
  return g_hash_table_lookup (eval->section_index, section_id);
}

static const char *
session_value (BfgEval    *eval,
               const char *key)
{
  const char *value = g_hash_table_lookup (eval->session, key);

  return (value != NULL && *value != '\0') ? value : NULL;
}

static gint64
rows_of (BfgEval    *eval,
         const char *table)
{
  gint64 *rows;

  if (g_str_equal (table, "audit_events"))
    return eval->audit_count;

  rows = g_hash_table_lookup (eval->scenario_rows, table);
  return rows != NULL ? *rows : 0;
}

static const BfgProviderRow *
lookup_provider (BfgEval    *eval,
                 const char *provider_id)
{
  for (guint i = 0; i < eval->providers->len; i++)
    {
      const BfgProviderRow *row = g_ptr_array_index (eval->providers, i);

      if (g_str_equal (row->id, provider_id))
        return row;
    }

  return NULL;
}

/* A reference is a check id or "section:ID". */
static BfgCheckState
reference_state (BfgEval    *eval,
                 const char *ref)
{
  if (g_str_has_prefix (ref, "section:"))
    {
      SectionEval *se = lookup_section (eval, ref + strlen ("section:"));

      g_return_val_if_fail (se != NULL, BFG_CHECK_STATE_BLOCKED);
      return section_eval (eval, se)->state;
    }
  else
    {
      CheckEval *ce = lookup_check (eval, ref);

      g_return_val_if_fail (ce != NULL, BFG_CHECK_STATE_BLOCKED);
      return check_state (eval, ce);
    }
}

static gboolean
all_ready (BfgEval            *eval,
           const char * const *refs)
{
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    if (reference_state (eval, refs[i]) != BFG_CHECK_STATE_READY)
      return FALSE;

  return TRUE;
}

static const char *
first_not_ready (BfgEval            *eval,
                 const char * const *refs)
{
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    if (reference_state (eval, refs[i]) != BFG_CHECK_STATE_READY)
      return refs[i];

  return NULL;
}

static gboolean
fact_holds (BfgEval    *eval,
            const char *fact)
{
  if (g_str_has_prefix (fact, "providers:"))
    {
      const BfgProviderRow *row =
        lookup_provider (eval, fact + strlen ("providers:"));

      return row != NULL && *row->current_mode != '\0' &&
             *row->target_mode != '\0';
    }

  if (g_str_equal (fact, "session"))
    return session_value (eval, "session") != NULL &&
           session_value (eval, "storage") != NULL &&
           session_value (eval, "auth") != NULL &&
           session_value (eval, "tenant") != NULL &&
           session_value (eval, "adapter-contract") != NULL;

  if (g_str_equal (fact, "actors"))
    {
      for (guint i = 0; i < eval->actors->len; i++)
        {
          BfgActorRow *row = g_ptr_array_index (eval->actors, i);

          if (row->permissions[0] != NULL)
            return TRUE;
        }
      return FALSE;
    }

  if (g_str_equal (fact, "env-vars"))
    return session_value (eval, "release-environment") != NULL &&
           session_value (eval, "target") != NULL &&
           session_value (eval, "adapter-contract") != NULL &&
           session_value (eval, "storage") != NULL &&
           session_value (eval, "auth") != NULL &&
           session_value (eval, "tenant") != NULL &&
           session_value (eval, "rollback-owner") != NULL;

  if (g_str_equal (fact, "storage-fallback"))
    return g_strcmp0 (session_value (eval, "storage"), "file-local") == 0;

  if (g_str_equal (fact, "target"))
    return session_value (eval, "target") != NULL;

  if (g_str_has_prefix (fact, "environment:"))
    {
      const char *env = g_hash_table_lookup (eval->environments,
                                             fact + strlen ("environment:"));

      return env != NULL && g_str_has_prefix (env, "active\n");
    }

  g_critical ("Unknown fact %s in the plan", fact);
  return FALSE;
}

static gboolean
needs_evidence (BfgCheckKind kind)
{
  return kind == BFG_CHECK_KIND_RECORDED || kind == BFG_CHECK_KIND_CHOICE ||
         kind == BFG_CHECK_KIND_PROBE || kind == BFG_CHECK_KIND_DRYRUN;
}

static const char *
nonnull (const char *value)
{
  return value != NULL ? value : "";
}

static char *
rollback_packet_digest (BfgEval *eval)
{
  g_autofree char *block = NULL;
  g_autofree char *digest = NULL;

  /* The rollback env block, as the packet shows it. The packets module
   * replaces this with the digest of the whole packet. */
  block = g_strdup_printf ("BFG_ROLLBACK_DECISION=%s\n"
                           "BFG_ROLLBACK_OWNER=%s\n"
                           "BFG_ROLLBACK_STORAGE=%s\n"
                           "BFG_ROLLBACK_AUTH=%s\n"
                           "BFG_ROLLBACK_EVIDENCE=ProductionReleaseHandoff.v1\n"
                           "BFG_ROLLBACK_PACKET=ProductionRollbackDrill.v1\n",
                           nonnull (decision_code (eval, "rollback")),
                           nonnull (session_value (eval, "rollback-owner")),
                           nonnull (session_value (eval, "storage")),
                           nonnull (session_value (eval, "auth")));
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, block, -1);

  return g_strdup_printf ("bfg-%.8s", digest);
}

static char *
compute_value (BfgEval   *eval,
               CheckEval *ce)
{
  const char *spec = ce->info->value;

  switch (ce->info->kind)
    {
    case BFG_CHECK_KIND_CHOICE:
    case BFG_CHECK_KIND_PROBE:
    case BFG_CHECK_KIND_DRYRUN:
    case BFG_CHECK_KIND_DRYRUN_BATCH:
    case BFG_CHECK_KIND_RECORDED:
      return g_strdup (ce->facts.evidence_value);

    case BFG_CHECK_KIND_ACCEPT_VALUE:
    case BFG_CHECK_KIND_ACCEPT_PACKET:
    case BFG_CHECK_KIND_FACT:
    case BFG_CHECK_KIND_DERIVED:
    default:
      break;
    }

  if (spec == NULL)
    return NULL;

  if (g_str_has_prefix (spec, "session:"))
    return g_strdup (session_value (eval, spec + strlen ("session:")));

  if (g_str_has_prefix (spec, "provider-target:"))
    {
      const BfgProviderRow *row =
        lookup_provider (eval, spec + strlen ("provider-target:"));

      return row != NULL ? g_strdup (row->target_mode) : NULL;
    }

  if (g_str_has_prefix (spec, "providers:"))
    {
      const BfgProviderRow *row =
        lookup_provider (eval, spec + strlen ("providers:"));

      return row != NULL ? g_strdup (row->target_mode) : NULL;
    }

  if (g_str_has_prefix (spec, "decision:"))
    return g_strdup (decision_code (eval, spec + strlen ("decision:")));

  if (g_str_has_prefix (spec, "packet:"))
    {
      const char *name = spec + strlen ("packet:");
      char *value = NULL;

      if (value_provider != NULL)
        value = value_provider (eval->workspace, eval, name,
                                value_provider_data);
      if (value == NULL && g_str_equal (name, "ProductionRollbackDrill.v1"))
        value = rollback_packet_digest (eval);

      return value;
    }

  if (g_str_equal (spec, "target"))
    return g_strdup (session_value (eval, "target"));

  if (g_str_equal (spec, "storage-fallback"))
    return g_strdup (session_value (eval, "storage"));

  if (g_str_equal (spec, "session"))
    return g_strdup (session_value (eval, "tenant"));

  if (g_str_has_prefix (spec, "environment:"))
    {
      const char *env = g_hash_table_lookup (eval->environments,
                                             spec + strlen ("environment:"));
      const char *newline = env != NULL ? strchr (env, '\n') : NULL;

      return newline != NULL ? g_strdup (newline + 1) : NULL;
    }

  return NULL;
}

static const char *
check_value (BfgEval   *eval,
             CheckEval *ce)
{
  if (ce->value_mark == MARK_DONE)
    return ce->value;

  if (ce->value_mark == MARK_VISITING)
    {
      g_critical ("The value of %s depends on itself", ce->info->id);
      return NULL;
    }

  ce->value_mark = MARK_VISITING;
  ce->value = compute_value (eval, ce);
  ce->value_mark = MARK_DONE;

  return ce->value;
}

/* The checksum an acceptance would bind now, with the value it binds. */
static char *
current_binding (BfgEval    *eval,
                 CheckEval  *ce,
                 char      **value)
{
  if (value != NULL)
    *value = NULL;

  switch (ce->info->kind)
    {
    case BFG_CHECK_KIND_ACCEPT_VALUE:
    case BFG_CHECK_KIND_ACCEPT_PACKET:
      {
        const char *current = check_value (eval, ce);

        if (current == NULL)
          return NULL;
        if (value != NULL)
          *value = g_strdup (current);
        return bfg_checksum_fields ("value", current, NULL);
      }

    case BFG_CHECK_KIND_RECORDED:
    case BFG_CHECK_KIND_CHOICE:
    case BFG_CHECK_KIND_PROBE:
    case BFG_CHECK_KIND_DRYRUN:
      if (ce->facts.evidence_id == 0)
        return NULL;
      if (value != NULL)
        *value = g_strdup (ce->facts.evidence_value);
      return g_strdup (ce->facts.evidence_checksum);

    case BFG_CHECK_KIND_DRYRUN_BATCH:
    case BFG_CHECK_KIND_DERIVED:
    case BFG_CHECK_KIND_FACT:
    default:
      return NULL;
    }
}

static BfgCheckState
compute_state (BfgEval   *eval,
               CheckEval *ce)
{
  const BfgCheckInfo *info = ce->info;
  const BfgCheckFacts *f = &ce->facts;

  if (info->kind == BFG_CHECK_KIND_FACT)
    return fact_holds (eval, info->value) ? BFG_CHECK_STATE_READY
                                          : BFG_CHECK_STATE_NEXT;

  if (info->kind == BFG_CHECK_KIND_DERIVED)
    {
      gboolean any_stale = FALSE;
      gboolean any_open = FALSE;
      gboolean all = TRUE;

      for (guint i = 0; info->inputs != NULL && info->inputs[i]; i++)
        {
          BfgCheckState state = reference_state (eval, info->inputs[i]);

          all &= state == BFG_CHECK_STATE_READY;
          any_stale |= state == BFG_CHECK_STATE_STALE;
          any_open |= state == BFG_CHECK_STATE_NEXT ||
                      state == BFG_CHECK_STATE_REVIEW;
        }

      if (all)
        return BFG_CHECK_STATE_READY;
      if (any_stale)
        return BFG_CHECK_STATE_STALE;
      if (any_open)
        return BFG_CHECK_STATE_NEXT;
      return BFG_CHECK_STATE_BLOCKED;
    }

  if (!all_ready (eval, info->requires))
    return BFG_CHECK_STATE_BLOCKED;

  if (info->kind == BFG_CHECK_KIND_DRYRUN_BATCH)
    return (f->evidence_id != 0 && f->evidence_passed)
             ? BFG_CHECK_STATE_READY : BFG_CHECK_STATE_NEXT;

  if (f->acceptance_id != 0)
    {
      g_autofree char *current = current_binding (eval, ce, NULL);

      return g_strcmp0 (current, f->bound_checksum) == 0
               ? BFG_CHECK_STATE_READY : BFG_CHECK_STATE_STALE;
    }

  if (needs_evidence (info->kind) && f->evidence_id != 0 &&
      f->evidence_passed)
    return BFG_CHECK_STATE_REVIEW;

  return BFG_CHECK_STATE_NEXT;
}

static BfgCheckState
check_state (BfgEval   *eval,
             CheckEval *ce)
{
  if (ce->state_mark == MARK_DONE)
    return ce->state;

  if (ce->state_mark == MARK_VISITING)
    {
      g_critical ("The plan has a cycle through %s", ce->info->id);
      return BFG_CHECK_STATE_BLOCKED;
    }

  ce->state_mark = MARK_VISITING;
  ce->state = compute_state (eval, ce);
  ce->state_mark = MARK_DONE;

  return ce->state;
}

static SectionEval *
section_eval (BfgEval     *eval,
              SectionEval *se)
{
  gboolean any_stale = FALSE;
  gboolean any_next = FALSE;
  gboolean any_review = FALSE;

  if (se->mark == MARK_DONE)
    return se;

  if (se->mark == MARK_VISITING)
    {
      g_critical ("The plan has a cycle through section %s", se->info->id);
      return se;
    }

  se->mark = MARK_VISITING;
  se->ready = 0;

  for (guint i = 0; i < se->checks->len; i++)
    {
      BfgCheckState state = check_state (eval, g_ptr_array_index (se->checks, i));

      se->ready += state == BFG_CHECK_STATE_READY;
      any_stale |= state == BFG_CHECK_STATE_STALE;
      any_next |= state == BFG_CHECK_STATE_NEXT;
      any_review |= state == BFG_CHECK_STATE_REVIEW;
    }

  if (se->ready == se->checks->len)
    se->state = BFG_CHECK_STATE_READY;
  else if (any_stale)
    se->state = BFG_CHECK_STATE_STALE;
  else if (any_next)
    se->state = BFG_CHECK_STATE_NEXT;
  else if (any_review)
    se->state = BFG_CHECK_STATE_REVIEW;
  else
    se->state = BFG_CHECK_STATE_BLOCKED;

  se->mark = MARK_DONE;

  return se;
}

static const char *
decision_code (BfgEval    *eval,
               const char *decision_id)
{
  DecisionEval *de = NULL;

  for (guint i = 0; i < eval->n_decisions; i++)
    if (g_str_equal (eval->decisions[i].info->id, decision_id))
      de = &eval->decisions[i];

  g_return_val_if_fail (de != NULL, NULL);

  if (de->mark == MARK_DONE)
    return de->code;

  if (de->mark == MARK_VISITING)
    {
      g_critical ("The decision %s depends on itself", decision_id);
      return NULL;
    }

  de->mark = MARK_VISITING;
  de->code = de->info->go_code;
  for (guint i = 0; de->info->rules[i].code != NULL; i++)
    if (!all_ready (eval, de->info->rules[i].needs))
      {
        de->code = de->info->rules[i].code;
        break;
      }
  de->mark = MARK_DONE;

  return de->code;
}

/**
 * bfg_eval_get_check_state:
 * @eval: an evaluation
 * @check_id: a check id
 *
 * Returns: the check's state
 */
BfgCheckState
bfg_eval_get_check_state (BfgEval    *eval,
                          const char *check_id)
{
  CheckEval *ce;

  g_return_val_if_fail (eval != NULL, BFG_CHECK_STATE_BLOCKED);
  g_return_val_if_fail (check_id != NULL, BFG_CHECK_STATE_BLOCKED);

  ce = lookup_check (eval, check_id);
  g_return_val_if_fail (ce != NULL, BFG_CHECK_STATE_BLOCKED);

  return check_state (eval, ce);
}

/**
 * bfg_eval_get_check_value:
 * @eval: an evaluation
 * @check_id: a check id
 *
 * The value a check shows: the computed value an ACCEPT_VALUE or
 * ACCEPT_PACKET check binds, the chosen value of a CHOICE check, the
 * recorded value of a step, the note of a RECORDED check.
 *
 * Returns: (nullable): the value
 */
const char *
bfg_eval_get_check_value (BfgEval    *eval,
                          const char *check_id)
{
  CheckEval *ce;

  g_return_val_if_fail (eval != NULL, NULL);
  g_return_val_if_fail (check_id != NULL, NULL);

  ce = lookup_check (eval, check_id);
  g_return_val_if_fail (ce != NULL, NULL);

  return check_value (eval, ce);
}

/**
 * bfg_eval_get_decision:
 * @eval: an evaluation
 * @decision_id: a decision id, such as "release"
 *
 * Returns: the decision's code, such as "BLOCKED_PENDING_DRY_RUN"
 */
const char *
bfg_eval_get_decision (BfgEval    *eval,
                       const char *decision_id)
{
  g_return_val_if_fail (eval != NULL, NULL);
  g_return_val_if_fail (decision_id != NULL, NULL);

  return decision_code (eval, decision_id);
}

/**
 * bfg_eval_get_section_counts:
 * @eval: an evaluation
 * @section_id: a section id
 * @ready: (out) (optional): ready checks
 * @total: (out) (optional): all checks
 *
 * Gives a section's ready/total.
 */
void
bfg_eval_get_section_counts (BfgEval    *eval,
                             const char *section_id,
                             guint      *ready,
                             guint      *total)
{
  SectionEval *se;

  g_return_if_fail (eval != NULL);
  g_return_if_fail (section_id != NULL);

  se = lookup_section (eval, section_id);
  g_return_if_fail (se != NULL);

  section_eval (eval, se);
  if (ready != NULL)
    *ready = se->ready;
  if (total != NULL)
    *total = se->checks->len;
}

/**
 * bfg_eval_get_section_state:
 * @eval: an evaluation
 * @section_id: a section id
 *
 * Returns: the section's state
 */
BfgCheckState
bfg_eval_get_section_state (BfgEval    *eval,
                            const char *section_id)
{
  SectionEval *se;

  g_return_val_if_fail (eval != NULL, BFG_CHECK_STATE_BLOCKED);
  g_return_val_if_fail (section_id != NULL, BFG_CHECK_STATE_BLOCKED);

  se = lookup_section (eval, section_id);
  g_return_val_if_fail (se != NULL, BFG_CHECK_STATE_BLOCKED);

  return section_eval (eval, se)->state;
}

/**
 * bfg_eval_get_session_value:
 * @eval: an evaluation
 * @key: a session metadata key, such as "storage"
 *
 * Returns: (nullable): the value
 */
const char *
bfg_eval_get_session_value (BfgEval    *eval,
                            const char *key)
{
  g_return_val_if_fail (eval != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return session_value (eval, key);
}

const BfgCheckFacts *
bfg_eval_get_facts (BfgEval    *eval,
                    const char *check_id)
{
  CheckEval *ce = lookup_check (eval, check_id);

  return ce != NULL ? &ce->facts : NULL;
}

char *
bfg_eval_dup_binding (BfgEval     *eval,
                      const char  *check_id,
                      char       **value)
{
  CheckEval *ce = lookup_check (eval, check_id);

  g_return_val_if_fail (ce != NULL, NULL);

  return current_binding (eval, ce, value);
}

const char *
bfg_eval_get_actor_name (BfgEval    *eval,
                         const char *actor_id)
{
  if (actor_id == NULL)
    return NULL;

  for (guint i = 0; i < eval->actors->len; i++)
    {
      BfgActorRow *row = g_ptr_array_index (eval->actors, i);

      if (g_str_equal (row->id, actor_id))
        return row->name;
    }

  return NULL;
}

static const BfgActorRow *
lookup_actor (BfgEval    *eval,
              const char *actor_id)
{
  for (guint i = 0; i < eval->actors->len; i++)
    {
      BfgActorRow *row = g_ptr_array_index (eval->actors, i);

      if (g_str_equal (row->id, actor_id))
        return row;
    }

  return NULL;
}

static const char *
check_title (const char *check_id)
{
  const BfgCheckInfo *info = bfg_plan_lookup_check (check_id);

  return info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->title) : check_id;
}

static const char *
reference_title (const char *ref)
{
  if (g_str_has_prefix (ref, "section:"))
    {
      const BfgSectionInfo *info =
        bfg_plan_lookup_section (ref + strlen ("section:"));

      return info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->title) : ref;
    }

  return check_title (ref);
}

static gboolean
kind_allows (BfgCheckKind kind,
             BfgAction    action)
{
  switch (action)
    {
    case BFG_ACTION_RECORD:
      return kind == BFG_CHECK_KIND_RECORDED;
    case BFG_ACTION_CHOOSE:
      return kind == BFG_CHECK_KIND_CHOICE;
    case BFG_ACTION_RECORD_STEP:
      return kind == BFG_CHECK_KIND_PROBE || kind == BFG_CHECK_KIND_DRYRUN ||
             kind == BFG_CHECK_KIND_DRYRUN_BATCH;
    case BFG_ACTION_ACCEPT:
    case BFG_ACTION_REVOKE:
      return kind == BFG_CHECK_KIND_RECORDED ||
             kind == BFG_CHECK_KIND_CHOICE ||
             kind == BFG_CHECK_KIND_ACCEPT_VALUE ||
             kind == BFG_CHECK_KIND_ACCEPT_PACKET ||
             kind == BFG_CHECK_KIND_PROBE || kind == BFG_CHECK_KIND_DRYRUN;
    default:
      return FALSE;
    }
}

/**
 * bfg_eval_check_action:
 * @eval: an evaluation
 * @actor_id: the acting actor
 * @check_id: the check
 * @action: the transition asked for
 * @error: return location for a #GError
 *
 * The one guard of every transition: the workspace calls it inside the
 * write transaction, the UI through bfg_engine_can_act().
 *
 * Returns: %TRUE if @actor_id may do @action on @check_id now
 */
gboolean
bfg_eval_check_action (BfgEval     *eval,
                       const char  *actor_id,
                       const char  *check_id,
                       BfgAction    action,
                       GError     **error)
{
  CheckEval *ce = lookup_check (eval, check_id);
  const BfgActorRow *actor;
  const char *permission;
  const char *blocker;
  BfgCheckState state;

  if (ce == NULL)
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_UNKNOWN,
                   _("There is no check %s"), check_id);
      return FALSE;
    }

  actor = lookup_actor (eval, actor_id);
  if (actor == NULL)
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR,
                   _("There is no actor %s in this workspace"), actor_id);
      return FALSE;
    }

  if (!kind_allows (ce->info->kind, action))
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_WRONG_KIND,
                   _("“%s” is a %s check; it does not take that action"),
                   check_title (check_id),
                   bfg_check_kind_to_string (ce->info->kind));
      return FALSE;
    }

  permission = (action == BFG_ACTION_ACCEPT || action == BFG_ACTION_REVOKE)
                 ? ce->info->permission : "evidence.record";
  if (permission == NULL ||
      !g_strv_contains ((const char * const *) actor->permissions,
                        permission))
    {
      g_set_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED,
                   _("%s lacks %s"), actor->name,
                   permission != NULL ? permission : "-");
      return FALSE;
    }

  state = check_state (eval, ce);

  if (action == BFG_ACTION_REVOKE)
    {
      if (ce->facts.acceptance_id == 0)
        {
          g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NOT_ACCEPTED,
                       _("“%s” has no acceptance to revoke"),
                       check_title (check_id));
          return FALSE;
        }
      return TRUE;
    }

  blocker = first_not_ready (eval, ce->info->requires);
  if (blocker != NULL)
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_BLOCKED,
                   _("“%s” is blocked by “%s” (%s)"), check_title (check_id),
                   reference_title (blocker), blocker);
      return FALSE;
    }

  if (action != BFG_ACTION_ACCEPT)
    return TRUE;

  if (state == BFG_CHECK_STATE_READY)
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_ALREADY_ACCEPTED,
                   _("“%s” is already accepted"), check_title (check_id));
      return FALSE;
    }

  if (needs_evidence (ce->info->kind))
    {
      if (ce->facts.evidence_id == 0)
        {
          g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NO_EVIDENCE,
                       _("“%s” has no evidence to accept yet"),
                       check_title (check_id));
          return FALSE;
        }

      if (!ce->facts.evidence_passed)
        {
          g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NO_EVIDENCE,
                       _("The latest evidence of “%s” failed; it cannot be "
                         "accepted"), check_title (check_id));
          return FALSE;
        }

      if (g_strcmp0 (ce->facts.evidence_actor, actor_id) == 0)
        {
          g_set_error (error, BFG_RBAC_ERROR,
                       BFG_RBAC_ERROR_SEPARATION_OF_DUTIES,
                       _("%s recorded the evidence of “%s” and cannot also "
                         "accept it"), actor->name, check_title (check_id));
          return FALSE;
        }
    }
  else if (check_value (eval, ce) == NULL)
    {
      g_set_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NO_EVIDENCE,
                   _("“%s” has no value to accept"), check_title (check_id));
      return FALSE;
    }

  return TRUE;
}

static char *
counts_text (BfgEval    *eval,
             const char *section_id)
{
  guint ready = 0;
  guint total = 0;

  bfg_eval_get_section_counts (eval, section_id, &ready, &total);

  return g_strdup_printf ("%u/%u", ready, total);
}

static char *
sections_summary (BfgEval            *eval,
                  const char * const *refs)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    if (g_str_has_prefix (refs[i], "section:"))
      g_ptr_array_add (parts, counts_text (eval,
                                           refs[i] + strlen ("section:")));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" + ", (char **) parts->pdata);
}

static char *
inputs_summary (BfgEval            *eval,
                const char * const *refs)
{
  guint ready = 0;
  guint total = 0;

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      if (g_str_has_prefix (refs[i], "section:"))
        {
          guint r = 0;
          guint t = 0;

          bfg_eval_get_section_counts (eval, refs[i] + strlen ("section:"),
                                       &r, &t);
          ready += r;
          total += t;
        }
      else
        {
          ready += reference_state (eval, refs[i]) == BFG_CHECK_STATE_READY;
          total++;
        }
    }

  return g_strdup_printf (_("%u/%u checks accepted"), ready, total);
}

static char *
rows_summary (BfgEval    *eval,
              const char *tables)
{
  g_auto(GStrv) names = NULL;
  gint64 rows = 0;
  char number[64];  /* room for multibyte digit separators */

  if (tables == NULL)
    {
      const char *all[] = { "tenants", "users", "user_permissions", "orders",
                            "driver_events", "finance_events", "documents" };

      for (guint i = 0; i < G_N_ELEMENTS (all); i++)
        rows += rows_of (eval, all[i]);
    }
  else
    {
      names = g_strsplit (tables, ",", -1);
      for (guint i = 0; names[i] != NULL; i++)
        rows += rows_of (eval, names[i]);
    }

  /* Grouped as the locale groups digits ("20.025" in Spanish): this is a
   * summary people read, never a value an acceptance binds. */
  g_snprintf (number, sizeof number, "%'" G_GINT64_FORMAT, rows);

  /* Translators: %s is a number of rows */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                       (gulong) MAX (rows, 0)),
                          number);
}

/* A dry-run records each step as its transcript object; a probe records
 * plain text. Returns the object's parser, or %NULL for plain text. */
static JsonParser *
step_object_parse (const char *detail)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (detail == NULL || detail[0] != '{')
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, detail, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_steal_pointer (&parser);
}

/* What the step found, in its own sentence; @parser holds @detail parsed
 * by step_object_parse(), so that a caller parses it once. */
static char *
step_sentence (const char *detail,
               JsonParser *parser)
{
  JsonObject *object;

  if (parser == NULL)
    return g_strdup (detail != NULL ? detail : "");

  object = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member_with_default (object, "detail", detail));
}

/* The words a row shows for step evidence: a dry-run step that passed
 * shows its rows and time, as the Dry-run page does, and any other step
 * its sentence. The sentence alone is the check page's detail: a row
 * stays one line, so that a run's result does not reflow the page
 * around it. */
static char *
step_summary (const BfgCheckFacts *f,
              const char          *waiting)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *sentence = NULL;

  if (f->evidence_id == 0)
    return g_strdup (waiting);

  parser = step_object_parse (f->evidence_detail);
  if (parser != NULL && f->evidence_passed)
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (object, "rows") && json_object_has_member (object, "ms"))
        {
          g_autofree char *numbers = bfg_dry_run_format_step_numbers (
            json_object_get_int_member_with_default (object, "rows", 0),
            json_object_get_int_member_with_default (object, "ms", 0));

          /* Translators: a step that passed, then "50,007 rows · 703 ms" */
          return g_strdup_printf (C_("step evidence", "Passed · %s"), numbers);
        }
    }

  sentence = step_sentence (f->evidence_detail, parser);
  if (f->evidence_passed)
    return g_strdup_printf (_("Passed: %s"), sentence);

  return g_strdup_printf (_("Failed: %s"), sentence);
}

static char *
kind_summary (BfgEval   *eval,
              CheckEval *ce)
{
  const BfgCheckInfo *info = ce->info;
  const BfgCheckFacts *f = &ce->facts;
  const char *value;

  switch (info->kind)
    {
    case BFG_CHECK_KIND_FACT:
      if (g_str_has_prefix (info->value, "providers:"))
        {
          const BfgProviderRow *row =
            lookup_provider (eval, info->value + strlen ("providers:"));

          return row != NULL
                   ? g_strdup_printf ("%s → %s", row->current_mode,
                                      row->target_mode)
                   : g_strdup (_("No contract"));
        }
      if (g_str_equal (info->value, "actors"))
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u actor",
                                             "%u actors",
                                             eval->actors->len),
                                eval->actors->len);
      if (g_str_equal (info->value, "env-vars"))
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u release value",
                                             "%u release values",
                                             fact_holds (eval, "env-vars")
                                               ? 9 : 0),
                                fact_holds (eval, "env-vars") ? 9 : 0);
      if (g_str_equal (info->value, "target"))
        return g_strdup (fact_holds (eval, "target") ? _("Target locked")
                                                     : _("No target selected"));
      value = check_value (eval, ce);
      return g_strdup (value != NULL ? value : _("Missing"));

    case BFG_CHECK_KIND_ACCEPT_VALUE:
      value = check_value (eval, ce);
      if (g_strcmp0 (info->value, "session:rollback-owner") == 0 &&
          bfg_eval_get_actor_name (eval, value) != NULL)
        return g_strdup (bfg_eval_get_actor_name (eval, value));
      return g_strdup (value != NULL ? value : _("No value"));

    case BFG_CHECK_KIND_ACCEPT_PACKET:
      value = check_value (eval, ce);
      return g_strdup_printf ("%s · %s", info->value + strlen ("packet:"),
                              value != NULL ? value : "-");

    case BFG_CHECK_KIND_CHOICE:
      value = check_value (eval, ce);
      return g_strdup (value != NULL ? value : _("Not chosen yet"));

    case BFG_CHECK_KIND_RECORDED:
      if (f->acceptance_id != 0)
        return g_strdup_printf (_("Accepted by %s"),
                                bfg_eval_get_actor_name (eval, f->accepted_by));
      if (f->evidence_id != 0)
        return g_strdup_printf (_("Recorded by %s"),
                                bfg_eval_get_actor_name (eval,
                                                         f->evidence_actor));
      return g_strdup (_("No evidence recorded"));

    case BFG_CHECK_KIND_PROBE:
      return step_summary (f, _("Waiting for a connection check"));

    case BFG_CHECK_KIND_DRYRUN:
    case BFG_CHECK_KIND_DRYRUN_BATCH:
      return step_summary (f, _("Waiting for a dry-run"));

    case BFG_CHECK_KIND_DERIVED:
    default:
      return inputs_summary (eval, info->inputs);
    }
}

/**
 * bfg_eval_get_check_summary:
 * @eval: an evaluation
 * @check_id: a check id
 *
 * The evidence a check shows in its row: "0/2 checks accepted", "5
 * actors", "file-local", a decision code.
 *
 * Returns: the summary
 */
const char *
bfg_eval_get_check_summary (BfgEval    *eval,
                            const char *check_id)
{
  CheckEval *ce = lookup_check (eval, check_id);
  const char *spec;

  g_return_val_if_fail (ce != NULL, NULL);

  if (ce->summary != NULL)
    return ce->summary;

  spec = ce->info->summary;

  if (spec == NULL)
    ce->summary = kind_summary (eval, ce);
  else if (g_str_has_prefix (spec, "decision:"))
    ce->summary = g_strdup (decision_code (eval,
                                           spec + strlen ("decision:")));
  else if (g_str_equal (spec, "sections"))
    ce->summary = sections_summary (eval, ce->info->inputs);
  else if (g_str_has_prefix (spec, "sections:"))
    {
      g_auto(GStrv) ids = g_strsplit (spec + strlen ("sections:"), ",", -1);
      g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; ids[i] != NULL; i++)
        g_ptr_array_add (refs, g_strconcat ("section:", ids[i], NULL));
      g_ptr_array_add (refs, NULL);
      ce->summary = sections_summary (eval,
                                      (const char * const *) refs->pdata);
    }
  else if (g_str_equal (spec, "inputs"))
    ce->summary = inputs_summary (eval, ce->info->inputs);
  else if (g_str_equal (spec, "rows"))
    ce->summary = rows_summary (eval, NULL);
  else if (g_str_has_prefix (spec, "rows:"))
    ce->summary = rows_summary (eval, spec + strlen ("rows:"));
  else
    ce->summary = kind_summary (eval, ce);

  return ce->summary;
}

/**
 * bfg_eval_get_check_detail:
 * @eval: an evaluation
 * @check_id: a check id
 *
 * What a probe or dry-run step found, in its own sentence, for the check
 * page; its row shows the shorter summary.
 *
 * Returns: (nullable): the sentence, or %NULL for a check without step
 *   evidence
 */
const char *
bfg_eval_get_check_detail (BfgEval    *eval,
                           const char *check_id)
{
  CheckEval *ce = lookup_check (eval, check_id);

  g_return_val_if_fail (ce != NULL, NULL);

  if (ce->detail == NULL && ce->facts.evidence_id != 0 &&
      (ce->info->kind == BFG_CHECK_KIND_PROBE || ce->info->kind == BFG_CHECK_KIND_DRYRUN))
    {
      g_autoptr(JsonParser) parser = step_object_parse (ce->facts.evidence_detail);

      ce->detail = step_sentence (ce->facts.evidence_detail, parser);
    }

  return ce->detail;
}

/**
 * bfg_eval_get_integration_percent:
 * @eval: an evaluation
 *
 * The share of the nine gates that have evidence behind them: a gate
 * counts when it is ready, or when at least one check it summarises is
 * ready. Rounded half up.
 *
 * Returns: the percentage, 0 to 100
 */
guint
bfg_eval_get_integration_percent (BfgEval *eval)
{
  SectionEval *gates = lookup_section (eval, "gates");
  guint counted = 0;

  section_eval (eval, gates);

  for (guint i = 0; i < gates->checks->len; i++)
    {
      CheckEval *gate = g_ptr_array_index (gates->checks, i);
      gboolean has_evidence = check_state (eval, gate) == BFG_CHECK_STATE_READY;
      const char * const *inputs = gate->info->inputs;

      for (guint j = 0; !has_evidence && inputs != NULL && inputs[j]; j++)
        {
          if (g_str_has_prefix (inputs[j], "section:"))
            {
              guint ready = 0;

              bfg_eval_get_section_counts (eval,
                                           inputs[j] + strlen ("section:"),
                                           &ready, NULL);
              has_evidence = ready > 0;
            }
          else
            has_evidence = reference_state (eval, inputs[j]) ==
                           BFG_CHECK_STATE_READY;
        }

      counted += has_evidence;
    }

  if (gates->checks->len == 0)
    return 0;

  return (counted * 200 + gates->checks->len) / (gates->checks->len * 2);
}

/**
 * bfg_eval_is_production_go:
 * @eval: an evaluation
 *
 * Production is GO only when the production decision is GO_PRODUCTION
 * and the live wiring go/no-go acceptance binds that code.
 *
 * Returns: %TRUE for GO
 */
gboolean
bfg_eval_is_production_go (BfgEval *eval)
{
  return g_strcmp0 (decision_code (eval, "production"), "GO_PRODUCTION") == 0 &&
         bfg_eval_get_check_state (eval,
                                   "provider-acceptance.liveWiringGoNoGo") ==
           BFG_CHECK_STATE_READY;
}

static gboolean
actionable (BfgCheckState state)
{
  return state == BFG_CHECK_STATE_NEXT || state == BFG_CHECK_STATE_REVIEW ||
         state == BFG_CHECK_STATE_STALE;
}

static void
compute_recommended (BfgEval *eval)
{
  const BfgActionInfo *actions;
  guint n_actions;

  actions = bfg_plan_get_actions (&n_actions);

  for (guint i = 0; i < n_actions; i++)
    {
      const BfgActionInfo *action = &actions[i];
      const char *pick = NULL;
      g_autofree char *counts = NULL;
      GString *reason;

      if (reference_state (eval, action->gate) == BFG_CHECK_STATE_READY)
        continue;

      if (action->section == NULL)
        {
          if (actionable (reference_state (eval, action->gate)))
            pick = action->gate;
        }
      else
        {
          SectionEval *se = lookup_section (eval, action->section);
          const char *waiting = NULL;

          /* Work that someone can start comes first; evidence that only
           * waits for its owner's signature is the fallback. */
          for (guint j = 0; pick == NULL && j < se->checks->len; j++)
            {
              CheckEval *ce = g_ptr_array_index (se->checks, j);
              BfgCheckState state = check_state (eval, ce);

              if (state == BFG_CHECK_STATE_REVIEW)
                {
                  if (waiting == NULL)
                    waiting = ce->info->id;
                }
              else if (actionable (state))
                {
                  pick = ce->info->id;
                }
            }

          if (pick == NULL && waiting != NULL)
            {
              const char *title = g_dgettext (GETTEXT_PACKAGE, se->info->title);

              counts = counts_text (eval, action->section);
              /* Translators: %s is a section title, such as "Adapter connection" */
              eval->recommended_title = g_strdup_printf (_("Sign the evidence: %s"), title);
              eval->recommended_reason =
                /* Translators: the first %s is a section title, the second
                 * its ready/total count, such as "0/4" */
                g_strdup_printf (_("%s shows %s; the owner signs the evidence "
                                   "that waits for review."),
                                 title, counts);
              eval->recommended_check = waiting;
              return;
            }
        }

      if (pick == NULL)
        continue;

      counts = action->section != NULL ? counts_text (eval, action->section)
                                       : g_strdup ("");
      reason = g_string_new (g_dgettext (GETTEXT_PACKAGE, action->reason));
      g_string_replace (reason, "{count}", counts, 0);

      eval->recommended_title =
        g_strdup (g_dgettext (GETTEXT_PACKAGE, action->title));
      eval->recommended_reason = g_string_free_and_steal (reason);
      eval->recommended_check = pick;
      return;
    }

  if (bfg_eval_is_production_go (eval))
    {
      eval->recommended_title = g_strdup (_("Production is GO"));
      eval->recommended_reason =
        g_strdup (_("Every gate, decision and acceptance is in place."));
    }
  else if (g_str_equal (decision_code (eval, "production"), "GO_PRODUCTION"))
    {
      eval->recommended_title = g_strdup (_("Sign the live wiring go/no-go"));
      eval->recommended_reason =
        /* Translators: GO_PRODUCTION is a decision code; keep it as is */
        g_strdup (_("The production decision is GO_PRODUCTION; the managing "
                    "director signs the live wiring decision."));
      eval->recommended_check = "provider-acceptance.liveWiringGoNoGo";
    }
  else
    {
      eval->recommended_title = g_strdup (_("Resolve the blocked checks"));
      eval->recommended_reason =
        g_strdup (_("No check can be acted on now; review what blocks the "
                    "production decision."));
    }
}

/**
 * bfg_eval_get_recommended:
 * @eval: an evaluation
 * @title: (out) (optional): the action's title
 * @reason: (out) (optional): why
 * @check_id: (out) (optional) (nullable): the check to act on
 *
 * The recommended next action: the first entry of the plan's ladder that
 * is not done and has a check that can be acted on now.
 */
void
bfg_eval_get_recommended (BfgEval     *eval,
                          const char **title,
                          const char **reason,
                          const char **check_id)
{
  if (!eval->recommended_done)
    {
      compute_recommended (eval);
      eval->recommended_done = TRUE;
    }

  if (title != NULL)
    *title = eval->recommended_title;
  if (reason != NULL)
    *reason = eval->recommended_reason;
  if (check_id != NULL)
    *check_id = eval->recommended_check;
}

const char *
bfg_eval_get_last_write (BfgEval *eval)
{
  return eval->last_write;
}

gint64
bfg_eval_get_audit_count (BfgEval *eval)
{
  return eval->audit_count;
}

GPtrArray *
bfg_eval_get_actor_rows (BfgEval *eval)
{
  return eval->actors;
}

GPtrArray *
bfg_eval_get_provider_rows (BfgEval *eval)
{
  return eval->providers;
}

/**
 * bfg_engine_set_value_provider:
 * @provider: (nullable): the function, or %NULL to use the core's own
 * @user_data: data for @provider
 *
 * Registers, once at startup, the function that computes packet
 * checksums for %BFG_CHECK_KIND_ACCEPT_PACKET checks.
 */
void
bfg_engine_set_value_provider (BfgValueProvider provider,
                               gpointer         user_data)
{
  value_provider = provider;
  value_provider_data = user_data;
}
