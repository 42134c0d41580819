/* bfg-packets.c: the *.v1 packets, rendered deterministically from state
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every packet is one row of the descriptor table below: a name, how its
 * title and fields are marked in the text, and a render function that
 * fills an ordered list of fields and lines. The text and the JSON form
 * are both produced from that list by the same two functions, so they can
 * never disagree, and nothing in them depends on the clock, a hash
 * table's order or the locale: the same state gives the same bytes.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-packets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bfg-engine.h"
#include "bfg-error.h"
#include "bfg-packets.h"
#include "bfg-plan.h"
#include "bfg-snapshot.h"
#include "bfg-target-schema.h"

#define NOT_RECORDED "not recorded"

typedef struct
{
  char *key;      /* NULL for a plain line */
  char *value;
} Entry;

typedef struct
{
  gboolean           done;
  gboolean           valid;
  BfgSnapshotDigest  digest;
  char              *error;
} SnapshotCache;

typedef struct
{
  BfgWorkspace  *workspace;
  BfgEval       *eval;
  SnapshotCache *snapshot;
  GArray        *entries;   /* of Entry */
} Render;

typedef void (*RenderFunc) (Render *r);

typedef struct
{
  const char *name;
  const char *title_prefix;  /* how the title line is marked */
  const char *field_prefix;  /* how each key=value line is marked */
  RenderFunc  render;
} PacketDesc;

struct _BfgPacket
{
  gatomicrefcount  ref_count;
  char            *name;
  char            *text;
  char            *json;
  char            *sha256;
  char            *checksum;
  GPtrArray       *keys;     /* field keys, in order */
  GPtrArray       *values;   /* the matching values */
  guint            n_lines;
};

G_DEFINE_BOXED_TYPE (BfgPacket, bfg_packet, bfg_packet_ref, bfg_packet_unref)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->key, g_free);
  g_clear_pointer (&entry->value, g_free);
}

/* A value is one line of text: a newline or another control character in
 * recorded state must not be able to forge a line of the packet. */
static char *
one_line (const char *value)
{
  char *copy = g_strdup (value != NULL ? value : "");

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';

  return copy;
}

static void
add_field (Render     *r,
           const char *key,
           const char *value)
{
  Entry entry = { g_strdup (key), one_line (value) };

  g_array_append_val (r->entries, entry);
}

static void G_GNUC_PRINTF (3, 4)
add_fieldf (Render     *r,
            const char *key,
            const char *format,
            ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  add_field (r, key, value);
}

static void
add_line (Render     *r,
          const char *line)
{
  Entry entry = { NULL, one_line (line) };

  g_array_append_val (r->entries, entry);
}

/* Each line of a multi-line block (SQL, a transcript) as its own line. */
static void
add_block (Render     *r,
           const char *prefix,
           const char *block)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  if (block == NULL)
    return;

  lines = g_strsplit (block, "\n", -1);
  n = g_strv_length (lines);

  /* A trailing newline gives an empty last piece, not a line. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strconcat (prefix, lines[i], NULL);

      add_line (r, line);
    }
}

static const char *
or_not_recorded (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : NOT_RECORDED;
}

static const char *
session (Render     *r,
         const char *key)
{
  return or_not_recorded (bfg_eval_get_session_value (r->eval, key));
}

static const char *
decision (Render     *r,
          const char *decision_id)
{
  return or_not_recorded (bfg_eval_get_decision (r->eval, decision_id));
}

static void
add_counts (Render     *r,
            const char *key,
            const char *section_id)
{
  guint ready = 0;
  guint total = 0;

  bfg_eval_get_section_counts (r->eval, section_id, &ready, &total);
  add_fieldf (r, key, "%u/%u", ready, total);
}

static const char *
check_state (Render     *r,
             const char *check_id)
{
  return bfg_check_state_to_string (bfg_eval_get_check_state (r->eval,
                                                              check_id));
}

/* The part of a check id after its section, such as "tls" for
 * "connection.tls"; wiring ids are kept whole, as the web console did. */
static const char *
check_short_name (const BfgCheckInfo *info)
{
  gsize len = strlen (info->section);

  if (g_str_has_prefix (info->id, info->section) && info->id[len] == '.')
    return info->id + len + 1;

  return info->id;
}

/* The latest evidence recorded for a check, read straight from the
 * workspace so that a packet shows exactly what a reviewer would accept. */
