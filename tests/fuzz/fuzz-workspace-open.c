/* fuzz-workspace-open.c: any file, opened as a workspace
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user can point the console at any file (Open workspace, or
 * bfgctl --workspace). The input is written to a file and opened the way
 * the console opens one; when the open succeeds, the workspace is read
 * the way the first window reads it: one evaluation of the plan and a
 * walk of the audit chain. None of it may crash, and a refusal must be a
 * workspace error that says why.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "bfg-audit.h"
#include "bfg-engine.h"
#include "bfg-error.h"
#include "bfg-workspace.h"
#include "fuzz-common.h"

/* A workspace page is 4 KiB; a few hundred of them reach every table. */
#define FUZZ_MAX_INPUT (1024 * 1024)

static char *workspace_path;
static char *wal_path;
static char *shm_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();

  workspace_path = g_build_filename (fuzz_common_tmpdir (), "fuzz.sqlite",
                                     NULL);
  wal_path = g_strconcat (workspace_path, "-wal", NULL);
  shm_path = g_strconcat (workspace_path, "-shm", NULL);

  return 0;
}

static void
read_like_the_console (BfgWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  BfgEval *eval;
  gint64 n_events = 0;

  eval = bfg_eval_new (workspace, &error);
  if (eval != NULL)
    bfg_eval_free (eval);
  else if (error == NULL)
    abort ();
  g_clear_error (&error);

  bfg_workspace_lock (workspace);
  if (!bfg_audit_verify (bfg_workspace_get_db (workspace), &n_events,
                         &error) && error == NULL)
    abort ();
  bfg_workspace_unlock (workspace);

  bfg_workspace_get_data_version (workspace);
  bfg_workspace_get_audit_count (workspace);
  g_free (bfg_workspace_dup_last_write (workspace));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BfgWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  if (size > FUZZ_MAX_INPUT)
    return -1;

  /* A WAL left by the previous input would be replayed into this one. */
  g_unlink (wal_path);
  g_unlink (shm_path);
  if (!fuzz_common_write (workspace_path, data, size))
    abort ();

  workspace = bfg_workspace_open (workspace_path,
                                  BFG_WORKSPACE_FLAGS_NO_CREATE, &error);
  if (workspace == NULL)
    {
      if (error == NULL || error->domain != BFG_WORKSPACE_ERROR)
        {
          g_printerr ("fuzz-workspace-open: refused without a workspace "
                      "error: %s\n", error ? error->message : "no error");
          abort ();
        }
      return 0;
    }

  read_like_the_console (workspace);

  return 0;
}
