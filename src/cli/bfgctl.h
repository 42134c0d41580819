/* bfgctl.h: what every bfgctl command shares
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A command lives in its own file, src/cli/bfgctl-<name>.c, and registers
 * itself with BFGCTL_REGISTER_COMMAND(); bfgctl.c never has to list it.
 * Add the file to bfgctl_sources in src/cli/meson.build.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bfg-core.h"

G_BEGIN_DECLS

/* Exit codes, fixed by the CLI contract. */
#define BFGCTL_EXIT_OK     0
#define BFGCTL_EXIT_FAILED 1
#define BFGCTL_EXIT_USAGE  2

typedef struct _BfgctlContext BfgctlContext;

/**
 * BfgctlContext:
 * @workspace_path: the --workspace option, or %NULL for the default path
 *
 * The state one bfgctl run shares between main() and the command.
 */
struct _BfgctlContext
{
  const char   *workspace_path;

  /*< private >*/
  BfgWorkspace *workspace;
  BfgEngine    *engine;
};

/**
 * BfgctlHandler:
 * @ctx: the shared context
 * @argc: the number of arguments, the command name included
 * @argv: the arguments; argv[0] is the command name
 *
 * Runs one command.
 *
 * Returns: a BFGCTL_EXIT_* code
 */
typedef int (*BfgctlHandler) (BfgctlContext  *ctx,
                              int             argc,
                              char          **argv);

void          bfgctl_register_command (const char      *name,
                                       BfgctlHandler    handler,
                                       const char      *summary);

/**
 * BFGCTL_REGISTER_COMMAND:
 * @name: the command word, a string literal
 * @handler: its #BfgctlHandler
 * @summary: a one-line description for the usage text, marked with N_()
 *
 * Registers a command when the program starts.
 */
#define BFGCTL_REGISTER_COMMAND(name, handler, summary) \
  __attribute__((constructor)) static void \
  bfgctl_register_##handler (void) \
  { \
    bfgctl_register_command (name, handler, summary); \
  }

BfgWorkspace *bfgctl_open_workspace   (BfgctlContext   *ctx,
                                       gboolean         writable,
                                       GError         **error);
BfgEngine    *bfgctl_get_engine       (BfgctlContext   *ctx,
                                       GError         **error);

gboolean      bfgctl_parse_options    (const char      *parameter_string,
                                       GOptionEntry    *entries,
                                       int             *argc,
                                       char          ***argv,
                                       GError         **error);

int           bfgctl_fail             (const GError    *error);
int           bfgctl_usage            (const char      *format,
                                       ...) G_GNUC_PRINTF (1, 2);
void          bfgctl_print_json       (JsonNode        *node);

G_END_DECLS