static gboolean
latest_evidence (Render      *r,
                 const char  *check_id,
                 gboolean    *passed,
                 char       **value,
                 char       **detail)
{
  sqlite3 *db = bfg_workspace_get_db (r->workspace);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  bfg_workspace_lock (r->workspace);

  if (sqlite3_prepare_v2 (db,
                          "select passed, value, detail from evidence "
                          "where check_id = ?1 "
                          "order by evidence_id desc limit 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, check_id, -1, SQLITE_TRANSIENT);

      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          *passed = sqlite3_column_int (stmt, 0) != 0;
          *value = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          *detail = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }

  sqlite3_finalize (stmt);
  bfg_workspace_unlock (r->workspace);

  return found;
}

/* One text column of the newest row of a run table (probe_runs or
 * dry_run_runs), or NULL when nothing ran yet. */
static char *
latest_run_column (Render     *r,
                   const char *sql)
{
  sqlite3 *db = bfg_workspace_get_db (r->workspace);
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  bfg_workspace_lock (r->workspace);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  bfg_workspace_unlock (r->workspace);

  return result;
}

/* "state" and, when the probe or dry-run recorded one, "pass"/"fail" with
 * its detail, for each step check of a section. */
static void
add_step_results (Render     *r,
                  const char *section_id)
{
  const BfgCheckInfo *checks;
  guint n_checks;

  checks = bfg_plan_get_checks (&n_checks);

  for (guint i = 0; i < n_checks; i++)
    {
      const BfgCheckInfo *info = &checks[i];
      g_autofree char *value = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *key = NULL;
      gboolean passed = FALSE;

      if (!g_str_equal (info->section, section_id))
        continue;

      key = g_strdup_printf ("step.%s", check_short_name (info));
      add_field (r, key, check_state (r, info->id));

      g_free (g_steal_pointer (&key));
      key = g_strdup_printf ("step.%s.result", check_short_name (info));

      if (latest_evidence (r, info->id, &passed, &value, &detail))
        add_fieldf (r, key, "%s%s%s", passed ? "pass" : "fail",
                    detail != NULL ? " " : "", detail != NULL ? detail : "");
      else
        add_field (r, key, NOT_RECORDED);
    }
}

/* The snapshot digest, computed once per rendering and shared by every
 * packet that cites it, so that they cannot disagree and a bundle pays
 * for one pass over the scenario tables. */
static const BfgSnapshotDigest *
snapshot (Render      *r,
          const char **why)
{
  SnapshotCache *cache = r->snapshot;

  if (!cache->done)
    {
      g_autoptr(GError) error = NULL;
      sqlite3 *db = bfg_workspace_get_db (r->workspace);

      cache->done = TRUE;
      bfg_workspace_lock (r->workspace);
      cache->valid = bfg_snapshot_compute_digests (db, &cache->digest, NULL,
                                                   &error);
      bfg_workspace_unlock (r->workspace);

      if (!cache->valid)
        {
          g_debug ("Cannot digest the snapshot: %s", error->message);
          cache->error = g_strdup (error->message);
        }
    }

  if (why != NULL)
    *why = cache->error;

  return cache->valid ? &cache->digest : NULL;
}

static void
render_snapshot (Render *r)
{
  const BfgSnapshotDigest *digest;
  const char *why = NULL;

  digest = snapshot (r, &why);

  add_field (r, "source", BFG_WORKSPACE_CONTRACT);
  add_field (r, "session", session (r, "session"));
  add_field (r, "encoding", BFG_SNAPSHOT_ENCODING);

  if (digest == NULL)
    {
      /* The packet still renders, saying why, so that an export never
       * silently drops it; the message holds no secret. */
      add_field (r, "checksum", NOT_RECORDED);
      add_field (r, "error", why);
      return;
    }

  for (guint i = 0; i < digest->n_tables; i++)
    {
      g_autofree char *rows = NULL;
      g_autofree char *sha256 = NULL;

      rows = g_strdup_printf ("rows.%s", digest->tables[i].name);
      add_fieldf (r, rows, "%" G_GINT64_FORMAT, digest->tables[i].count);
      sha256 = g_strdup_printf ("sha256.%s", digest->tables[i].name);
      add_field (r, sha256, digest->tables[i].sha256);
    }

  add_fieldf (r, "rows", "%" G_GINT64_FORMAT, digest->total_rows);
  add_field (r, "checksum", digest->short_checksum);
  add_field (r, "sha256", digest->checksum);
}

/* The snapshot's short checksum and row count, as other packets cite it. */
static void
snapshot_summary (Render      *r,
                  const char **checksum,
                  gint64      *rows)
{
  const BfgSnapshotDigest *digest = snapshot (r, NULL);

  *checksum = digest != NULL ? digest->short_checksum : NOT_RECORDED;
  *rows = digest != NULL ? digest->total_rows : 0;
}

static void
render_runbook (Render *r)
{
  const char *checksum = NULL;
  gint64 rows = 0;

  snapshot_summary (r, &checksum, &rows);

  add_field (r, "source", BFG_PACKET_SCENARIO_SNAPSHOT);
  add_field (r, "target", session (r, "target"));
  add_field (r, "session", session (r, "session"));
  add_field (r, "checksum", checksum);
  add_fieldf (r, "rows", "%" G_GINT64_FORMAT, rows);
  add_field (r, "runbook_decision", decision (r, "runbook"));
  add_block (r, "", bfg_target_schema_sql ());
}

/* The rows each data batch carries: the seed batch counts the actors, the
 * others the tables the plan names in their "rows:" summary. */
static gint64
batch_rows (Render *r)
{
  const BfgCheckInfo *checks;
  guint n_checks;
  gint64 total = 0;

  checks = bfg_plan_get_checks (&n_checks);

  for (guint i = 0; i < n_checks; i++)
    {
      const BfgCheckInfo *info = &checks[i];
      g_auto(GStrv) tables = NULL;

      if (!g_str_equal (info->section, "data-batches"))
        continue;

      if (info->kind == BFG_CHECK_KIND_FACT &&
          g_strcmp0 (info->value, "actors") == 0)
        {
          total += bfg_workspace_count_rows (r->workspace, "users");
          continue;
        }

      if (info->summary == NULL || !g_str_has_prefix (info->summary, "rows:"))
        continue;

      tables = g_strsplit (info->summary + strlen ("rows:"), ",", -1);

      for (guint j = 0; tables[j] != NULL; j++)
        {
          /* The audit trail is not a scenario table; its size is the
           * chain's length. */
          if (g_str_equal (tables[j], "audit_events"))
            total += bfg_workspace_get_audit_count (r->workspace);
          else
            total += bfg_workspace_count_rows (r->workspace, tables[j]);
        }
    }

  return total;
}

static void
render_data_cutover_plan (Render *r)
{
  const char *checksum = NULL;
  gint64 rows = 0;

  snapshot_summary (r, &checksum, &rows);

  add_field (r, "target", session (r, "target"));
  add_field (r, "session", session (r, "session"));
  add_field (r, "snapshot_schema", BFG_PACKET_SCENARIO_SNAPSHOT);
  add_field (r, "snapshot_checksum", checksum);
  add_fieldf (r, "snapshot_rows", "%" G_GINT64_FORMAT, rows);
  add_fieldf (r, "batch_rows", "%" G_GINT64_FORMAT, batch_rows (r));
  add_counts (r, "batches", "data-batches");
  add_counts (r, "steps", "data-cutover");
  add_counts (r, "connection", "connection");
  add_counts (r, "dry_run", "dry-run");
  add_field (r, "runbook_decision", decision (r, "runbook"));
  add_field (r, "release_decision", decision (r, "release"));
  add_field (r, "rollback_decision", decision (r, "rollback"));
  add_field (r, "cutover_decision", decision (r, "data-cutover"));
}

static void
render_connection (Render *r)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  gboolean passed = FALSE;

  /* The probe stores the endpoint already redacted; the fingerprint is
   * the value of the TLS step's evidence. */
  endpoint = latest_run_column (r, "select endpoint from probe_runs "
                                   "order by run_id desc limit 1");
  if (latest_evidence (r, "connection.tls", &passed, &value, &detail) &&
      passed)
    fingerprint = g_steal_pointer (&value);

  add_field (r, "target", session (r, "target"));
  add_field (r, "endpoint", or_not_recorded (endpoint));
  add_field (r, "fingerprint", or_not_recorded (fingerprint));
  add_counts (r, "connection", "connection");
  add_step_results (r, "connection");
}

