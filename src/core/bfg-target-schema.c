/* bfg-target-schema.c: the runbook's PostgreSQL schema and the schema map
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshot, schema map, generator and dry-run share one log domain. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-replay"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bfg-target-schema.h"

#include <string.h>

#include "bfg-error.h"

/* The first four tables are the seed's SQL outline, verbatim; everything
 * after it only adds (columns with "add column if not exists", tables, RLS
 * and policies), so that the statement list runs twice in a row. */
static const char target_schema_sql[] =
  "create schema if not exists bfg_flowcontrol;\n"
  "\n"
  "create table if not exists bfg_flowcontrol.tenants (\n"
  "  tenant_id text primary key,\n"
  "  name text not null,\n"
  "  created_at timestamptz not null default now()\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.users (\n"
  "  user_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id),\n"
  "  role_key text not null,\n"
  "  display_name text not null,\n"
  "  permissions text[] not null default '{}'\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.scenario_snapshots (\n"
  "  snapshot_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id),\n"
  "  checksum text not null,\n"
  "  schema_version text not null,\n"
  "  payload jsonb not null,\n"
  "  created_at timestamptz not null default now()\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.audit_events (\n"
  "  event_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id),\n"
  "  actor_id text not null references bfg_flowcontrol.users(user_id),\n"
  "  source text not null,\n"
  "  payload jsonb not null,\n"
  "  created_at timestamptz not null default now()\n"
  ");\n"
  "\n"
  "-- The operations tables that BFGScenarioSnapshot.v1 carries. The desk of\n"
  "-- a user travels with it; user permissions become users.permissions.\n"
  "-- Their foreign keys are checked at once unless a session defers them:\n"
  "-- a bulk load may, and then checks every reference in one pass.\n"
  "alter table bfg_flowcontrol.users\n"
  "  add column if not exists desk text not null default '';\n"
  "\n"
  "create table if not exists bfg_flowcontrol.orders (\n"
  "  order_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id)\n"
  "    deferrable initially immediate,\n"
  "  client_id text not null references bfg_flowcontrol.users(user_id)\n"
  "    deferrable initially immediate,\n"
  "  origin_city text not null,\n"
  "  origin_country text not null,\n"
  "  destination_city text not null,\n"
  "  destination_country text not null,\n"
  "  pickup_at timestamptz not null,\n"
  "  delivery_due timestamptz not null,\n"
  "  weight_kg bigint not null,\n"
  "  pallets bigint not null,\n"
  "  status text not null,\n"
  "  price_minor bigint not null,\n"
  "  currency text not null\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.driver_events (\n"
  "  event_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id)\n"
  "    deferrable initially immediate,\n"
  "  order_id text not null references bfg_flowcontrol.orders(order_id)\n"
  "    deferrable initially immediate,\n"
  "  driver_id text not null references bfg_flowcontrol.users(user_id)\n"
  "    deferrable initially immediate,\n"
  "  kind text not null,\n"
  "  at timestamptz not null,\n"
  "  lat_e6 bigint not null,\n"
  "  lon_e6 bigint not null,\n"
  "  note text not null default ''\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.finance_events (\n"
  "  event_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id)\n"
  "    deferrable initially immediate,\n"
  "  order_id text not null references bfg_flowcontrol.orders(order_id)\n"
  "    deferrable initially immediate,\n"
  "  kind text not null check (kind in ('invoice', 'payment')),\n"
  "  invoice_number text not null,\n"
  "  ksef_number text,\n"
  "  seller_nip text not null,\n"
  "  buyer_nip text not null,\n"
  "  net_minor bigint not null,\n"
  "  vat_minor bigint not null,\n"
  "  gross_minor bigint not null,\n"
  "  currency text not null,\n"
  "  at timestamptz not null,\n"
  "  status text not null\n"
  ");\n"
  "\n"
  "create table if not exists bfg_flowcontrol.documents (\n"
  "  document_id text primary key,\n"
  "  tenant_id text not null references bfg_flowcontrol.tenants(tenant_id)\n"
  "    deferrable initially immediate,\n"
  "  order_id text not null references bfg_flowcontrol.orders(order_id)\n"
  "    deferrable initially immediate,\n"
  "  kind text not null,\n"
  "  file_name text not null,\n"
  "  sha256 text not null,\n"
  "  ocr_status text not null,\n"
  "  created_at timestamptz not null\n"
  ");\n"
  "\n"
  "create index if not exists driver_events_order\n"
  "  on bfg_flowcontrol.driver_events (order_id);\n"
  "create index if not exists finance_events_order\n"
  "  on bfg_flowcontrol.finance_events (order_id);\n"
  "create index if not exists documents_order\n"
  "  on bfg_flowcontrol.documents (order_id);\n"
  "\n"
  "-- Every tenant-scoped table: RLS enabled and forced, so that the owner is\n"
  "-- held to the policy as well; rows are read and written for the tenant\n"
  "-- named by the session's bfg.tenant_id only.\n"
  "alter table bfg_flowcontrol.tenants enable row level security;\n"
  "alter table bfg_flowcontrol.users enable row level security;\n"
  "alter table bfg_flowcontrol.scenario_snapshots enable row level security;\n"
  "alter table bfg_flowcontrol.audit_events enable row level security;\n"
  "alter table bfg_flowcontrol.orders enable row level security;\n"
  "alter table bfg_flowcontrol.driver_events enable row level security;\n"
  "alter table bfg_flowcontrol.finance_events enable row level security;\n"
  "alter table bfg_flowcontrol.documents enable row level security;\n"
  "\n"
  "alter table bfg_flowcontrol.tenants force row level security;\n"
  "alter table bfg_flowcontrol.users force row level security;\n"
  "alter table bfg_flowcontrol.scenario_snapshots force row level security;\n"
  "alter table bfg_flowcontrol.audit_events force row level security;\n"
  "alter table bfg_flowcontrol.orders force row level security;\n"
  "alter table bfg_flowcontrol.driver_events force row level security;\n"
  "alter table bfg_flowcontrol.finance_events force row level security;\n"
  "alter table bfg_flowcontrol.documents force row level security;\n"
  "\n"
  "drop policy if exists bfg_tenant_tenants on bfg_flowcontrol.tenants;\n"
  "drop policy if exists bfg_tenant_users on bfg_flowcontrol.users;\n"
  "drop policy if exists bfg_tenant_snapshots on bfg_flowcontrol.scenario_snapshots;\n"
  "drop policy if exists bfg_tenant_audit on bfg_flowcontrol.audit_events;\n"
  "drop policy if exists bfg_tenant_orders on bfg_flowcontrol.orders;\n"
  "drop policy if exists bfg_tenant_driver_events on bfg_flowcontrol.driver_events;\n"
  "drop policy if exists bfg_tenant_finance_events on bfg_flowcontrol.finance_events;\n"
  "drop policy if exists bfg_tenant_documents on bfg_flowcontrol.documents;\n"
  "\n"
  "create policy bfg_tenant_tenants on bfg_flowcontrol.tenants\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_users on bfg_flowcontrol.users\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_snapshots on bfg_flowcontrol.scenario_snapshots\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_audit on bfg_flowcontrol.audit_events\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_orders on bfg_flowcontrol.orders\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_driver_events on bfg_flowcontrol.driver_events\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_finance_events on bfg_flowcontrol.finance_events\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n"
  "create policy bfg_tenant_documents on bfg_flowcontrol.documents\n"
  "  using (tenant_id = current_setting('bfg.tenant_id', true))\n"
  "  with check (tenant_id = current_setting('bfg.tenant_id', true));\n";

