/* bfgctl-audit.c: bfgctl audit verify|list
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both stream the chain, so a million events cost time, not memory.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bfgctl.h"

typedef struct
{
  gboolean json;
  gboolean first;
} ListState;

static gboolean
print_event (const BfgAuditEvent *event,
             gpointer             user_data)
{
  ListState *state = user_data;

  if (state->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, event->seq);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, event->time);
      json_builder_set_member_name (builder, "actor");
      json_builder_add_string_value (builder, event->actor);
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, event->action);
      json_builder_set_member_name (builder, "check");
      if (event->check != NULL)
        json_builder_add_string_value (builder, event->check);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "detail");
      if (event->detail != NULL)
        json_builder_add_string_value (builder, event->detail);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "prev_hash");
      json_builder_add_string_value (builder, event->prev_hash);
      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, event->hash);
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      printf ("%s  %s", state->first ? "" : ",\n", text);
    }
  else
    printf ("%6" G_GINT64_FORMAT "  %s  %-24s %-14s %s  %s\n", event->seq,
            event->time, event->actor, event->action,
            event->check != NULL ? event->check : "-",
            event->detail != NULL ? event->detail : "");

  state->first = FALSE;

  return TRUE;
}

static int
audit_command (BfgctlContext  *ctx,
               int             argc,
               char          **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  BfgWorkspace *workspace;
  sqlite3 *db;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options ("verify|list", entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (argc != 2 ||
      (!g_str_equal (argv[1], "verify") && !g_str_equal (argv[1], "list")))
    return bfgctl_usage (_("audit needs “verify” or “list”"));

  workspace = bfgctl_open_workspace (ctx, FALSE, &error);
  if (workspace == NULL)
    return bfgctl_fail (error);

  db = bfg_workspace_get_db (workspace);

  if (g_str_equal (argv[1], "verify"))
    {
      gint64 n_events = 0;
      char number[64];

      if (!bfg_audit_verify (db, &n_events, &error))
        return bfgctl_fail (error);

      /* Grouped as the locale groups digits */
      g_snprintf (number, sizeof number, "%'" G_GINT64_FORMAT, n_events);
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "The audit chain is intact: %s event verified\n",
                           "The audit chain is intact: %s events verified\n",
                           (gulong) n_events),
              number);
      return BFGCTL_EXIT_OK;
    }
  else
    {
      ListState state = { json, TRUE };

      if (json)
        printf ("[\n");
      if (!bfg_audit_foreach (db, 0, -1, print_event, &state, &error))
        return bfgctl_fail (error);
      if (json)
        printf ("%s]\n", state.first ? "" : "\n");
      return BFGCTL_EXIT_OK;
    }
}

BFGCTL_REGISTER_COMMAND ("audit", audit_command,
                         N_("Verify or list the audit chain"))