static void
render_dry_run (Render *r)
{
  g_autofree char *run_id = NULL;
  g_autofree char *transcript = NULL;
  g_autofree char *transcript_sha256 = NULL;
  g_autofree char *checkpoint = NULL;

  run_id = latest_run_column (r, "select run_id from dry_run_runs "
                                 "where finished_at is not null "
                                 "order by run_id desc limit 1");
  if (run_id != NULL)
    {
      g_autofree char *sql = NULL;

      checkpoint = g_strdup_printf ("dry-run-%s", run_id);
      sql = g_strdup_printf ("select transcript from dry_run_runs "
                             "where run_id = %s", run_id);
      transcript = latest_run_column (r, sql);
      g_free (sql);
      sql = g_strdup_printf ("select transcript_sha256 from dry_run_runs "
                             "where run_id = %s", run_id);
      transcript_sha256 = latest_run_column (r, sql);
    }

  add_field (r, "target", session (r, "target"));
  add_field (r, "session", session (r, "session"));
  add_field (r, "checkpoint", or_not_recorded (checkpoint));
  add_field (r, "fallback", session (r, "storage"));
  add_counts (r, "dry_run", "dry-run");
  add_step_results (r, "dry-run");
  add_field (r, "transcript_sha256", or_not_recorded (transcript_sha256));

  if (transcript != NULL)
    {
      add_line (r, "transcript:");
      add_block (r, "| ", transcript);
    }
}