static const char * const target_tables[] = {
  "tenants",
  "users",
  "scenario_snapshots",
  "audit_events",
  "orders",
  "driver_events",
  "finance_events",
  "documents",
  NULL
};

#define T BFG_FIELD_TEXT
#define I BFG_FIELD_INTEGER
#define TS BFG_FIELD_TIMESTAMP

static const BfgSchemaField tenants_fields[] = {
  { "tenant_id", T, FALSE, NULL, "tenants", "tenant_id", "text" },
  { "name", T, FALSE, NULL, "tenants", "name", "text" },
  { "created_at", TS, FALSE, NULL, "tenants", "created_at", "timestamptz" },
};

static const BfgSchemaField users_fields[] = {
  { "user_id", T, FALSE, NULL, "users", "user_id", "text" },
  { "tenant_id", T, FALSE, "tenants", "users", "tenant_id", "text" },
  { "role_key", T, FALSE, NULL, "users", "role_key", "text" },
  { "display_name", T, FALSE, NULL, "users", "display_name", "text" },
  { "desk", T, FALSE, NULL, "users", "desk", "text" },
};

static const BfgSchemaField user_permissions_fields[] = {
  { "user_id", T, FALSE, "users", "users", "user_id", "text" },
  { "permission", BFG_FIELD_TEXT_ELEMENT, FALSE, NULL,
    "users", "permissions", "text[]" },
};

