/* bfgctl-status.c: bfgctl status and bfgctl checks
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both print what the engine computed; neither counts anything itself.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "bfg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bfgctl.h"

static void
add_section (JsonBuilder *builder,
             BfgSection  *section)
{
  BfgSection *batches = bfg_section_get_batches (section);
  const char *decision = bfg_section_get_decision (section);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bfg_section_get_id (section));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, bfg_section_get_title (section));
  json_builder_set_member_name (builder, "ready");
  json_builder_add_int_value (builder, bfg_section_get_ready (section));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, bfg_section_get_total (section));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder,
                                 bfg_check_state_to_string (
                                   bfg_section_get_state (section)));
  json_builder_set_member_name (builder, "decision");
  if (decision != NULL)
    json_builder_add_string_value (builder, decision);
  else
    json_builder_add_null_value (builder);

  if (batches != NULL)
    {
      json_builder_set_member_name (builder, "batches");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ready");
      json_builder_add_int_value (builder, bfg_section_get_ready (batches));
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, bfg_section_get_total (batches));
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static void
print_status_json (BfgEngine *engine)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  BfgDecisions *decisions = bfg_engine_get_decisions (engine);
  GListModel *sections = bfg_engine_get_sections (engine);
  const BfgDecisionInfo *infos;
  const char *check;
  guint n_infos;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(BfgSection) section = g_list_model_get_item (sections, i);

      add_section (builder, section);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "integration_percent");
  json_builder_add_int_value (builder,
                              bfg_decisions_get_integration_percent (decisions));

  json_builder_set_member_name (builder, "decisions");
  json_builder_begin_object (builder);
  infos = bfg_plan_get_decisions (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      json_builder_set_member_name (builder, infos[i].id);
      json_builder_add_string_value (builder,
                                     bfg_decisions_get_code (decisions,
                                                             infos[i].id));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "production");
  json_builder_add_string_value (builder,
                                 bfg_decisions_get_production_label (decisions));

  json_builder_set_member_name (builder, "recommended_action");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder,
                                 bfg_decisions_get_recommended_title (decisions));
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder,
                                 bfg_decisions_get_recommended_reason (decisions));
  json_builder_set_member_name (builder, "check");
  check = bfg_decisions_get_recommended_check (decisions);
  if (check != NULL)
    json_builder_add_string_value (builder, check);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "last_write");
  if (bfg_decisions_get_last_write (decisions) != NULL)
    json_builder_add_string_value (builder,
                                   bfg_decisions_get_last_write (decisions));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "audit_events");
  json_builder_add_int_value (builder,
                              bfg_decisions_get_audit_count (decisions));

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  bfgctl_print_json (root);
}

/* Translated state names differ in length ("Next" is "Siguiente" in
 * Spanish) and may hold multibyte characters, which printf's %-8s counts
 * as bytes. Padding to the widest label, in characters, keeps the columns
 * that follow aligned in every language. */
static char *
dup_state_column (BfgCheckState state)
{
  const char *label = bfg_check_state_to_label (state);
  glong widest = 0;
  glong width;

  for (int s = BFG_CHECK_STATE_BLOCKED; s <= BFG_CHECK_STATE_STALE; s++)
    widest = MAX (widest, g_utf8_strlen (bfg_check_state_to_label (s), -1));
  width = g_utf8_strlen (label, -1);

  return g_strdup_printf ("%s%*s", label, (int) (widest - width), "");
}

