/* bfg-bench-replay.c: the replay benchmark's helper
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bfg-bench-replay generate WORKSPACE N     demo workspace + N ops rows
 *   bfg-bench-replay export WORKSPACE FILE    snapshot export with digest
 *   bfg-bench-replay dry-run WORKSPACE        dry-run against BFG_BENCH_PG_*
 *   bfg-bench-replay schema                   print the runbook SQL
 *
 * Each prints one "name seconds rows" line on stdout for replay.sh.
 */

#include <stdio.h>
#include <stdlib.h>

#include "bfg-core.h"
#include "bfg-demo-ops.h"
#include "bfg-dry-run.h"
#include "bfg-snapshot.h"
#include "bfg-target-schema.h"

static BfgWorkspace *
open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  BfgWorkspace *ws = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);

  if (ws == NULL)
    g_error ("%s", error->message);

  return ws;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (argc == 2 && g_str_equal (argv[1], "schema"))
    {
      fputs (bfg_target_schema_sql (), stdout);
      return 0;
    }
  if (argc < 3)
    return 2;

  if (g_str_equal (argv[1], "generate") && argc == 4)
    {
      g_autoptr(BfgWorkspace) ws = NULL;

      if (!bfg_workspace_write_demo (argv[2], TRUE, &error))
        g_error ("%s", error->message);
      ws = open_workspace (argv[2]);
      start = g_get_monotonic_time ();
      if (!bfg_demo_generate_operations (bfg_workspace_get_db (ws),
                                         g_ascii_strtoull (argv[3], NULL, 10),
                                         TRUE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("generate %.3f %s\n",
              (g_get_monotonic_time () - start) / 1e6, argv[3]);
    }
  else if (g_str_equal (argv[1], "export") && argc == 4)
    {
      g_autoptr(BfgWorkspace) ws = open_workspace (argv[2]);
      g_autoptr(GFile) file = g_file_new_for_path (argv[3]);
      BfgSnapshotDigest digest;

      start = g_get_monotonic_time ();
      if (!bfg_snapshot_export (ws, file, &digest, NULL, &error))
        g_error ("%s", error->message);
      printf ("export %.3f %" G_GINT64_FORMAT " %s\n",
              (g_get_monotonic_time () - start) / 1e6, digest.total_rows,
              digest.short_checksum);
    }
  else if (g_str_equal (argv[1], "dry-run") && argc == 3)
    {
      g_autoptr(BfgWorkspace) ws = open_workspace (argv[2]);
      g_autoptr(BfgDryRunOptions) options = bfg_dry_run_options_new ("user_dispatcher_marek");
      g_autoptr(BfgEndpoint) endpoint = NULL;
      g_autoptr(BfgDryRunResult) result = NULL;
      const char *host = g_getenv ("BFG_TEST_PG_HOST");

      if (host != NULL)
        {
          endpoint = bfg_endpoint_new (host,
                                       (guint) atoi (g_getenv ("BFG_TEST_PG_PORT")),
                                       g_getenv ("BFG_TEST_PG_DATABASE"),
                                       g_getenv ("BFG_TEST_PG_USER"),
                                       BFG_SSL_MODE_VERIFY_FULL,
                                       g_getenv ("BFG_TEST_PG_CA"));
          bfg_dry_run_options_set_endpoint (options, endpoint);
          bfg_dry_run_options_set_password (options,
                                            g_getenv ("BFG_TEST_PG_PASSWORD"));
        }
      result = bfg_dry_run_sync (ws, options, NULL, &error);
      if (result == NULL)
        g_error ("%s", error->message);
      for (const char * const *id = bfg_dry_run_step_ids (); *id; id++)
        printf ("%s %.3f %" G_GINT64_FORMAT " %s\n", *id,
                bfg_dry_run_result_get_step_ms (result, *id) / 1e3,
                bfg_dry_run_result_get_step_rows (result, *id),
                bfg_dry_run_status_to_string (bfg_dry_run_result_get_step_status (result, *id)));
      printf ("dry-run %.3f\n", (g_get_monotonic_time () - start) / 1e6);
      return bfg_dry_run_result_get_passed (result) ? 0 : 1;
    }
  else
    return 2;

  return 0;
}