static void
render_preflight (Render *r)
{
  const char *checksum = NULL;
  gint64 rows = 0;

  snapshot_summary (r, &checksum, &rows);

  add_field (r, "schema", BFG_PACKET_SCENARIO_SNAPSHOT);
  add_field (r, "target", session (r, "target"));
  add_field (r, "session", session (r, "session"));
  add_field (r, "checksum", checksum);
  add_fieldf (r, "rows", "%" G_GINT64_FORMAT, rows);
  add_field (r, "adapter_contract", session (r, "adapter-contract"));
  add_counts (r, "dry_run", "dry-run");
  add_counts (r, "connection", "connection");
  add_field (r, "rollback_decision", decision (r, "rollback"));
}

static void
render_release_handoff (Render *r)
{
  add_field (r, "BFG_RELEASE_ENVIRONMENT", session (r, "release-environment"));
  add_field (r, "BFG_RELEASE_TARGET", session (r, "target"));
  add_field (r, "BFG_SCENARIO_ADAPTER", session (r, "adapter-contract"));
  add_field (r, "BFG_STORAGE_ADAPTER", session (r, "storage"));
  add_field (r, "BFG_AUTH_MODE", session (r, "auth"));
  add_field (r, "BFG_TENANT_MODE", session (r, "tenant"));
  add_field (r, "BFG_ROLLBACK_OWNER", session (r, "rollback-owner"));
  add_field (r, "BFG_RELEASE_EVIDENCE", BFG_PACKET_DRY_RUN);
  add_field (r, "BFG_RELEASE_DECISION", decision (r, "release"));
}

/* Only the rollback decision and session facts: the plan declares exactly
 * that dependency for this packet, and rollback.auditPacket binds it. */
static void
render_rollback_drill (Render *r)
{
  add_field (r, "BFG_ROLLBACK_DECISION", decision (r, "rollback"));
  add_field (r, "BFG_ROLLBACK_OWNER", session (r, "rollback-owner"));
  add_field (r, "BFG_ROLLBACK_STORAGE", session (r, "storage"));
  add_field (r, "BFG_ROLLBACK_AUTH", session (r, "auth"));
  add_field (r, "BFG_ROLLBACK_EVIDENCE", BFG_PACKET_RELEASE_HANDOFF);
  add_field (r, "BFG_ROLLBACK_PACKET", BFG_PACKET_ROLLBACK_DRILL);
}

static void
render_infrastructure (Render *r)
{
  const BfgCheckInfo *checks;
  guint n_checks;

  checks = bfg_plan_get_checks (&n_checks);

  add_field (r, "target", session (r, "target"));

  for (guint i = 0; i < n_checks; i++)
    {
      const BfgCheckInfo *info = &checks[i];
      const char *value;
      g_autofree char *key = NULL;

      if (!g_str_equal (info->section, "infrastructure"))
        continue;

      value = bfg_eval_get_check_value (r->eval, info->id);
      add_field (r, check_short_name (info),
                 value != NULL && value[0] != '\0' ? value : "pending");

      key = g_strdup_printf ("%s.state", check_short_name (info));
      add_field (r, key, check_state (r, info->id));
    }

  add_counts (r, "accepted", "infrastructure");
  add_field (r, "wiring_decision", decision (r, "wiring"));
  add_field (r, "production_decision", decision (r, "production"));
}

