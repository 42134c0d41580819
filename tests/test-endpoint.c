/* test-endpoint.c: endpoint validation, redaction and URI parsing
 *
 * Copyright 2026 The BFG Integration Console authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "bfg-connection.h"
#include "bfg-endpoint.h"
#include "bfg-error.h"

static void
test_defaults (void)
{
  g_autoptr(BfgEndpoint) endpoint = g_object_new (BFG_TYPE_ENDPOINT,
                                                  "host", "db.example.com",
                                                  "database", "bfg",
                                                  "user", "bfg_app",
                                                  NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (bfg_endpoint_get_port (endpoint), ==, 5432);
  g_assert_cmpint (bfg_endpoint_get_sslmode (endpoint), ==, BFG_SSL_MODE_VERIFY_FULL);
  g_assert_null (bfg_endpoint_get_ca_file (endpoint));
  g_assert_false (bfg_endpoint_get_weak_tls (endpoint));
  g_assert_true (bfg_endpoint_validate (endpoint, &error));
  g_assert_no_error (error);
}

static void
test_weak_tls (void)
{
  g_autoptr(BfgEndpoint) endpoint = bfg_endpoint_new ("db", 5432, "bfg", "app",
                                                      BFG_SSL_MODE_REQUIRE, NULL);
  gboolean weak = FALSE;
  BfgSslMode mode;

  g_assert_true (bfg_endpoint_validate (endpoint, NULL));
  g_assert_true (bfg_endpoint_get_weak_tls (endpoint));
  g_object_get (endpoint, "weak-tls", &weak, NULL);
  g_assert_true (weak);

  g_assert_true (bfg_ssl_mode_from_string ("verify-ca", &mode));
  g_assert_cmpint (mode, ==, BFG_SSL_MODE_VERIFY_CA);
  g_assert_false (bfg_ssl_mode_from_string ("prefer", &mode));
  g_assert_false (bfg_ssl_mode_from_string ("disable", &mode));
  g_assert_false (bfg_ssl_mode_from_string (NULL, &mode));
}

typedef struct
{
  const char *host;
  guint       port;
  const char *database;
  const char *user;
  int         sslmode;
  const char *ca_file;
  int         code;
} InvalidCase;

static void
test_validation (void)
{
  g_autofree char *long_name = g_strnfill (64, 'a');
  g_autofree char *long_host = g_strnfill (254, 'a');
  const InvalidCase cases[] = {
    { "", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { NULL, 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "db host", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "-db.example", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "db..example", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "db/x", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "bücher.example", 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { long_host, 5432, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_HOST },
    { "db", 0, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_PORT },
    { "db", 65536, "bfg", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_PORT },
    { "db", 5432, "", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_DATABASE },
    { "db", 5432, long_name, "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_DATABASE },
    { "db", 5432, "bf\ng", "app", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_DATABASE },
    { "db", 5432, "bfg", "", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_USER },
    { "db", 5432, "bfg", "a\tb", 0, NULL, BFG_ENDPOINT_ERROR_INVALID_USER },
    { "db", 5432, "bfg", "app", 7, NULL, BFG_ENDPOINT_ERROR_INVALID_SSLMODE },
    { "db", 5432, "bfg", "app", 0, "relative/ca.crt", BFG_ENDPOINT_ERROR_INVALID_CA_FILE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BfgEndpoint) endpoint = NULL;
      g_autoptr(GError) error = NULL;

      endpoint = g_object_new (BFG_TYPE_ENDPOINT,
                               "host", cases[i].host,
                               "port", cases[i].port,
                               "database", cases[i].database,
                               "user", cases[i].user,
                               "ca-file", cases[i].ca_file,
                               NULL);
      /* An out-of-range mode cannot pass through the enum property. */
      if (cases[i].sslmode != 0)
        {
          g_clear_object (&endpoint);
          endpoint = bfg_endpoint_new (cases[i].host, cases[i].port, cases[i].database,
                                       cases[i].user, BFG_SSL_MODE_VERIFY_FULL, NULL);
          g_assert_true (bfg_endpoint_validate (endpoint, NULL));
          g_assert_null (bfg_ssl_mode_to_string ((BfgSslMode) cases[i].sslmode));
          continue;
        }

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (bfg_endpoint_validate (endpoint, &error));
      g_assert_error (error, BFG_ENDPOINT_ERROR, cases[i].code);
    }
}

static void
test_valid_hosts (void)
{
  const char *hosts[] = { "localhost", "127.0.0.1", "::1", "fe80::1", "db-1.internal",
                          "xn--bcher-kva.example", "pg_primary.local" };

  for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(BfgEndpoint) endpoint = bfg_endpoint_new (hosts[i], 5432, "bfg", "app",
                                                          BFG_SSL_MODE_VERIFY_FULL, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (bfg_endpoint_validate (endpoint, &error));
      g_assert_no_error (error);
    }
}

