/* bfg-target-schema.h: the runbook's PostgreSQL schema and the schema map
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/**
 * BFG_TARGET_SCHEMA:
 *
 * The PostgreSQL schema that ProductionAdapterMigrationRunbook.v1 creates.
 */
#define BFG_TARGET_SCHEMA "bfg_flowcontrol"

/**
 * BfgFieldType:
 * @BFG_FIELD_TEXT: sqlite text; PostgreSQL text
 * @BFG_FIELD_INTEGER: sqlite integer; PostgreSQL bigint
 * @BFG_FIELD_TIMESTAMP: sqlite text holding a UTC time written
 *   `YYYY-MM-DDTHH:MM:SSZ`; PostgreSQL timestamptz. Only that form maps
 *   back to the same bytes, so any other form is a type mismatch.
 * @BFG_FIELD_TEXT_ELEMENT: sqlite text that becomes one element of a
 *   PostgreSQL text[] (a permission in users.permissions)
 *
 * The type of a ScenarioStore field, which fixes its target column type.
 */
typedef enum
{
  BFG_FIELD_TEXT,
  BFG_FIELD_INTEGER,
  BFG_FIELD_TIMESTAMP,
  BFG_FIELD_TEXT_ELEMENT,
} BfgFieldType;

/**
 * BfgSchemaField:
 * @name: the ScenarioStore column
 * @type: its type
 * @nullable: whether it may be NULL
 * @references: the ScenarioStore table whose primary key it refers to, or
 *   %NULL
 * @target_table: the runbook table it lands in
 * @target_column: the runbook column it lands in
 * @target_type: the runbook column's PostgreSQL type
 *
 * One row of the schema map.
 */
typedef struct
{
  const char   *name;
  BfgFieldType  type;
  gboolean      nullable;
  const char   *references;
  const char   *target_table;
  const char   *target_column;
  const char   *target_type;
} BfgSchemaField;

/**
 * BfgSchemaTable:
 * @name: the ScenarioStore table
 * @target_table: the runbook table most of its fields land in
 * @batch: the data batch (check id suffix in data-batches) that replays it
 * @n_key: how many leading fields form the primary key
 * @fields: the fields, in column order
 * @n_fields: how many fields
 *
 * One ScenarioStore table and where it goes. Tables are listed parents
 * first, so that loading in list order satisfies every reference.
 */
typedef struct
{
  const char           *name;
  const char           *target_table;
  const char           *batch;
  guint                 n_key;
  const BfgSchemaField *fields;
  guint                 n_fields;
} BfgSchemaTable;

const char           *bfg_target_schema_sql        (void);
const char * const   *bfg_target_schema_tables     (void);

guint                 bfg_schema_map_get_n_tables  (void);
const BfgSchemaTable *bfg_schema_map_get_table     (guint               index);
const BfgSchemaTable *bfg_schema_map_lookup        (const char         *name);
int                   bfg_schema_table_field_index (const BfgSchemaTable *table,
                                                    const char         *field);
const char           *bfg_field_type_to_string     (BfgFieldType        type);
gboolean              bfg_field_type_is_compatible (BfgFieldType        type,
                                                    const char         *target_type);
gboolean              bfg_timestamp_is_canonical   (const char         *text,
                                                    gsize               len);

gboolean              bfg_schema_map_check_source  (sqlite3            *db,
                                                    GError            **error);

G_END_DECLS
