/* test-engine.c: the readiness engine on the demo and on the way to GO
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bfg-packets.h"
#include "test-core-util.h"

typedef TestEngineFixture Fixture;

static void
test_plan_is_dag (void)
{
  g_autofree char *cycle = NULL;
  const BfgCheckInfo *checks;
  guint n_checks;

  g_assert_true (bfg_plan_check_graph (&cycle));
  g_assert_null (cycle);

  /* Every reference names something that exists. */
  checks = bfg_plan_get_checks (&n_checks);
  for (guint i = 0; i < n_checks; i++)
    {
      const char * const *lists[] = { checks[i].requires, checks[i].inputs };

      g_assert_nonnull (bfg_plan_lookup_section (checks[i].section));
      g_assert_true (checks[i].kind == BFG_CHECK_KIND_DERIVED ||
                     checks[i].inputs == NULL);
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint j = 0; lists[l] != NULL && lists[l][j] != NULL; j++)
          {
            const char *ref = lists[l][j];

            if (g_str_has_prefix (ref, "section:"))
              g_assert_nonnull (bfg_plan_lookup_section (ref + 8));
            else
              g_assert_nonnull (bfg_plan_lookup_check (ref));
          }
    }
}

static void
test_demo_numbers (Fixture       *f,
                   gconstpointer  data)
{
  BfgDecisions *decisions = bfg_engine_get_decisions (f->engine);
  GListModel *sections = bfg_engine_get_sections (f->engine);
  const char *expected_ids[] = {
    "providers", "gates", "provider-acceptance", "infrastructure", "wiring",
    "cutover-checklist", "decision-board", "runbook", "data-cutover",
    "connection", "dry-run", "preflight", "release", "rollback",
    "environments",
  };

  g_assert_cmpuint (g_list_model_get_n_items (sections), ==,
                    G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(BfgSection) section = g_list_model_get_item (sections, i);

      g_assert_cmpstr (bfg_section_get_id (section), ==, expected_ids[i]);
    }

  test_assert_counts (f->engine, "providers", 6, 6);
  test_assert_counts (f->engine, "gates", 2, 9);
  test_assert_counts (f->engine, "provider-acceptance", 0, 4);
  test_assert_counts (f->engine, "infrastructure", 0, 4);
  test_assert_counts (f->engine, "wiring", 0, 7);
  test_assert_counts (f->engine, "cutover-checklist", 0, 6);
  test_assert_counts (f->engine, "decision-board", 1, 7);
  test_assert_counts (f->engine, "runbook", 1, 6);
  test_assert_counts (f->engine, "data-cutover", 0, 5);
  test_assert_counts (f->engine, "data-batches", 1, 4);
  test_assert_counts (f->engine, "connection", 0, 4);
  test_assert_counts (f->engine, "dry-run", 0, 5);
  test_assert_counts (f->engine, "preflight", 1, 5);
  test_assert_counts (f->engine, "release", 3, 5);
  test_assert_counts (f->engine, "rollback", 0, 4);
  test_assert_counts (f->engine, "environments", 1, 3);

  g_assert_true (bfg_section_get_batches (
                   bfg_engine_get_section (f->engine, "data-cutover")) ==
                 bfg_engine_get_section (f->engine, "data-batches"));

  g_assert_cmpuint (bfg_engine_get_integration_percent (f->engine), ==, 56);
  g_assert_cmpuint (bfg_decisions_get_integration_percent (decisions), ==, 56);
  g_assert_cmpuint (bfg_decisions_get_gates_ready (decisions), ==, 2);
  g_assert_cmpuint (bfg_decisions_get_gates_total (decisions), ==, 9);

  g_assert_cmpstr (bfg_decisions_get_code (decisions, "runbook"), ==,
                   "BLOCKED_PENDING_PREFLIGHT");
  g_assert_cmpstr (bfg_decisions_get_code (decisions, "release"), ==,
                   "BLOCKED_PENDING_DRY_RUN");
  g_assert_cmpstr (bfg_decisions_get_code (decisions, "rollback"), ==,
                   "BLOCKED_PENDING_DRY_RUN");
  g_assert_cmpstr (bfg_decisions_get_code (decisions, "data-cutover"), ==,
                   "BLOCKED_PENDING_DATA_CUTOVER");
  g_assert_cmpstr (bfg_decisions_get_code (decisions, "wiring"), ==,
                   "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
  g_assert_cmpstr (bfg_decisions_get_code (decisions, "production"), ==,
                   "BLOCKED_PENDING_DRY_RUN");
  g_assert_false (bfg_engine_is_production_go (f->engine));
  g_assert_cmpstr (bfg_decisions_get_production_label (decisions), ==,
                   "NO-GO");

  g_assert_cmpstr (bfg_decisions_get_recommended_title (decisions), ==,
                   "Record adapter connection evidence");
  g_assert_cmpstr (bfg_decisions_get_recommended_reason (decisions), ==,
                   "Connection checks show 0/4; record the redacted endpoint "
                   "packet before dry-run.");
  g_assert_cmpstr (bfg_decisions_get_recommended_check (decisions), ==,
                   "connection.reachability");

  /* The demo has had no write. */
  g_assert_null (bfg_decisions_get_last_write (decisions));
  g_assert_cmpint (bfg_decisions_get_audit_count (decisions), ==, 0);
  g_assert_cmpint (g_list_model_get_n_items (bfg_engine_get_actors (f->engine)),
                   ==, 5);
  g_assert_cmpint (g_list_model_get_n_items (
                     bfg_engine_get_providers (f->engine)), ==, 6);
}

static void
test_demo_states (Fixture       *f,
                  gconstpointer  data)
{
  struct { const char *id; BfgCheckState state; const char *summary; } rows[] = {
    { "gates.providers", BFG_CHECK_STATE_READY, "6/6" },
    { "gates.sessionAdapter", BFG_CHECK_STATE_READY, "single-tenant-local" },
    { "gates.preflight", BFG_CHECK_STATE_NEXT, "1/5" },
    { "db-auth-session-adapter.infrastructureAcceptance",
      BFG_CHECK_STATE_BLOCKED, NULL },
    { "db-auth-session-adapter.liveCredentials", BFG_CHECK_STATE_BLOCKED,
      NULL },
    { "provider-acceptance.liveWiringGoNoGo", BFG_CHECK_STATE_BLOCKED,
      "BLOCKED_PENDING_DRY_RUN" },
    { "provider-acceptance.authRbacOwner", BFG_CHECK_STATE_NEXT,
      "OIDC/RBAC" },
    { "decision-board.adapterSelection", BFG_CHECK_STATE_READY,
      "Target locked" },
    { "decision-board.environmentReadiness", BFG_CHECK_STATE_NEXT,
      "0/2 checks accepted" },
    { "decision-board.releaseOwnerApprovals", BFG_CHECK_STATE_NEXT,
      "0/6 checks accepted" },
    { "runbook.actorClaims", BFG_CHECK_STATE_READY, "5 actors" },
    { "runbook.adapterReplay", BFG_CHECK_STATE_NEXT, "0/4 + 0/5" },
    { "runbook.rollbackSeal", BFG_CHECK_STATE_NEXT,
      "BLOCKED_PENDING_DRY_RUN" },
    { "release.envVars", BFG_CHECK_STATE_READY, "9 release values" },
    { "release.rollbackFallback", BFG_CHECK_STATE_READY, "file-local" },
    { "rollback.ownerAcknowledgement", BFG_CHECK_STATE_NEXT,
      "Anna Kowalska" },
    { "rollback.freezeWindow", BFG_CHECK_STATE_NEXT,
      "BLOCKED_PENDING_DRY_RUN" },
    { "connection.tls", BFG_CHECK_STATE_NEXT,
      "Waiting for a connection check" },
    { "infrastructure.region", BFG_CHECK_STATE_NEXT, "Not chosen yet" },
    { "environments.demoLocal", BFG_CHECK_STATE_READY, "file-local" },
    { "data-batches.seedTenantRbac", BFG_CHECK_STATE_READY, "5 actors" },
    { "data-batches.auditTrail", BFG_CHECK_STATE_NEXT, "0 rows" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      BfgCheck *check = bfg_engine_get_check (f->engine, rows[i].id);

      g_assert_nonnull (check);
      if (bfg_check_get_state (check) != rows[i].state)
        g_error ("%s is %s", rows[i].id,
                 bfg_check_state_to_string (bfg_check_get_state (check)));
      if (rows[i].summary != NULL)
        g_assert_cmpstr (bfg_check_get_evidence_summary (check), ==,
                         rows[i].summary);
    }

  g_assert_cmpstr (bfg_check_get_value (bfg_engine_get_check (
                     f->engine, "provider-acceptance.liveProvider")), ==,
                   "db-auth-session-adapter");
  g_assert_true (g_str_has_prefix (
    bfg_check_get_value (bfg_engine_get_check (f->engine,
                                               "rollback.auditPacket")),
    "bfg-"));
}

static void
assert_decision (Fixture    *f,
                 const char *id,
                 const char *code)
{
  g_assert_cmpstr (bfg_engine_get_decision (f->engine, id), ==, code);
  g_assert_cmpstr (bfg_decisions_get_code (bfg_engine_get_decisions (f->engine),
                                           id), ==, code);
}

static void
assert_traffic (Fixture    *f,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  BfgPacket *packet;

  packet = bfg_packet_render_current (f->ws, "ProductionDbAuthAdapterWiring.v1",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bfg_packet_get_field (packet, "traffic"), ==, expected);
  bfg_packet_unref (packet);
}

static void
test_drive_to_go (Fixture       *f,
                  gconstpointer  data)
{
  const char *dry_run[] = {
    "dry-run.exportSnapshot", "dry-run.schemaMapValidation",
    "dry-run.rbacClaimsRehearsal", "dry-run.adapterReplay",
    "dry-run.rollbackCheckpoint",
  };
  const char *connection[] = {
    "connection.reachability", "connection.tls", "connection.rbacSession",
    "connection.writeProbe",
  };
  const char *infrastructure[] = {
    "infrastructure.hosting", "infrastructure.region",
    "infrastructure.runtimeOwner", "infrastructure.secretsBackup",
  };
  const char *wiring[] = {
    "db-auth-session-adapter.infrastructureAcceptance",
    "db-auth-session-adapter.endpointContract",
    "db-auth-session-adapter.tenantContext",
    "db-auth-session-adapter.oidcRbacClaims",
    "db-auth-session-adapter.rlsPolicyDraft",
    "db-auth-session-adapter.secretsBackupBoundary",
    "db-auth-session-adapter.liveCredentials",
  };
  BfgDecisions *decisions = bfg_engine_get_decisions (f->engine);
  GError *error = NULL;

  /* Dry-run: Anna records, Marek (dispatch.accept) accepts. This lifts
   * BLOCKED_PENDING_DRY_RUN everywhere. */
  for (guint i = 0; i < G_N_ELEMENTS (dry_run); i++)
    test_step_accept (f->ws, ANNA, MAREK, dry_run[i], "sha256:transcript");
  test_assert_counts (f->engine, "dry-run", 5, 5);
  assert_decision (f, "release", "BLOCKED_PENDING_OWNER_EVIDENCE");
  assert_decision (f, "rollback", "BLOCKED_PENDING_RELEASE_HANDOFF");
  assert_decision (f, "production", "BLOCKED_PENDING_PREFLIGHT");

  /* The cutover checklist, with four eyes: lifts the owner evidence. */
  test_record_accept (f->ws, MAREK, ANNA, "cutover-checklist.contractsClosed");
  test_record_accept (f->ws, ANNA, MAREK,
                      "cutover-checklist.roleHeadersMapped");
  test_record_accept (f->ws, OLENA, MAREK,
                      "cutover-checklist.scenarioStoreRehearsal");
  test_record_accept (f->ws, ANNA, OLENA, "cutover-checklist.dbSchema");
  test_record_accept (f->ws, MAREK, OLENA, "cutover-checklist.secretsAuth");
  test_record_accept (f->ws, OLENA, ANNA,
                      "cutover-checklist.migrationRollback");
  test_assert_counts (f->engine, "cutover-checklist", 6, 6);
  test_assert_counts (f->engine, "decision-board", 7, 7);
  test_assert_counts (f->engine, "release", 5, 5);
  assert_decision (f, "release", "GO_RELEASE_HANDOFF");
  assert_decision (f, "rollback", "GO_ROLLBACK_DRILL");

  /* The rollback drill binds values that are final now. */
  test_accept (f->ws, ANNA, "rollback.freezeWindow");
  test_accept (f->ws, ANNA, "rollback.ownerAcknowledgement");
  test_accept (f->ws, ANNA, "rollback.storageFallback");
  test_accept (f->ws, ANNA, "rollback.auditPacket");
  test_assert_counts (f->engine, "rollback", 4, 4);
  test_assert_counts (f->engine, "preflight", 5, 5);
  assert_decision (f, "runbook", "GO_MIGRATION_RUNBOOK");
  assert_decision (f, "production", "BLOCKED_PENDING_DATA_CUTOVER");

  /* Connection probe steps: Marek's probe, Olena accepts. */
  for (guint i = 0; i < G_N_ELEMENTS (connection); i++)
    test_step_accept (f->ws, MAREK, OLENA, connection[i],
                      "SHA256:AB:CD:EF");
  test_assert_counts (f->engine, "connection", 4, 4);

  /* Infrastructure chosen by Marek, accepted by Anna; then wiring. */
  for (guint i = 0; i < G_N_ELEMENTS (infrastructure); i++)
    {
      test_ok (bfg_workspace_choose (f->ws, MAREK, infrastructure[i],
                                     "eu-central, RPO 15 min", &error),
               error);
      test_accept (f->ws, ANNA, infrastructure[i]);
    }
  assert_decision (f, "wiring",
                   "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS");
  for (guint i = 0; i < G_N_ELEMENTS (wiring); i++)
    test_record_accept (f->ws, MAREK, ANNA, wiring[i]);
  assert_decision (f, "wiring", "GO_LIVE_WIRING");
  test_assert_counts (f->engine, "runbook", 6, 6);
  assert_decision (f, "runbook", "GO_MIGRATION_RUNBOOK");

  /* The dry-run replay verifies the batches. */
  test_ok (bfg_workspace_record_step_evidence (f->ws, ANNA,
                                               "data-batches.operationalReplay",
                                               TRUE, "sha256:ops", NULL,
                                               &error), error);
  test_ok (bfg_workspace_record_step_evidence (f->ws, ANNA,
                                               "data-batches.financeLedger",
                                               TRUE, "sha256:fin", NULL,
                                               &error), error);
  assert_decision (f, "data-cutover", "BLOCKED_PENDING_DATA_CUTOVER");
  test_ok (bfg_workspace_record_step_evidence (f->ws, ANNA,
                                               "data-batches.auditTrail",
                                               TRUE, "sha256:audit", NULL,
                                               &error), error);
  test_assert_counts (f->engine, "data-batches", 4, 4);
  test_assert_counts (f->engine, "data-cutover", 5, 5);
  assert_decision (f, "data-cutover", "GO_DATA_CUTOVER");

  test_assert_counts (f->engine, "gates", 9, 9);
  g_assert_cmpuint (bfg_engine_get_integration_percent (f->engine), ==, 100);
  assert_decision (f, "production", "BLOCKED_PENDING_PROVIDER_ACCEPTANCE");

  test_accept (f->ws, ANNA, "provider-acceptance.liveProvider");
  test_accept (f->ws, ANNA, "provider-acceptance.authRbacOwner");
  test_accept (f->ws, ANNA, "provider-acceptance.tenantSecretsBoundary");
  assert_decision (f, "production", "GO_PRODUCTION");
  g_assert_false (bfg_engine_is_production_go (f->engine));
  g_assert_cmpstr (bfg_decisions_get_recommended_check (decisions), ==,
                   "provider-acceptance.liveWiringGoNoGo");

  /* Until that last signature, the wiring packet keeps traffic off. */
  assert_traffic (f, "production_traffic_disabled");

  test_accept (f->ws, ANNA, "provider-acceptance.liveWiringGoNoGo");
  g_assert_true (bfg_engine_is_production_go (f->engine));
  assert_traffic (f, "production_traffic_enabled");
  g_assert_true (bfg_decisions_get_production_go (decisions));
  g_assert_cmpstr (bfg_decisions_get_production_label (decisions), ==, "GO");
  g_assert_cmpstr (bfg_decisions_get_recommended_title (decisions), ==,
                   "Production is GO");
  test_assert_counts (f->engine, "environments", 3, 3);

  /* Every section is ready and the chain holds. */
  for (guint i = 0; i < g_list_model_get_n_items (bfg_engine_get_sections (f->engine)); i++)
    {
      g_autoptr(BfgSection) section =
        g_list_model_get_item (bfg_engine_get_sections (f->engine), i);

      g_assert_cmpint (bfg_section_get_state (section), ==,
                       BFG_CHECK_STATE_READY);
    }
  g_assert_true (bfg_audit_verify (bfg_workspace_get_db (f->ws), NULL,
                                   &error));
  g_assert_no_error (error);
  g_assert_nonnull (bfg_decisions_get_last_write (decisions));

  /* Revoking one dry-run acceptance takes production back to NO-GO. */
  test_ok (bfg_workspace_revoke (f->ws, MAREK, "dry-run.adapterReplay",
                                 &error), error);
  g_assert_false (bfg_engine_is_production_go (f->engine));
  assert_decision (f, "production", "BLOCKED_PENDING_DRY_RUN");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_recommended_waits_for_signature (Fixture       *f,
                                      gconstpointer  data)
{
  const char *connection[] = {
    "connection.reachability", "connection.tls", "connection.rbacSession",
    "connection.writeProbe",
  };
  BfgDecisions *decisions = bfg_engine_get_decisions (f->engine);
  GError *error = NULL;

  /* Once every connection step has passing evidence, nothing is left to
   * record there: the advice turns to the owner's signature instead. */
  for (guint i = 0; i < G_N_ELEMENTS (connection); i++)
    test_ok (bfg_workspace_record_step_evidence (f->ws, MAREK, connection[i],
                                                 TRUE, "sha256:AB", "passed",
                                                 &error),
             error);

  g_assert_cmpstr (bfg_decisions_get_recommended_title (decisions), ==,
                   "Sign the evidence: Adapter connection");
  g_assert_cmpstr (bfg_decisions_get_recommended_check (decisions), ==,
                   "connection.reachability");
  g_assert_nonnull (strstr (bfg_decisions_get_recommended_reason (decisions),
                            "0/4"));
}

static void
test_models_notify_on_change_only (Fixture       *f,
                                   gconstpointer  data)
{
  BfgCheck *check = bfg_engine_get_check (f->engine,
                                          "cutover-checklist.dbSchema");
  BfgSection *section = bfg_engine_get_section (f->engine,
                                                "cutover-checklist");
  BfgCheck *unrelated = bfg_engine_get_check (f->engine, "providers.ksef");
  guint check_count = 0;
  guint section_count = 0;
  guint unrelated_count = 0;
  GError *error = NULL;

  g_signal_connect (check, "notify::state", G_CALLBACK (on_notify_cb),
                    &check_count);
  g_signal_connect (section, "notify::ready", G_CALLBACK (on_notify_cb),
                    &section_count);
  g_signal_connect (unrelated, "notify", G_CALLBACK (on_notify_cb),
                    &unrelated_count);

  /* A refresh with nothing changed notifies nothing. */
  test_ok (bfg_engine_refresh (f->engine, &error), error);
  g_assert_cmpuint (check_count, ==, 0);

  test_ok (bfg_workspace_record (f->ws, ANNA, "cutover-checklist.dbSchema",
                                 "tables made", &error), error);
  g_assert_cmpuint (check_count, ==, 1);
  g_assert_cmpint (bfg_check_get_state (check), ==, BFG_CHECK_STATE_REVIEW);
  g_assert_cmpuint (section_count, ==, 0);

  test_ok (bfg_workspace_accept (f->ws, OLENA, "cutover-checklist.dbSchema",
                                 NULL, &error), error);
  g_assert_cmpuint (check_count, ==, 2);
  g_assert_cmpuint (section_count, ==, 1);
  g_assert_cmpuint (bfg_section_get_ready (section), ==, 1);
  g_assert_cmpuint (unrelated_count, ==, 0);
}

static void
test_can_act (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *why = NULL;

  g_assert_true (bfg_engine_can_act (f->engine, MAREK,
                                     "cutover-checklist.dbSchema",
                                     BFG_ACTION_RECORD, &why));
  g_assert_null (why);

  g_assert_false (bfg_engine_can_act (f->engine, PETRO,
                                      "cutover-checklist.dbSchema",
                                      BFG_ACTION_RECORD, &why));
  g_assert_cmpstr (why, ==, "Petro Tarasenko lacks evidence.record");
  g_clear_pointer (&why, g_free);

  g_assert_false (bfg_engine_can_act (f->engine, ANNA,
                                      "db-auth-session-adapter.tenantContext",
                                      BFG_ACTION_ACCEPT, &why));
  g_assert_nonnull (strstr (why, "blocked by"));
  g_clear_pointer (&why, g_free);

  g_assert_false (bfg_engine_can_act (f->engine, OLENA,
                                      "cutover-checklist.contractsClosed",
                                      BFG_ACTION_ACCEPT, &why));
  g_assert_cmpstr (why, ==, "Olena Shevchenko lacks decisions.sign");
  g_clear_pointer (&why, g_free);

  g_assert_true (bfg_engine_can_act (f->engine, ANNA,
                                     "rollback.storageFallback",
                                     BFG_ACTION_ACCEPT, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/plan-is-dag", test_plan_is_dag);
  g_test_add ("/engine/demo-numbers", Fixture, NULL, test_engine_fixture_setup,
              test_demo_numbers, test_engine_fixture_teardown);
  g_test_add ("/engine/demo-states", Fixture, NULL, test_engine_fixture_setup,
              test_demo_states, test_engine_fixture_teardown);
  g_test_add ("/engine/drive-to-go", Fixture, NULL, test_engine_fixture_setup,
              test_drive_to_go, test_engine_fixture_teardown);
  g_test_add ("/engine/recommended-waits-for-signature", Fixture, NULL,
              test_engine_fixture_setup, test_recommended_waits_for_signature,
              test_engine_fixture_teardown);
  g_test_add ("/engine/models-notify-on-change-only", Fixture, NULL,
              test_engine_fixture_setup, test_models_notify_on_change_only,
              test_engine_fixture_teardown);
  g_test_add ("/engine/can-act", Fixture, NULL, test_engine_fixture_setup, test_can_act,
              test_engine_fixture_teardown);

  return g_test_run ();
}