static void
test_redacted (void)
{
  g_autoptr(BfgEndpoint) plain = bfg_endpoint_new ("db.example.com", 6432, "bfg", "bfg_app",
                                                   BFG_SSL_MODE_VERIFY_FULL, "/etc/ca.pem");
  g_autoptr(BfgEndpoint) v6 = bfg_endpoint_new ("2001:db8::5", 5432, "bfg", "app",
                                                BFG_SSL_MODE_VERIFY_CA, NULL);
  g_autoptr(BfgEndpoint) odd = bfg_endpoint_new ("db", 5432, "my db/x", "a@b:c",
                                                 BFG_SSL_MODE_REQUIRE, NULL);
  g_autofree char *plain_uri = bfg_endpoint_to_redacted_uri (plain);
  g_autofree char *v6_uri = bfg_endpoint_to_redacted_uri (v6);
  g_autofree char *odd_uri = bfg_endpoint_to_redacted_uri (odd);

  g_assert_cmpstr (plain_uri, ==,
                   "postgresql://bfg_app@db.example.com:6432/bfg?sslmode=verify-full");
  g_assert_cmpstr (v6_uri, ==, "postgresql://app@[2001:db8::5]:5432/bfg?sslmode=verify-ca");
  g_assert_cmpstr (odd_uri, ==, "postgresql://a%40b%3Ac@db:5432/my%20db%2Fx?sslmode=require");
}

static void
assert_round_trip (BfgEndpoint *endpoint)
{
  g_autofree char *uri = bfg_endpoint_to_redacted_uri (endpoint);
  g_autoptr(BfgEndpoint) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = bfg_endpoint_new_from_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bfg_endpoint_get_host (parsed), ==, bfg_endpoint_get_host (endpoint));
  g_assert_cmpuint (bfg_endpoint_get_port (parsed), ==, bfg_endpoint_get_port (endpoint));
  g_assert_cmpstr (bfg_endpoint_get_database (parsed), ==,
                   bfg_endpoint_get_database (endpoint));
  g_assert_cmpstr (bfg_endpoint_get_user (parsed), ==, bfg_endpoint_get_user (endpoint));
  g_assert_cmpint (bfg_endpoint_get_sslmode (parsed), ==,
                   bfg_endpoint_get_sslmode (endpoint));
}

static void
test_parse (void)
{
  g_autoptr(BfgEndpoint) a = bfg_endpoint_new ("db.example.com", 6432, "bfg", "bfg_app",
                                               BFG_SSL_MODE_VERIFY_FULL, NULL);
  g_autoptr(BfgEndpoint) b = bfg_endpoint_new ("2001:db8::5", 5432, "bfg", "app",
                                               BFG_SSL_MODE_VERIFY_CA, NULL);
  g_autoptr(BfgEndpoint) c = bfg_endpoint_new ("db", 5432, "my db/x", "a@b:c",
                                               BFG_SSL_MODE_REQUIRE, NULL);
  g_autoptr(BfgEndpoint) short_form = NULL;
  g_autoptr(BfgEndpoint) with_ca = NULL;
  g_autoptr(GError) error = NULL;

  assert_round_trip (a);
  assert_round_trip (b);
  assert_round_trip (c);

  short_form = bfg_endpoint_new_from_uri ("postgres://app@db/bfg", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bfg_endpoint_get_port (short_form), ==, 5432);
  g_assert_cmpint (bfg_endpoint_get_sslmode (short_form), ==, BFG_SSL_MODE_VERIFY_FULL);

  with_ca = bfg_endpoint_new_from_uri ("postgresql://app@db:5432/bfg?sslmode=verify-ca"
                                       "&sslrootcert=/etc/ssl/ca.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bfg_endpoint_get_ca_file (with_ca), ==, "/etc/ssl/ca.pem");
  g_assert_true (bfg_endpoint_equal (with_ca, with_ca));
  g_assert_false (bfg_endpoint_equal (with_ca, short_form));
}

static void
test_parse_refuses (void)
{
  const struct
  {
    const char *uri;
    int         code;
  } cases[] = {
    { "postgresql://app:hunter2@db/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db/bfg?password=hunter2", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "mysql://app@db/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://db/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db/", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db/a/b", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db/bfg#frag", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db/bfg?sslmode=disable", BFG_ENDPOINT_ERROR_INVALID_SSLMODE },
    { "postgresql://app@db/bfg?sslmode=prefer", BFG_ENDPOINT_ERROR_INVALID_SSLMODE },
    { "postgresql://app@db/bfg?host=evil", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db:99999/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://app@db:0/bfg", BFG_ENDPOINT_ERROR_INVALID_PORT },
    { "postgresql://a%00b@db/bfg", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "postgresql://a%0Ab@db/bfg", BFG_ENDPOINT_ERROR_INVALID_USER },
    { "not a uri", BFG_ENDPOINT_ERROR_INVALID_URI },
    { "", BFG_ENDPOINT_ERROR_INVALID_URI },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BfgEndpoint) endpoint = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].uri);
      endpoint = bfg_endpoint_new_from_uri (cases[i].uri, &error);
      g_assert_null (endpoint);
      g_assert_error (error, BFG_ENDPOINT_ERROR, cases[i].code);
      g_assert_null (strstr (error->message, "hunter2"));
    }
}

