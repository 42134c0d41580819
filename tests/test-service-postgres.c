/* test-service-postgres.c: the test PostgreSQL is really there, with TLS
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "bfg-test-services.h"

static void
test_tls_verify_full (void)
{
  g_autofree char *conninfo = bfg_test_pg_conninfo (FALSE, NULL);
  PGconn *conn;
  PGresult *res;

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);

  /* verify-full succeeded, so the chain and the host name were checked;
   * the server must also report this session as encrypted. */
  g_assert_true (PQsslInUse (conn));
  g_assert_nonnull (PQsslAttribute (conn, "protocol"));

  res = PQexec (conn, "select ssl from pg_stat_ssl where pid = pg_backend_pid()");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "t");
  PQclear (res);

  /* The test role is an ordinary one: RLS must apply to it. */
  res = PQexec (conn, "select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "f");
  g_assert_cmpstr (PQgetvalue (res, 0, 1), ==, "f");
  PQclear (res);

  PQfinish (conn);
}

static void
test_wrong_ca_refused (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wrong_ca = NULL;
  g_autofree char *wrong_key = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  int status = 0;

  /* A real CA that did not sign the server certificate must make
   * verify-full fail: otherwise the check above proves nothing. */
  dir = g_dir_make_tmp ("bfg-wrong-ca-XXXXXX", &error);
  g_assert_no_error (error);
  wrong_ca = g_build_filename (dir, "ca.crt", NULL);
  wrong_key = g_build_filename (dir, "ca.key", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=Another CA", "-keyout", wrong_key, "-out", wrong_ca, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  conninfo = g_strdup_printf ("host=%s port=%s dbname=%s user=%s password=%s "
                              "sslmode=verify-full sslrootcert=%s connect_timeout=5",
                              g_getenv ("BFG_TEST_PG_HOST"),
                              g_getenv ("BFG_TEST_PG_PORT"),
                              g_getenv ("BFG_TEST_PG_DATABASE"),
                              g_getenv ("BFG_TEST_PG_USER"),
                              g_getenv ("BFG_TEST_PG_PASSWORD"),
                              wrong_ca);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  g_assert_nonnull (strstr (PQerrorMessage (conn), "certificate verify failed"));
  PQfinish (conn);

  g_unlink (wrong_ca);
  g_unlink (wrong_key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bfg_test_require_pg ();

  g_test_add_func ("/services/postgres/tls-verify-full", test_tls_verify_full);
  g_test_add_func ("/services/postgres/wrong-ca-refused", test_wrong_ca_refused);

  return g_test_run ();
}