static const BfgSchemaField orders_fields[] = {
  { "order_id", T, FALSE, NULL, "orders", "order_id", "text" },
  { "tenant_id", T, FALSE, "tenants", "orders", "tenant_id", "text" },
  { "client_id", T, FALSE, "users", "orders", "client_id", "text" },
  { "origin_city", T, FALSE, NULL, "orders", "origin_city", "text" },
  { "origin_country", T, FALSE, NULL, "orders", "origin_country", "text" },
  { "destination_city", T, FALSE, NULL, "orders", "destination_city", "text" },
  { "destination_country", T, FALSE, NULL,
    "orders", "destination_country", "text" },
  { "pickup_at", TS, FALSE, NULL, "orders", "pickup_at", "timestamptz" },
  { "delivery_due", TS, FALSE, NULL, "orders", "delivery_due", "timestamptz" },
  { "weight_kg", I, FALSE, NULL, "orders", "weight_kg", "bigint" },
  { "pallets", I, FALSE, NULL, "orders", "pallets", "bigint" },
  { "status", T, FALSE, NULL, "orders", "status", "text" },
  { "price_minor", I, FALSE, NULL, "orders", "price_minor", "bigint" },
  { "currency", T, FALSE, NULL, "orders", "currency", "text" },
};

static const BfgSchemaField driver_events_fields[] = {
  { "event_id", T, FALSE, NULL, "driver_events", "event_id", "text" },
  { "tenant_id", T, FALSE, "tenants", "driver_events", "tenant_id", "text" },
  { "order_id", T, FALSE, "orders", "driver_events", "order_id", "text" },
  { "driver_id", T, FALSE, "users", "driver_events", "driver_id", "text" },
  { "kind", T, FALSE, NULL, "driver_events", "kind", "text" },
  { "at", TS, FALSE, NULL, "driver_events", "at", "timestamptz" },
  { "lat_e6", I, FALSE, NULL, "driver_events", "lat_e6", "bigint" },
  { "lon_e6", I, FALSE, NULL, "driver_events", "lon_e6", "bigint" },
  { "note", T, FALSE, NULL, "driver_events", "note", "text" },
};

static const BfgSchemaField finance_events_fields[] = {
  { "event_id", T, FALSE, NULL, "finance_events", "event_id", "text" },
  { "tenant_id", T, FALSE, "tenants", "finance_events", "tenant_id", "text" },
  { "order_id", T, FALSE, "orders", "finance_events", "order_id", "text" },
  { "kind", T, FALSE, NULL, "finance_events", "kind", "text" },
  { "invoice_number", T, FALSE, NULL,
    "finance_events", "invoice_number", "text" },
  { "ksef_number", T, TRUE, NULL, "finance_events", "ksef_number", "text" },
  { "seller_nip", T, FALSE, NULL, "finance_events", "seller_nip", "text" },
  { "buyer_nip", T, FALSE, NULL, "finance_events", "buyer_nip", "text" },
  { "net_minor", I, FALSE, NULL, "finance_events", "net_minor", "bigint" },
  { "vat_minor", I, FALSE, NULL, "finance_events", "vat_minor", "bigint" },
  { "gross_minor", I, FALSE, NULL, "finance_events", "gross_minor", "bigint" },
  { "currency", T, FALSE, NULL, "finance_events", "currency", "text" },
  { "at", TS, FALSE, NULL, "finance_events", "at", "timestamptz" },
  { "status", T, FALSE, NULL, "finance_events", "status", "text" },
};

static const BfgSchemaField documents_fields[] = {
  { "document_id", T, FALSE, NULL, "documents", "document_id", "text" },
  { "tenant_id", T, FALSE, "tenants", "documents", "tenant_id", "text" },
  { "order_id", T, FALSE, "orders", "documents", "order_id", "text" },
  { "kind", T, FALSE, NULL, "documents", "kind", "text" },
  { "file_name", T, FALSE, NULL, "documents", "file_name", "text" },
  { "sha256", T, FALSE, NULL, "documents", "sha256", "text" },
  { "ocr_status", T, FALSE, NULL, "documents", "ocr_status", "text" },
  { "created_at", TS, FALSE, NULL, "documents", "created_at", "timestamptz" },
};

