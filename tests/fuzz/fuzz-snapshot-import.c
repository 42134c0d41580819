/* fuzz-snapshot-import.c: BFGScenarioSnapshot.v1 documents, imported
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `bfgctl snapshot import` reads a document that came from elsewhere.
 * The input is that document, imported into one demo workspace kept open
 * for the whole run. Whatever it holds, the import must not crash, must
 * refuse with an error rather than half-apply, and the workspace must
 * come out of a refusal exactly as it went in.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "bfg-audit.h"
#include "bfg-error.h"
#include "bfg-snapshot.h"
#include "bfg-workspace.h"
#include "fuzz-common.h"

/* The demo snapshot is some 40 KiB; ten times that is room enough. */
#define FUZZ_MAX_INPUT (512 * 1024)

/* The managing director holds evidence.record, which import needs. */
#define ACTOR "user_md_anna"

static BfgWorkspace *workspace;
static GFile *input_file;
static char *input_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fuzz_common_init ();

  path = g_build_filename (fuzz_common_tmpdir (), "workspace.sqlite", NULL);
  workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  if (workspace == NULL)
    {
      g_printerr ("fuzz-snapshot-import: no demo workspace: %s\n",
                  error->message);
      exit (1);
    }

  input_path = g_build_filename (fuzz_common_tmpdir (), "snapshot.json",
                                 NULL);
  input_file = g_file_new_for_path (input_path);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  BfgSnapshotDigest before;
  BfgSnapshotDigest after;
  gint64 events;
  gboolean ok;

  if (size > FUZZ_MAX_INPUT)
    return -1;

  if (!fuzz_common_write (input_path, data, size))
    abort ();

  events = bfg_workspace_get_audit_count (workspace);
  bfg_workspace_lock (workspace);
  ok = bfg_snapshot_compute_digests (bfg_workspace_get_db (workspace),
                                     &before, NULL, NULL);
  bfg_workspace_unlock (workspace);
  if (!ok)
    abort ();

  if (bfg_snapshot_import (workspace, ACTOR, input_file, NULL, NULL, &error))
    return 0;

  if (error == NULL || error->message == NULL)
    abort ();

  /* A refusal leaves the scenario and the audit trail as they were. */
  bfg_workspace_lock (workspace);
  ok = bfg_snapshot_compute_digests (bfg_workspace_get_db (workspace),
                                     &after, NULL, NULL);
  bfg_workspace_unlock (workspace);
  if (!ok || g_strcmp0 (before.checksum, after.checksum) != 0 ||
      bfg_workspace_get_audit_count (workspace) != events)
    {
      g_printerr ("fuzz-snapshot-import: a refused import changed the "
                  "workspace: %s\n", error->message);
      abort ();
    }

  return 0;
}
