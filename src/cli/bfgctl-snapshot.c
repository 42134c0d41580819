/* bfgctl-snapshot.c: bfgctl snapshot export|import
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "bfg-snapshot.h"
#include "bfgctl.h"

static void
print_digest (const BfgSnapshotDigest *digest,
              const char              *verb,
              const char              *path,
              gboolean                 json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, BFG_SNAPSHOT_ID);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_array (builder);
      for (guint i = 0; i < digest->n_tables; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, digest->tables[i].name);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, digest->tables[i].count);
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, digest->tables[i].sha256);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, digest->total_rows);
      json_builder_set_member_name (builder, "checksum");
      json_builder_add_string_value (builder, digest->short_checksum);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, digest->checksum);
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      bfgctl_print_json (node);
      return;
    }

  /* TRANSLATORS: the first %s is "exported" or "imported" as the
   * translated verb; the second a file name; the third a checksum such
   * as bfg-0123abcd. The row count is grouped by the locale (%'). */
  printf (_("%s %s: %'" PRId64 " rows, checksum %s\n"), verb, path,
          digest->total_rows, digest->short_checksum);
}

static int
snapshot_command (BfgctlContext  *ctx,
                  int             argc,
                  char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *actor = NULL;
  gboolean json = FALSE;
  gboolean import;
  BfgSnapshotDigest digest;
  BfgWorkspace *workspace;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor,
      N_("Acting actor (import)"), "ACTOR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options ("export|import FILE", entries, &argc, &argv,
                             &error))
    return bfgctl_usage ("%s", error->message);

  if (argc != 3 ||
      (!g_str_equal (argv[1], "export") && !g_str_equal (argv[1], "import")))
    return bfgctl_usage (_("snapshot needs “export FILE” or “import FILE”"));

  import = g_str_equal (argv[1], "import");
  if (import && actor == NULL)
    return bfgctl_usage (_("snapshot import needs --as ACTOR"));

  workspace = bfgctl_open_workspace (ctx, import, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  if (import)
    {
      if (!bfg_snapshot_import (workspace, actor, file, &digest, NULL, &error))
        return bfgctl_fail (error);
      print_digest (&digest, _("Imported"), argv[2], json);
    }
  else
    {
      if (!bfg_snapshot_export (workspace, file, &digest, NULL, &error))
        return bfgctl_fail (error);
      print_digest (&digest, _("Exported"), argv[2], json);
    }

  return BFGCTL_EXIT_OK;
}

BFGCTL_REGISTER_COMMAND ("snapshot", snapshot_command,
                         N_("Export or import a BFGScenarioSnapshot.v1 file"))