#undef T
#undef I
#undef TS

#define TABLE(name, target, batch, n_key) \
  { #name, target, batch, n_key, name##_fields, G_N_ELEMENTS (name##_fields) }

/* Batches, as the readiness plan declares them: the tenant seed carries
 * tenants, users and their claims; operationalReplay the orders, what
 * drivers report about them and their documents; financeLedger the KSeF
 * invoices and payments. auditTrail is the console's audit chain, which
 * the replay loads into audit_events beside these tables. */
static const BfgSchemaTable schema_map[] = {
  TABLE (tenants, "tenants", "seedTenantRbac", 1),
  TABLE (users, "users", "seedTenantRbac", 1),
  TABLE (user_permissions, "users", "seedTenantRbac", 2),
  TABLE (orders, "orders", "operationalReplay", 1),
  TABLE (driver_events, "driver_events", "operationalReplay", 1),
  TABLE (finance_events, "finance_events", "financeLedger", 1),
  TABLE (documents, "documents", "operationalReplay", 1),
};

#undef TABLE

/**
 * bfg_target_schema_sql:
 *
 * The runbook's SQL: schema `bfg_flowcontrol`, the seed's tenants, users,
 * scenario_snapshots and audit_events tables, the operations tables the
 * snapshot carries, and row-level security enabled and forced on every
 * tenant-scoped table with a `bfg.tenant_id` policy. Every statement is
 * idempotent: the whole text runs twice in a row on PostgreSQL 17.
 *
 * Returns: (transfer none): the SQL, statements separated by semicolons
 */
const char *
bfg_target_schema_sql (void)
{
  return target_schema_sql;
}

/**
 * bfg_target_schema_tables:
 *
 * Returns: (transfer none): the runbook's tables, %NULL-terminated, parents
 *   first
 */
const char * const *
bfg_target_schema_tables (void)
{
  return target_tables;
}

/**
 * bfg_schema_map_get_n_tables:
 *
 * Returns: how many ScenarioStore tables the schema map covers
 */
guint
bfg_schema_map_get_n_tables (void)
{
  return G_N_ELEMENTS (schema_map);
}

/**
 * bfg_schema_map_get_table:
 * @index: from 0 to bfg_schema_map_get_n_tables() - 1
 *
 * Returns: (transfer none): the table, parents before children
 */
const BfgSchemaTable *
bfg_schema_map_get_table (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (schema_map), NULL);

  return &schema_map[index];
}

/**
 * bfg_schema_map_lookup:
 * @name: a ScenarioStore table name
 *
 * Returns: (transfer none) (nullable): the table, or %NULL when the map has
 *   no such table
 */
const BfgSchemaTable *
bfg_schema_map_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schema_map); i++)
    {
      if (strcmp (schema_map[i].name, name) == 0)
        return &schema_map[i];
    }

  return NULL;
}

/**
 * bfg_schema_table_field_index:
 * @table: a table of the map
 * @field: a column name
 *
 * Returns: the column's position, or -1
 */
