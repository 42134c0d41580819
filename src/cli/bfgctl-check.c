/* bfgctl-check.c: accept, revoke, choose and record
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thin wrappers: the core checks the actor, the permission, the blocking
 * checks and separation of duties, and audits the change.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bfgctl.h"

typedef enum
{
  VERB_ACCEPT,
  VERB_REVOKE,
  VERB_CHOOSE,
  VERB_RECORD,
} Verb;

static int
run_verb (BfgctlContext  *ctx,
          Verb            verb,
          int             argc,
          char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *note = NULL;
  BfgWorkspace *workspace;
  const char *command = argv[0];
  guint n_positional = verb == VERB_CHOOSE ? 2 : 1;
  gboolean takes_note = verb == VERB_ACCEPT || verb == VERB_RECORD;
  gboolean ok = FALSE;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &actor,
      N_("The acting actor's id"), N_("ACTOR") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("A note to keep with it"), N_("TEXT") },
    { NULL }
  };

  /* revoke and choose take no note. */
  if (!takes_note)
    entries[1] = (GOptionEntry) { NULL };

  if (!bfgctl_parse_options (verb == VERB_CHOOSE ? "CHECK VALUE" : "CHECK",
                             entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if ((guint) argc != n_positional + 1)
    return bfgctl_usage (verb == VERB_CHOOSE
                           ? _("%s needs a check id and a value")
                           : _("%s needs a check id"), command);

  if (actor == NULL)
    return bfgctl_usage (_("%s needs --as ACTOR"), command);

  workspace = bfgctl_open_workspace (ctx, TRUE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  switch (verb)
    {
    case VERB_ACCEPT:
      ok = bfg_workspace_accept (workspace, actor, argv[1], note, &error);
      break;
    case VERB_REVOKE:
      ok = bfg_workspace_revoke (workspace, actor, argv[1], &error);
      break;
    case VERB_CHOOSE:
      ok = bfg_workspace_choose (workspace, actor, argv[1], argv[2], &error);
      break;
    case VERB_RECORD:
      ok = bfg_workspace_record (workspace, actor, argv[1], note, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return bfgctl_fail (error);

  return BFGCTL_EXIT_OK;
}

static int
accept_command (BfgctlContext *ctx, int argc, char **argv)
{
  return run_verb (ctx, VERB_ACCEPT, argc, argv);
}

static int
revoke_command (BfgctlContext *ctx, int argc, char **argv)
{
  return run_verb (ctx, VERB_REVOKE, argc, argv);
}

static int
choose_command (BfgctlContext *ctx, int argc, char **argv)
{
  return run_verb (ctx, VERB_CHOOSE, argc, argv);
}

static int
record_command (BfgctlContext *ctx, int argc, char **argv)
{
  return run_verb (ctx, VERB_RECORD, argc, argv);
}

BFGCTL_REGISTER_COMMAND ("accept", accept_command,
                         N_("Accept a check's evidence: CHECK --as ACTOR"))
BFGCTL_REGISTER_COMMAND ("revoke", revoke_command,
                         N_("Revoke a check's acceptance: CHECK --as ACTOR"))
BFGCTL_REGISTER_COMMAND ("choose", choose_command,
                         N_("Choose a value: CHECK VALUE --as ACTOR"))
BFGCTL_REGISTER_COMMAND ("record", record_command,
                         N_("Record evidence: CHECK --as ACTOR"))