static void
render_wiring (Render *r)
{
  const BfgCheckInfo *checks;
  guint n_checks;
  const char *wiring;
  const char *traffic;

  checks = bfg_plan_get_checks (&n_checks);
  wiring = decision (r, "wiring");

  add_field (r, "target", session (r, "target"));
  add_counts (r, "infrastructure", "infrastructure");

  for (guint i = 0; i < n_checks; i++)
    if (g_str_equal (checks[i].section, "wiring"))
      add_field (r, checks[i].id, check_state (r, checks[i].id));

  add_counts (r, "checks", "wiring");
  add_field (r, "decision", wiring);

  /* Traffic opens only when the engine says production is GO, which
   * needs the wiring decision too; anything less keeps it disabled, as
   * the web console said. The console's wiring page reads the same rule. */
  if (bfg_eval_is_production_go (r->eval))
    traffic = "production_traffic_enabled";
  else
    traffic = "production_traffic_disabled";

  add_field (r, "traffic", traffic);
}

static const PacketDesc packet_descs[] = {
  { BFG_PACKET_SCENARIO_SNAPSHOT, "", "", render_snapshot },
  { BFG_PACKET_MIGRATION_RUNBOOK, "-- ", "-- ", render_runbook },
  { BFG_PACKET_DATA_CUTOVER_PLAN, "", "", render_data_cutover_plan },
  { BFG_PACKET_CONNECTION, "", "", render_connection },
  { BFG_PACKET_DRY_RUN, "", "", render_dry_run },
  { BFG_PACKET_MIGRATION_PREFLIGHT, "", "", render_preflight },
  { BFG_PACKET_RELEASE_HANDOFF, "# ", "", render_release_handoff },
  { BFG_PACKET_ROLLBACK_DRILL, "# ", "", render_rollback_drill },
  { BFG_PACKET_INFRASTRUCTURE, "", "", render_infrastructure },
  { BFG_PACKET_DB_AUTH_WIRING, "", "", render_wiring },
};

static const char * const packet_names[] = {
  BFG_PACKET_SCENARIO_SNAPSHOT,
  BFG_PACKET_MIGRATION_RUNBOOK,
  BFG_PACKET_DATA_CUTOVER_PLAN,
  BFG_PACKET_CONNECTION,
  BFG_PACKET_DRY_RUN,
  BFG_PACKET_MIGRATION_PREFLIGHT,
  BFG_PACKET_RELEASE_HANDOFF,
  BFG_PACKET_ROLLBACK_DRILL,
  BFG_PACKET_INFRASTRUCTURE,
  BFG_PACKET_DB_AUTH_WIRING,
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (packet_names) == G_N_ELEMENTS (packet_descs) + 1);

static const PacketDesc *
lookup_desc (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (packet_descs); i++)
    if (g_str_equal (packet_descs[i].name, name))
      return &packet_descs[i];

  return NULL;
}

static char *
render_text (const PacketDesc *desc,
             GArray           *entries,
             guint            *n_lines)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s%s\n", desc->title_prefix, desc->name);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);

      if (entry->key != NULL)
        g_string_append_printf (text, "%s%s=%s\n", desc->field_prefix,
                                entry->key, entry->value);
      else
        g_string_append_printf (text, "%s\n", entry->value);
    }

  *n_lines = entries->len + 1;
  return g_string_free (text, FALSE);
}

/* The JSON form: the fields in their order, the exact text and both
 * checksums, so that a reviewer can check it with sha256sum alone. */
static char *
render_json (BfgPacket *packet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "packet");
  json_builder_add_string_value (builder, packet->name);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, packet->checksum);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, packet->sha256);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < packet->keys->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, packet->keys->pdata[i]);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, packet->values->pdata[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, packet->text);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}

