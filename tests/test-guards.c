/* test-guards.c: RBAC, separation of duties and stale acceptances
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-core-util.h"

typedef TestEngineFixture Fixture;

static gint64
audit_count (Fixture *f)
{
  return bfg_workspace_get_audit_count (f->ws);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Unknown check and unknown actor. */
  g_assert_false (bfg_workspace_record (f->ws, ANNA, "nope.nothing", NULL,
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_UNKNOWN);
  g_clear_error (&error);

  g_assert_false (bfg_workspace_record (f->ws, "user_mallory",
                                        "cutover-checklist.dbSchema", NULL,
                                        &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR);
  g_clear_error (&error);

  /* Missing permission, named. */
  g_assert_false (bfg_workspace_record (f->ws, PETRO,
                                        "cutover-checklist.dbSchema", NULL,
                                        &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "Petro Tarasenko lacks evidence.record");
  g_clear_error (&error);

  g_assert_true (bfg_workspace_record (f->ws, ANNA,
                                       "cutover-checklist.dbSchema", NULL,
                                       &error));
  g_assert_false (bfg_workspace_accept (f->ws, MAREK,
                                        "cutover-checklist.dbSchema", NULL,
                                        &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "Marek Zielinski lacks finance.accept");
  g_clear_error (&error);

  /* Wrong kind for the transition. */
  g_assert_false (bfg_workspace_choose (f->ws, MAREK,
                                        "cutover-checklist.dbSchema", "x",
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_WRONG_KIND);
  g_clear_error (&error);
  g_assert_false (bfg_workspace_accept (f->ws, ANNA, "gates.providers", NULL,
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_WRONG_KIND);
  g_clear_error (&error);
  g_assert_false (bfg_workspace_record_step_evidence (f->ws, ANNA,
                                                      "cutover-checklist.dbSchema",
                                                      TRUE, NULL, NULL,
                                                      &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_WRONG_KIND);
  g_clear_error (&error);

  /* Blocked checks can be neither recorded nor accepted. */
  g_assert_false (bfg_workspace_record (f->ws, MAREK,
                                        "db-auth-session-adapter.tenantContext",
                                        NULL, &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "infrastructureAcceptance"));
  g_clear_error (&error);
  g_assert_false (bfg_workspace_accept (f->ws, ANNA,
                                        "provider-acceptance.liveWiringGoNoGo",
                                        NULL, &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_BLOCKED);
  g_clear_error (&error);

  /* Nothing to accept, nothing to revoke, empty choice. */
  g_assert_false (bfg_workspace_accept (f->ws, OLENA, "connection.tls", NULL,
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NO_EVIDENCE);
  g_clear_error (&error);
  g_assert_false (bfg_workspace_revoke (f->ws, OLENA, "connection.tls",
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NOT_ACCEPTED);
  g_clear_error (&error);
  g_assert_false (bfg_workspace_choose (f->ws, MAREK, "infrastructure.region",
                                        "  ", &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* A failing probe step cannot be accepted. */
  g_assert_true (bfg_workspace_record_step_evidence (f->ws, MAREK,
                                                     "connection.tls", FALSE,
                                                     NULL, "handshake failed",
                                                     &error));
  g_assert_false (bfg_workspace_accept (f->ws, OLENA, "connection.tls", NULL,
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_NO_EVIDENCE);
  g_clear_error (&error);

  /* Secrets never land in settings. */
  g_assert_false (bfg_workspace_set_setting (f->ws, ANNA,
                                             "endpoint.password", "hunter2",
                                             &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Only the two successful records wrote audit events. */
  g_assert_cmpint (audit_count (f), ==, 2);
}

static void
test_separation_of_duties (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Olena runs the probe herself: she cannot accept her own result. */
  g_assert_true (bfg_workspace_record_step_evidence (f->ws, OLENA,
                                                     "connection.reachability",
                                                     TRUE, "db:5432",
                                                     "3 ms", &error));
  g_assert_false (bfg_workspace_accept (f->ws, OLENA,
                                        "connection.reachability", NULL,
                                        &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_SEPARATION_OF_DUTIES);
  g_clear_error (&error);

  /* Once someone else reruns it, she can. */
  g_assert_true (bfg_workspace_record_step_evidence (f->ws, MAREK,
                                                     "connection.reachability",
                                                     TRUE, "db:5432",
                                                     "4 ms", &error));
  g_assert_true (bfg_workspace_accept (f->ws, OLENA,
                                       "connection.reachability", NULL,
                                       &error));
  g_assert_no_error (error);

  /* Accepting twice is refused. */
  g_assert_false (bfg_workspace_accept (f->ws, OLENA,
                                        "connection.reachability", NULL,
                                        &error));
  g_assert_error (error, BFG_CHECK_ERROR, BFG_CHECK_ERROR_ALREADY_ACCEPTED);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  /* A probe acceptance binds the fingerprint. */
  test_step_accept (f->ws, MAREK, OLENA, "connection.tls", "SHA256:AA");
  value = bfg_workspace_dup_accepted_value (f->ws, "connection.tls");
  g_assert_cmpstr (value, ==, "SHA256:AA");
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, "connection.tls"),
                   ==, BFG_CHECK_STATE_READY);

  /* The same fingerprint again keeps it ready; a new one makes it stale. */
  test_ok (bfg_workspace_record_step_evidence (f->ws, ANNA, "connection.tls",
                                               TRUE, "SHA256:AA", "again",
                                               &error), error);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, "connection.tls"),
                   ==, BFG_CHECK_STATE_READY);
  test_ok (bfg_workspace_record_step_evidence (f->ws, ANNA, "connection.tls",
                                               TRUE, "SHA256:BB", "changed",
                                               &error), error);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, "connection.tls"),
                   ==, BFG_CHECK_STATE_STALE);
  g_assert_cmpint (bfg_section_get_state (bfg_engine_get_section (f->engine,
                                                                  "connection")),
                   ==, BFG_CHECK_STATE_STALE);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine, "gates.connection"),
                   ==, BFG_CHECK_STATE_STALE);

  /* Olena re-accepts the new evidence; the stale one is replaced. */
  test_accept (f->ws, OLENA, "connection.tls");
  g_clear_pointer (&value, g_free);
  value = bfg_workspace_dup_accepted_value (f->ws, "connection.tls");
  g_assert_cmpstr (value, ==, "SHA256:BB");

  /* A chosen value: stale when someone chooses another. */
  test_ok (bfg_workspace_choose (f->ws, MAREK, "infrastructure.hosting",
                                 "Hetzner", &error), error);
  test_accept (f->ws, ANNA, "infrastructure.hosting");
  test_ok (bfg_workspace_choose (f->ws, MAREK, "infrastructure.hosting",
                                 "OVH", &error), error);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "infrastructure.hosting"),
                   ==, BFG_CHECK_STATE_STALE);

  /* A computed value: the freeze window binds the release decision, which
   * changes when the dry-run completes. */
  test_accept (f->ws, ANNA, "rollback.freezeWindow");
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "rollback.freezeWindow"),
                   ==, BFG_CHECK_STATE_READY);
  test_step_accept (f->ws, ANNA, MAREK, "dry-run.exportSnapshot", "t");
  test_step_accept (f->ws, ANNA, MAREK, "dry-run.schemaMapValidation", "t");
  test_step_accept (f->ws, ANNA, MAREK, "dry-run.rbacClaimsRehearsal", "t");
  test_step_accept (f->ws, ANNA, MAREK, "dry-run.adapterReplay", "t");
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "rollback.freezeWindow"),
                   ==, BFG_CHECK_STATE_READY);
  test_step_accept (f->ws, ANNA, MAREK, "dry-run.rollbackCheckpoint", "t");
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "rollback.freezeWindow"),
                   ==, BFG_CHECK_STATE_STALE);

  /* A recorded note: new evidence after acceptance makes it stale. */
  test_record_accept (f->ws, MAREK, ANNA,
                      "cutover-checklist.contractsClosed");
  test_ok (bfg_workspace_record (f->ws, OLENA,
                                 "cutover-checklist.contractsClosed",
                                 "found a gap", &error), error);
  g_assert_cmpint (bfg_engine_get_check_state (f->engine,
                                               "cutover-checklist.contractsClosed"),
                   ==, BFG_CHECK_STATE_STALE);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;

  g_assert_false (bfg_workspace_set_setting (f->ws, PETRO, "endpoint.host",
                                             "db.example", &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  test_ok (bfg_workspace_set_setting (f->ws, OLENA, "endpoint.host",
                                      "db.example", &error), error);
  host = bfg_workspace_get_setting (f->ws, "endpoint.host");
  g_assert_cmpstr (host, ==, "db.example");
  g_assert_cmpint (bfg_workspace_get_audit_count (f->ws), ==, 1);

  test_ok (bfg_workspace_append_audit (f->ws, ANNA, "bundle.export", NULL,
                                       "dir=/tmp/x", &error), error);
  g_assert_cmpint (bfg_workspace_get_audit_count (f->ws), ==, 2);
  g_assert_false (bfg_workspace_append_audit (f->ws, "user_mallory", "x",
                                              NULL, NULL, &error));
  g_assert_error (error, BFG_RBAC_ERROR, BFG_RBAC_ERROR_UNKNOWN_ACTOR);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/guards/refusals", Fixture, NULL, test_engine_fixture_setup,
              test_refusals, test_engine_fixture_teardown);
  g_test_add ("/guards/separation-of-duties", Fixture, NULL, test_engine_fixture_setup,
              test_separation_of_duties, test_engine_fixture_teardown);
  g_test_add ("/guards/stale", Fixture, NULL, test_engine_fixture_setup, test_stale,
              test_engine_fixture_teardown);
  g_test_add ("/guards/settings", Fixture, NULL, test_engine_fixture_setup,
              test_settings, test_engine_fixture_teardown);

  return g_test_run ();
}