int
bfg_schema_table_field_index (const BfgSchemaTable *table,
                              const char           *field)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (field != NULL, -1);

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (strcmp (table->fields[i].name, field) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * bfg_field_type_to_string:
 * @type: a field type
 *
 * Returns: (transfer none): its name in snapshots and transcripts
 */
const char *
bfg_field_type_to_string (BfgFieldType type)
{
  switch (type)
    {
    case BFG_FIELD_TEXT:
      return "text";
    case BFG_FIELD_INTEGER:
      return "integer";
    case BFG_FIELD_TIMESTAMP:
      return "timestamp";
    case BFG_FIELD_TEXT_ELEMENT:
      return "text-element";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/**
 * bfg_field_type_is_compatible:
 * @type: a ScenarioStore field type
 * @target_type: a PostgreSQL column type, as format_type() spells it
 *
 * Whether every value of @type lands in @target_type and reads back as the
 * same bytes.
 *
 * Returns: %TRUE when compatible
 */
gboolean
bfg_field_type_is_compatible (BfgFieldType  type,
                              const char   *target_type)
{
  g_return_val_if_fail (target_type != NULL, FALSE);

  switch (type)
    {
    case BFG_FIELD_TEXT:
      return strcmp (target_type, "text") == 0;
    case BFG_FIELD_INTEGER:
      return strcmp (target_type, "bigint") == 0;
    case BFG_FIELD_TIMESTAMP:
      return strcmp (target_type, "timestamptz") == 0 ||
             strcmp (target_type, "timestamp with time zone") == 0;
    case BFG_FIELD_TEXT_ELEMENT:
      return strcmp (target_type, "text[]") == 0;
    default:
      return FALSE;
    }
}

/**
 * bfg_timestamp_is_canonical:
 * @text: the value
 * @len: its length in bytes
 *
 * Whether @text is a UTC time written `YYYY-MM-DDTHH:MM:SSZ`, the one form
 * that a timestamptz column gives back byte for byte.
 *
 * Returns: %TRUE when it is
 */
gboolean
bfg_timestamp_is_canonical (const char *text,
                            gsize       len)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int month, day, hour, minute, second;

  if (text == NULL || len != sizeof pattern - 1)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return FALSE;
    }

  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  hour = (text[11] - '0') * 10 + (text[12] - '0');
  minute = (text[14] - '0') * 10 + (text[15] - '0');
  second = (text[17] - '0') * 10 + (text[18] - '0');

  /* Day 31 of a 30-day month still passes here; PostgreSQL refuses it
   * during the replay, which names the row. */
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
         hour <= 23 && minute <= 59 && second <= 59;
}

static gboolean
declared_type_fits (BfgFieldType  type,
                    const char   *declared)
{
  if (type == BFG_FIELD_INTEGER)
    return g_ascii_strcasecmp (declared, "integer") == 0;

  return g_ascii_strcasecmp (declared, "text") == 0;
}

/**
 * bfg_schema_map_check_source:
 * @db: a workspace's database
 * @error: return location for a #GError
 *
 * Checks that every column of every ScenarioStore table in @db has a
 * runbook column of a compatible type, and that every mapped field exists.
 * The first field that does not fit is named, as table.column, in a
 * %BFG_DRY_RUN_ERROR_TYPE_MISMATCH or %BFG_DRY_RUN_ERROR_SCHEMA_MISSING
 * error.
 *
 * Returns: %TRUE when every field maps
 */
gboolean
bfg_schema_map_check_source (sqlite3  *db,
                             GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint t = 0; t < G_N_ELEMENTS (schema_map); t++)
    {
      const BfgSchemaTable *table = &schema_map[t];
      g_autofree char *sql = NULL;
      g_autofree gboolean *seen = g_new0 (gboolean, table->n_fields);
      sqlite3_stmt *stmt = NULL;
      int rc;

      sql = g_strdup_printf ("pragma table_info(\"%s\")", table->name);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                       _("Cannot read the columns of %s: %s"),
                       table->name, sqlite3_errmsg (db));
          return FALSE;
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 1);
          const char *declared = (const char *) sqlite3_column_text (stmt, 2);
          int index = bfg_schema_table_field_index (table, column);

          if (index < 0)
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_TYPE_MISMATCH,
                           _("%s.%s (%s) has no runbook column"),
                           table->name, column, declared ? declared : "");
              sqlite3_finalize (stmt);
              return FALSE;
            }
          if (declared == NULL ||
              !declared_type_fits (table->fields[index].type, declared) ||
              !bfg_field_type_is_compatible (table->fields[index].type,
                                             table->fields[index].target_type))
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_TYPE_MISMATCH,
                           _("%s.%s is %s but maps to %s.%s %s"),
                           table->name, column, declared ? declared : "untyped",
                           table->fields[index].target_table,
                           table->fields[index].target_column,
                           table->fields[index].target_type);
              sqlite3_finalize (stmt);
              return FALSE;
            }
          seen[index] = TRUE;
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        {
          g_set_error (error, BFG_SNAPSHOT_ERROR, BFG_SNAPSHOT_ERROR_SQLITE,
                       _("Cannot read the columns of %s: %s"),
                       table->name, sqlite3_errmsg (db));
          return FALSE;
        }

      for (guint f = 0; f < table->n_fields; f++)
        {
          if (!seen[f])
            {
              g_set_error (error, BFG_DRY_RUN_ERROR,
                           BFG_DRY_RUN_ERROR_SCHEMA_MISSING,
                           _("The workspace lacks %s.%s"),
                           table->name, table->fields[f].name);
              return FALSE;
            }
        }
    }

  return TRUE;
}