static void
print_status_text (BfgEngine *engine)
{
  BfgDecisions *decisions = bfg_engine_get_decisions (engine);
  GListModel *sections = bfg_engine_get_sections (engine);
  const BfgDecisionInfo *infos;
  const char *last_write = bfg_decisions_get_last_write (decisions);
  const char *check = bfg_decisions_get_recommended_check (decisions);
  g_autofree char *last_write_text = last_write != NULL ? bfg_format_local_time (last_write) : NULL;
  guint n_infos;

  printf (_("%u/%u integration gates are ready; integration %u%%\n"),
          bfg_decisions_get_gates_ready (decisions),
          bfg_decisions_get_gates_total (decisions),
          bfg_decisions_get_integration_percent (decisions));
  /* Translators: %s is GO or NO-GO, which stay untranslated */
  printf (_("Production %s\n"),
          bfg_decisions_get_production_label (decisions));
  printf (_("Last write: %s\n"),
          last_write_text != NULL ? last_write_text : _("no write yet"));

  printf ("\n%s\n  %s\n  %s\n", _("Recommended action:"),
          bfg_decisions_get_recommended_title (decisions),
          bfg_decisions_get_recommended_reason (decisions));
  if (check != NULL)
    printf (_("  Check: %s\n"), check);

  printf ("\n%s\n", _("Sections:"));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(BfgSection) section = g_list_model_get_item (sections, i);
      BfgSection *batches = bfg_section_get_batches (section);
      const char *decision = bfg_section_get_decision (section);

      g_autofree char *state = dup_state_column (bfg_section_get_state (section));

      printf ("  %-20s %5s  %s %s",
              bfg_section_get_id (section),
              bfg_section_get_counts_label (section),
              state, bfg_section_get_title (section));
      if (batches != NULL)
        printf (_(" (batches %s)"), bfg_section_get_counts_label (batches));
      if (decision != NULL)
        printf ("  [%s]", decision);
      printf ("\n");
    }

  printf ("\n%s\n", _("Decisions:"));
  infos = bfg_plan_get_decisions (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    printf ("  %-14s %s\n", infos[i].id,
            bfg_decisions_get_code (decisions, infos[i].id));
}

static int
status_command (BfgctlContext  *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  BfgEngine *engine;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (argc != 1)
    return bfgctl_usage (_("status takes no arguments"));

  engine = bfgctl_get_engine (ctx, &error);
  if (engine == NULL)
    return bfgctl_fail (error);

  if (json)
    print_status_json (engine);
  else
    print_status_text (engine);

  return BFGCTL_EXIT_OK;
}

BFGCTL_REGISTER_COMMAND ("status", status_command,
                         N_("Show every section, decision and the next action"))

static void
add_check_json (JsonBuilder *builder,
                BfgCheck    *check)
{
  const char * const *requires = bfg_check_get_requires (check);
  const char *summary = bfg_check_get_evidence_summary (check);
  const char *value = bfg_check_get_value (check);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bfg_check_get_id (check));
  json_builder_set_member_name (builder, "section");
  json_builder_add_string_value (builder, bfg_check_get_section (check));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, bfg_check_get_title (check));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder,
                                 bfg_check_state_to_string (
                                   bfg_check_get_state (check)));
  json_builder_set_member_name (builder, "owner");
  json_builder_add_string_value (builder, bfg_check_get_owner (check));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 bfg_check_kind_to_string (
                                   bfg_check_get_kind (check)));
  json_builder_set_member_name (builder, "requires");
  json_builder_begin_array (builder);
  for (guint i = 0; requires != NULL && requires[i] != NULL; i++)
    json_builder_add_string_value (builder, requires[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "evidence");
  if (summary != NULL)
    json_builder_add_string_value (builder, summary);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "value");
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static int
checks_command (BfgctlContext  *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *section_id = NULL;
  gboolean json = FALSE;
  const BfgCheckInfo *infos;
  BfgEngine *engine;
  guint n_infos;
  GOptionEntry entries[] = {
    { "section", 0, 0, G_OPTION_ARG_STRING, &section_id,
      N_("Only the checks of this section"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!bfgctl_parse_options (NULL, entries, &argc, &argv, &error))
    return bfgctl_usage ("%s", error->message);

  if (argc != 1)
    return bfgctl_usage (_("checks takes no arguments"));

  if (section_id != NULL && bfg_plan_lookup_section (section_id) == NULL)
    return bfgctl_usage (_("There is no section %s"), section_id);

  engine = bfgctl_get_engine (ctx, &error);
  if (engine == NULL)
    return bfgctl_fail (error);

  json_builder_begin_array (builder);
  infos = bfg_plan_get_checks (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      BfgCheck *check = bfg_engine_get_check (engine, infos[i].id);

      if (section_id != NULL && !g_str_equal (infos[i].section, section_id))
        continue;

      if (json)
        add_check_json (builder, check);
      else
        {
          g_autofree char *state = dup_state_column (bfg_check_get_state (check));

          printf ("%s %-55s %-22s %s\n", state,
                  bfg_check_get_id (check), bfg_check_get_owner (check),
                  bfg_check_get_evidence_summary (check));
        }
    }
  json_builder_end_array (builder);

  if (json)
    {
      root = json_builder_get_root (builder);
      bfgctl_print_json (root);
    }

  return BFGCTL_EXIT_OK;
}

BFGCTL_REGISTER_COMMAND ("checks", checks_command,
                         N_("List the checks with their state and owner"))