static BfgPacket *
render_packet (BfgWorkspace     *workspace,
               BfgEval          *eval,
               SnapshotCache    *cache,
               const PacketDesc *desc)
{
  g_autoptr(GArray) entries = NULL;
  BfgPacket *packet;
  Render r;

  entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);
  r = (Render) { workspace, eval, cache, entries };
  desc->render (&r);

  packet = g_new0 (BfgPacket, 1);
  g_atomic_ref_count_init (&packet->ref_count);
  packet->name = g_strdup (desc->name);
  packet->text = render_text (desc, entries, &packet->n_lines);
  packet->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                  packet->text, -1);
  packet->checksum = g_strdup_printf ("bfg-%.8s", packet->sha256);
  packet->keys = g_ptr_array_new_with_free_func (g_free);
  packet->values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (entry->key == NULL)
        continue;

      g_ptr_array_add (packet->keys, g_strdup (entry->key));
      g_ptr_array_add (packet->values, g_strdup (entry->value));
    }

  packet->json = render_json (packet);

  return packet;
}

/* The engine's hook for rollback.auditPacket: the checksum of the packet
 * rendered from the evaluation in progress. */
static char *
provide_packet_checksum (BfgWorkspace *workspace,
                         BfgEval      *eval,
                         const char   *name,
                         gpointer      user_data)
{
  const PacketDesc *desc = lookup_desc (name);
  g_autoptr(BfgPacket) packet = NULL;
  SnapshotCache cache = { 0 };

  if (desc == NULL)
    return NULL;

  packet = render_packet (workspace, eval, &cache, desc);
  g_free (cache.error);

  return g_strdup (packet->checksum);
}

/**
 * bfg_packet_ref:
 * @packet: a packet
 *
 * Returns: (transfer full): @packet
 */
BfgPacket *
bfg_packet_ref (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  g_atomic_ref_count_inc (&packet->ref_count);
  return packet;
}

/**
 * bfg_packet_unref:
 * @packet: (transfer full): a packet
 *
 * Drops a reference, freeing the packet with the last one.
 */
void
bfg_packet_unref (BfgPacket *packet)
{
  g_return_if_fail (packet != NULL);

  if (!g_atomic_ref_count_dec (&packet->ref_count))
    return;

  g_free (packet->name);
  g_free (packet->text);
  g_free (packet->json);
  g_free (packet->sha256);
  g_free (packet->checksum);
  g_ptr_array_unref (packet->keys);
  g_ptr_array_unref (packet->values);
  g_free (packet);
}

/**
 * bfg_packet_get_name:
 * @packet: a packet
 *
 * Returns: the packet's name, such as "ProductionRollbackDrill.v1"
 */
const char *
bfg_packet_get_name (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  return packet->name;
}

/**
 * bfg_packet_get_text:
 * @packet: a packet
 *
 * The text form: UTF-8, one "\n" after every line, the title line first.
 * Its SHA-256 is bfg_packet_get_sha256().
 *
 * Returns: the text
 */
const char *
bfg_packet_get_text (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  return packet->text;
}

/**
 * bfg_packet_get_json:
 * @packet: a packet
 *
 * The JSON form: "packet", "checksum", "sha256", the ordered "fields"
 * (objects with "key" and "value") and the exact "text".
 *
 * Returns: the JSON, ending with a newline
 */
const char *
bfg_packet_get_json (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  return packet->json;
}

/**
 * bfg_packet_get_checksum:
 * @packet: a packet
 *
 * Returns: the short checksum: "bfg-" and the first 8 hex digits of the
 *   SHA-256 of the text
 */
const char *
bfg_packet_get_checksum (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  return packet->checksum;
}

/**
 * bfg_packet_get_sha256:
 * @packet: a packet
 *
 * Returns: the full SHA-256 of the text, in lower-case hex
 */
const char *
bfg_packet_get_sha256 (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, NULL);

  return packet->sha256;
}

/**
 * bfg_packet_get_field:
 * @packet: a packet
 * @key: a field name, such as "runbook_decision"
 *
 * Returns: (nullable): the field's value, or %NULL when the packet has no
 *   such field
 */
const char *
bfg_packet_get_field (BfgPacket  *packet,
                      const char *key)
{
  g_return_val_if_fail (packet != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < packet->keys->len; i++)
    if (g_str_equal (packet->keys->pdata[i], key))
      return packet->values->pdata[i];

  return NULL;
}

/**
 * bfg_packet_get_n_lines:
 * @packet: a packet
 *
 * Returns: how many lines the text has
 */