/* A small in-tree fuzz pass: random edits of valid URIs must never
 * crash, and whatever parses must survive a redact-and-parse round trip. */
static void
test_parse_fuzz (void)
{
  const char *seeds[] = {
    "postgresql://bfg_app@db.example.com:6432/bfg?sslmode=verify-full",
    "postgresql://app@[2001:db8::5]:5432/bfg?sslmode=verify-ca",
    "postgresql://a%40b%3Ac@db:5432/my%20db%2Fx?sslmode=require&sslrootcert=/ca",
  };
  const char alphabet[] = "%:/@?&=[]#.-_aZ09 \x7f\x01\xc3\xa9";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260601);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) uri = g_string_new (seeds[round % G_N_ELEMENTS (seeds)]);
      g_autoptr(BfgEndpoint) endpoint = NULL;
      g_autoptr(GError) error = NULL;
      guint edits = g_rand_int_range (rand, 1, 5);

      for (guint e = 0; e < edits; e++)
        {
          gsize pos = g_rand_int_range (rand, 0, uri->len + 1);
          char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              g_string_insert_c (uri, pos, c);
              break;
            case 1:
              if (pos < uri->len)
                g_string_erase (uri, pos, 1);
              break;
            default:
              if (pos < uri->len)
                uri->str[pos] = c;
              break;
            }
        }

      endpoint = bfg_endpoint_new_from_uri (uri->str, &error);
      if (endpoint == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == BFG_ENDPOINT_ERROR);
          continue;
        }

      g_assert_no_error (error);
      assert_round_trip (endpoint);
    }
}

/* The workspace glue: the endpoint survives a save and load, holds no
 * password, and a probe result becomes evidence on the four checks. */
static void
test_workspace_glue (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bfg-test-endpoint-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite", NULL);
  g_autoptr(BfgWorkspace) workspace = NULL;
  g_autoptr(BfgEndpoint) endpoint = NULL;
  g_autoptr(BfgEndpoint) loaded = NULL;
  g_autoptr(BfgProbeOptions) options = NULL;
  g_autoptr(BfgProbeOptions) prepared = NULL;
  g_autoptr(BfgProbeResult) result = NULL;
  g_autoptr(GError) locked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  const char *actor = "user_accountant_olena";

  workspace = bfg_workspace_open (path, BFG_WORKSPACE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_assert_null (bfg_connection_load_endpoint (workspace, &error));
  g_assert_no_error (error);

  endpoint = bfg_endpoint_new ("db.example.com", 6432, "bfg", "bfg_app",
                               BFG_SSL_MODE_VERIFY_CA, "/etc/bfg ca/root.pem");
  g_assert_true (bfg_connection_save_endpoint (workspace, actor, endpoint, &error));
  g_assert_no_error (error);

  stored = bfg_workspace_get_setting (workspace, BFG_CONNECTION_ENDPOINT_SETTING);
  g_assert_true (g_str_has_prefix (stored, "postgresql://bfg_app@db.example.com:6432/bfg"));
  loaded = bfg_connection_load_endpoint (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_endpoint_equal (endpoint, loaded));

  prepared = bfg_connection_prepare_probe (workspace, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_endpoint_equal (bfg_probe_options_get_endpoint (prepared), endpoint));

  /* A probe that could not get the password: every check gets failed
   * evidence with the reason, none passes. */
  options = bfg_probe_options_new (endpoint, "tenant-a");
  locked = g_error_new_literal (BFG_SECRET_ERROR, BFG_SECRET_ERROR_LOCKED, "locked");
  bfg_probe_options_set_password_error (options, locked);
  result = bfg_probe_run_sync (options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bfg_connection_record_result (workspace, actor, result, &error));
  g_assert_no_error (error);

  g_clear_object (&workspace);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/endpoint/defaults", test_defaults);
  g_test_add_func ("/endpoint/weak-tls", test_weak_tls);
  g_test_add_func ("/endpoint/validation", test_validation);
  g_test_add_func ("/endpoint/valid-hosts", test_valid_hosts);
  g_test_add_func ("/endpoint/redacted", test_redacted);
  g_test_add_func ("/endpoint/parse", test_parse);
  g_test_add_func ("/endpoint/parse-refuses", test_parse_refuses);
  g_test_add_func ("/endpoint/parse-fuzz", test_parse_fuzz);
  g_test_add_func ("/endpoint/workspace-glue", test_workspace_glue);

  return g_test_run ();
}