guint
bfg_packet_get_n_lines (BfgPacket *packet)
{
  g_return_val_if_fail (packet != NULL, 0);

  return packet->n_lines;
}

/**
 * bfg_packet_render:
 * @workspace: a workspace
 * @eval: an evaluation of @workspace
 * @name: the packet name, such as "ProductionDataCutoverPlan.v1"
 * @error: return location for a #BFG_PACKET_ERROR
 *
 * Renders one packet from @eval. Rendering reads the workspace but never
 * changes it, and the same state always gives the same bytes.
 *
 * Returns: (transfer full) (nullable): the packet, or %NULL when @name is
 *   not a packet
 */
BfgPacket *
bfg_packet_render (BfgWorkspace  *workspace,
                   BfgEval       *eval,
                   const char    *name,
                   GError       **error)
{
  const PacketDesc *desc;
  SnapshotCache cache = { 0 };
  BfgPacket *packet;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (eval != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  desc = lookup_desc (name);
  if (desc == NULL)
    {
      g_set_error (error, BFG_PACKET_ERROR, BFG_PACKET_ERROR_UNKNOWN,
                   _("There is no packet named “%s”"), name);
      return NULL;
    }

  packet = render_packet (workspace, eval, &cache, desc);
  g_free (cache.error);

  return packet;
}

/**
 * bfg_packet_render_current:
 * @workspace: a workspace
 * @name: the packet name
 * @error: return location for a #GError
 *
 * Like bfg_packet_render(), over a fresh evaluation of @workspace.
 *
 * Returns: (transfer full) (nullable): the packet
 */
BfgPacket *
bfg_packet_render_current (BfgWorkspace  *workspace,
                           const char    *name,
                           GError       **error)
{
  g_autoptr(BfgEval) eval = NULL;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  eval = bfg_eval_new (workspace, error);
  if (eval == NULL)
    return NULL;

  return bfg_packet_render (workspace, eval, name, error);
}

/**
 * bfg_packets_render_all:
 * @workspace: a workspace
 * @eval: (nullable): an evaluation of @workspace, or %NULL for a fresh one
 * @error: return location for a #GError
 *
 * Renders every packet from one evaluation, so that they agree with each
 * other, in the order of bfg_packets_get_names().
 *
 * Returns: (transfer full) (element-type BfgPacket) (nullable): the packets
 */
GPtrArray *
bfg_packets_render_all (BfgWorkspace  *workspace,
                        BfgEval       *eval,
                        GError       **error)
{
  g_autoptr(BfgEval) own_eval = NULL;
  SnapshotCache cache = { 0 };
  GPtrArray *packets;

  g_return_val_if_fail (BFG_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (eval == NULL)
    {
      own_eval = bfg_eval_new (workspace, error);
      if (own_eval == NULL)
        return NULL;
      eval = own_eval;
    }

  packets = g_ptr_array_new_with_free_func ((GDestroyNotify) bfg_packet_unref);
  for (guint i = 0; i < G_N_ELEMENTS (packet_descs); i++)
    g_ptr_array_add (packets, render_packet (workspace, eval, &cache,
                                             &packet_descs[i]));
  g_free (cache.error);

  return packets;
}

/**
 * bfg_packets_get_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): every packet name,
 *   in the order the console shows and exports them
 */
const char * const *
bfg_packets_get_names (void)
{
  return packet_names;
}

/**
 * bfg_packets_is_known:
 * @name: a packet name
 *
 * Returns: whether @name is a packet
 */
gboolean
bfg_packets_is_known (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return lookup_desc (name) != NULL;
}

/**
 * bfg_packets_short_checksum:
 * @data: the bytes
 * @length: their length
 *
 * Returns: (transfer full): "bfg-" and the first 8 hex digits of the
 *   SHA-256 of @data
 */
char *
bfg_packets_short_checksum (const char *data,
                            gsize       length)
{
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *) data, length);
  return g_strdup_printf ("bfg-%.8s", sha256);
}

/**
 * bfg_packets_register:
 *
 * Installs the packets' value provider in the engine, so that
 * %BFG_CHECK_KIND_ACCEPT_PACKET checks (rollback.auditPacket) bind the
 * checksum of the packet they name. The console and bfgctl call this once
 * at startup, before the first evaluation; calling it again is harmless.
 */
void
bfg_packets_register (void)
{
  bfg_engine_set_value_provider (provide_packet_checksum, NULL);
}
